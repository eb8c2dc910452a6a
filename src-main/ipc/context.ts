import fs from 'node:fs';
import os from 'node:os';
import { openLog } from '../core/log/open-log';
import type { PackagedCli } from '../core/launcher/script';
import type { Logger } from '../core/log/logger';
import type { UpdateController } from '../core/update/controller';
import { resolveWorkspace, type Workspace, type WorkspaceFlags } from '../core/workspace/resolve-workspace';
import { EventHub } from './event-hub';
import type { Timer } from '../host/license-monitor';
import type { GitService } from '../host/git-service';
import { PathGuard } from './path-guard';
import { allowedRoots } from './roots';
import { StoreReader } from '../host/store-reader';
import type { BuildKind } from '../core/license/public-key';

/** What only the host can do: Electron opens folders, links and folder dialogs; the preview cannot. */
export interface HostShell {
  reveal(path: string): Promise<boolean>;
  openExternal(url: string): Promise<boolean>;
  /** The OS folder picker; the chosen folder, or null when cancelled. Absent: no dialog here. */
  chooseFolder?(opts: { title?: string; defaultPath?: string }): Promise<string | null>;
}

export const NO_SHELL: HostShell = { reveal: async () => false, openExternal: async () => false };

export interface ServiceOptions {
  host: 'electron' | 'preview';
  version: string;
  /** `--root` / `--memory`: override the settings for this process, as in the CLI. */
  flags?: WorkspaceFlags;
  env?: NodeJS.ProcessEnv;
  shell?: HostShell;
  /** null: no git integration (repos:* answer `unavailable`). Default: core/git. */
  git?: GitService | null;
  cwd?: string;
  tmpdir?: string;
  /** Start the file watchers and the live log feed (default true). */
  watch?: boolean;
  /** Quiet time after an export appears before an auto-import starts (default 2000 ms). */
  autoImportDelayMs?: number;
  /** Passed to the pipeline's discovery; tests shorten it. */
  settleMs?: number;
  /** How long a run waits for a CLI run holding the lock (default 10 s). */
  lockWaitMs?: number;
  /**
   * The update service. Default: in the preview, one that is disabled (the installed app
   * manages updates); in Electron none until main attaches the real one (`attachUpdates`).
   */
  updates?: UpdateController;
  /**
   * The CLI the `coditect` launcher runs (Electron: its own binary and out/main/cli.js). Absent:
   * this host does not install the launcher (the browser preview runs from a checkout).
   */
  launcher?: PackagedCli | null;
  license?: LicenseOptions;
}

/** Seams for the license service: tests pin the clock and the machine fingerprint. */
export interface LicenseOptions {
  /** Electron passes 'packaged' when app.isPackaged: the vendor key only (default 'development'). */
  build?: BuildKind;
  now?: () => Date;
  fingerprint?: () => string;
  /** Revalidate with the license server at start and every 24 h (default: the `watch` option). */
  revalidate?: boolean;
  /** The revalidation timer (default: setTimeout). */
  timer?: Timer;
}

/**
 * The state every handler shares: the resolved workspace (re-resolved when settings
 * change), the read connection to the index, the path guard, the log and the events.
 */
export class ServiceContext {
  readonly events: EventHub;
  readonly env: NodeJS.ProcessEnv;
  readonly shell: HostShell;
  readonly cwd: string;
  readonly tmpdir: string;
  readonly store: StoreReader;
  workspace: Workspace;
  guard: PathGuard;
  private log: Logger;
  private readonly reloadListeners = new Set<(ws: Workspace) => void>();

  constructor(readonly options: ServiceOptions) {
    this.env = options.env ?? process.env;
    this.shell = options.shell ?? NO_SHELL;
    this.cwd = options.cwd ?? process.cwd();
    this.tmpdir = options.tmpdir ?? os.tmpdir();
    this.events = new EventHub((message, err) => this.logError('ipc', message, err));
    this.workspace = resolveWorkspace(options.flags ?? {}, this.env);
    this.guard = new PathGuard(allowedRoots(this.workspace));
    this.store = new StoreReader(this.workspace.layout.storeFile);
    this.log = this.openLogger();
  }

  get logger(): Logger {
    return this.log;
  }

  /** Settings changed: resolve again and tell the watchers, the log feed and the store. */
  reload(): Workspace {
    this.workspace = resolveWorkspace(this.options.flags ?? {}, this.env);
    this.guard = new PathGuard(allowedRoots(this.workspace));
    this.store.retarget(this.workspace.layout.storeFile);
    this.log.close();
    this.log = this.openLogger();
    for (const listener of this.reloadListeners) listener(this.workspace);
    return this.workspace;
  }

  onReload(listener: (ws: Workspace) => void): () => void {
    this.reloadListeners.add(listener);
    return () => void this.reloadListeners.delete(listener);
  }

  /**
   * A log line only where the log already lives (the memory folder's .local): before set-up
   * there is none, and writing one would create folders in a root the user never chose.
   */
  note(level: 'info' | 'warn', step: string, message: string): void {
    if (!fs.existsSync(this.workspace.layout.localDir)) return;
    try {
      this.log[level](step, message);
    } catch {
      // A log that cannot be written must not fail the action it describes.
    }
  }

  /** Logs a failure with its stack; the renderer only ever sees a safe message. */
  logError(step: string, message: string, err: unknown): void {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    try {
      this.log.error(step, message, { error: detail });
    } catch {
      // The log itself failing must not turn one error into two.
    }
  }

  close(): void {
    this.store.close();
    this.log.close();
  }

  private openLogger(): Logger {
    return openLog(this.workspace.layout.logFile, {
      maxLines: this.workspace.settings.logMaxLines,
      env: this.env,
    });
  }
}
