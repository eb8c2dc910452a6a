/**
 * The update service behind the future IPC channels (`update:status`, `update:check`,
 * `update:install`, event `update:state`): it owns the schedule (10 s after start, then every
 * 6 h), the channel and the state, and drives an UpdaterPort. The Electron glue implements the
 * port over electron-updater; the preview host can build one that is simply disabled.
 * Nothing here throws at its caller: update trouble is a state, never a blocked action.
 */
import type { ChannelOptions, UpdateChannel, UpdaterDecision } from './policy';
import { channelOptions, delayUntilNextCheck } from './policy';
import type { UpdateEvent, UpdateState } from './state';
import { canCheck, INITIAL_UPDATE_STATE, reduceUpdateState } from './state';

/** What the controller needs from an updater; events come back through `controller.handle`. */
export interface UpdaterPort {
  configure(options: ChannelOptions): void;
  /** Starts a check (and, when one is found, the download); resolves when the check ends. */
  check(): Promise<void>;
  /** Quits and installs the downloaded update. */
  install(): void;
}

export interface UpdateStatus {
  state: UpdateState;
  channel: UpdateChannel;
  currentVersion: string;
  /** ISO times, for Settings: "Last checked …". */
  lastCheckedAt: string | null;
  nextCheckAt: string | null;
}

export type CancelTimer = () => void;

export interface UpdateControllerDeps {
  port: UpdaterPort;
  decision: UpdaterDecision;
  channel: UpdateChannel;
  currentVersion: string;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => CancelTimer;
  log?: (level: 'info' | 'error', message: string) => void;
}

export interface UpdateController {
  start(): void;
  stop(): void;
  status(): UpdateStatus;
  /** The "Check now" button; also what the timer calls. */
  checkNow(): Promise<UpdateStatus>;
  /** "Restart to update": false unless an update is ready. */
  install(): boolean;
  setChannel(channel: UpdateChannel): void;
  handle(event: UpdateEvent): void;
  onState(listener: (status: UpdateStatus) => void): () => void;
}

function defaultSetTimer(run: () => void, ms: number): CancelTimer {
  const timer = setTimeout(run, ms);
  // A pending update check must never keep a CLI or test process alive.
  timer.unref?.();
  return () => clearTimeout(timer);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? defaultSetTimer;
  const log = deps.log ?? (() => undefined);
  const listeners = new Set<(status: UpdateStatus) => void>();
  let state: UpdateState = INITIAL_UPDATE_STATE;
  let channel = deps.channel;
  let startedAt = now();
  let lastCheckAt: number | null = null;
  let dueAt: number | null = null;
  let cancel: CancelTimer | null = null;

  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  const status = (): UpdateStatus => ({
    state,
    channel,
    currentVersion: deps.currentVersion,
    lastCheckedAt: iso(lastCheckAt),
    nextCheckAt: iso(dueAt),
  });

  function handle(event: UpdateEvent): void {
    const next = reduceUpdateState(state, event);
    if (event.type === 'error') log('error', `update: ${event.message}`);
    if (next === state) return;
    state = next;
    const snapshot = status();
    for (const listener of listeners) listener(snapshot);
  }

  function schedule(): void {
    cancel?.();
    if (!deps.decision.enabled) return;
    const delay = delayUntilNextCheck(startedAt, lastCheckAt, now());
    dueAt = now() + delay;
    cancel = setTimer(tick, delay);
  }

  /** A due check that finds a download under way (or ready) waits a whole interval instead. */
  function tick(): void {
    if (canCheck(state)) {
      void checkNow();
      return;
    }
    lastCheckAt = now();
    schedule();
  }

  async function checkNow(): Promise<UpdateStatus> {
    if (!deps.decision.enabled || !canCheck(state)) return status();
    lastCheckAt = now();
    schedule();
    handle({ type: 'check' });
    try {
      await deps.port.check();
    } catch (err) {
      handle({ type: 'error', message: errorMessage(err) });
    }
    return status();
  }

  function start(): void {
    if (!deps.decision.enabled) {
      handle({ type: 'disable', reason: deps.decision.reason });
      log('info', `update: disabled (${deps.decision.reason})`);
      return;
    }
    startedAt = now();
    deps.port.configure(channelOptions(channel));
    schedule();
  }

  function install(): boolean {
    if (state.kind !== 'ready') return false;
    deps.port.install();
    return true;
  }

  function setChannel(next: UpdateChannel): void {
    if (next === channel) return;
    channel = next;
    if (deps.decision.enabled) deps.port.configure(channelOptions(channel));
    for (const listener of listeners) listener(status());
  }

  return {
    start,
    stop: () => {
      cancel?.();
      cancel = null;
      dueAt = null;
    },
    status,
    checkNow,
    install,
    setChannel,
    handle,
    onState: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** For hosts that never update themselves (the browser preview): a permanent disabled state. */
export function disabledUpdateController(
  reason: Extract<UpdaterDecision, { enabled: false }>['reason'],
  currentVersion: string,
  channel: UpdateChannel = 'stable',
): UpdateController {
  const port: UpdaterPort = {
    configure: () => undefined,
    check: async () => undefined,
    install: () => undefined,
  };
  const controller = createUpdateController({
    port,
    decision: { enabled: false, reason },
    channel,
    currentVersion,
  });
  controller.start();
  return controller;
}
