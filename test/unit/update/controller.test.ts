import { describe, expect, it } from 'vitest';
import type { UpdaterPort, UpdateStatus } from '../../../src-main/core/update/controller';
import { createUpdateController, disabledUpdateController } from '../../../src-main/core/update/controller';
import type { ChannelOptions, UpdaterDecision } from '../../../src-main/core/update/policy';
import { CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS } from '../../../src-main/core/update/policy';

/** A manual clock and timer queue: the schedule is asserted without waiting. */
function fakeTime() {
  let now = 0;
  let timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return () => (timers = timers.filter((t) => t !== timer));
    },
    pending: () => timers.map((t) => t.at),
    async advanceTo(at: number) {
      now = at;
      const due = timers.filter((t) => t.at <= at);
      timers = timers.filter((t) => t.at > at);
      for (const t of due) t.run();
      await Promise.resolve();
    },
  };
}

function fakePort(result: () => Promise<void> = async () => undefined) {
  const calls = { checks: 0, installs: 0, configured: [] as ChannelOptions[] };
  const port: UpdaterPort = {
    configure: (o) => calls.configured.push(o),
    check: () => {
      calls.checks += 1;
      return result();
    },
    install: () => (calls.installs += 1),
  };
  return { port, calls };
}

function setup(decision: UpdaterDecision = { enabled: true }, check?: () => Promise<void>) {
  const time = fakeTime();
  const { port, calls } = fakePort(check);
  const controller = createUpdateController({
    port,
    decision,
    channel: 'stable',
    currentVersion: '1.0.0',
    now: time.now,
    setTimer: time.setTimer,
  });
  return { time, calls, controller };
}

describe('update controller', () => {
  it('checks 10 s after start and then every 6 hours', async () => {
    const { time, calls, controller } = setup();
    controller.start();
    expect(time.pending()).toEqual([FIRST_CHECK_DELAY_MS]);
    await time.advanceTo(FIRST_CHECK_DELAY_MS - 1);
    expect(calls.checks).toBe(0);
    await time.advanceTo(FIRST_CHECK_DELAY_MS);
    expect(calls.checks).toBe(1);
    controller.handle({ type: 'not-available' });
    expect(time.pending()).toEqual([FIRST_CHECK_DELAY_MS + CHECK_INTERVAL_MS]);
    await time.advanceTo(FIRST_CHECK_DELAY_MS + CHECK_INTERVAL_MS);
    expect(calls.checks).toBe(2);
  });

  it('configures the channel at start and when Settings changes it', () => {
    const { calls, controller } = setup();
    controller.start();
    controller.setChannel('beta');
    expect(calls.configured.map((o) => o.channel)).toEqual(['latest', 'beta']);
    expect(controller.status().channel).toBe('beta');
  });

  it('"Check now" restarts the 6-hour interval and reports the last check', async () => {
    const { time, controller } = setup();
    controller.start();
    await time.advanceTo(3_000);
    const status = await controller.checkNow();
    expect(status.lastCheckedAt).toBe(new Date(3_000).toISOString());
    expect(time.pending()).toEqual([3_000 + CHECK_INTERVAL_MS]);
  });

  it('turns a failed check into an error state, never a rejection', async () => {
    const { controller } = setup({ enabled: true }, async () => {
      throw new Error('net::ERR_NAME_NOT_RESOLVED');
    });
    controller.start();
    const status = await controller.checkNow();
    expect(status.state).toEqual({ kind: 'error', message: 'net::ERR_NAME_NOT_RESOLVED' });
  });

  it('emits each state to listeners and installs only when ready', async () => {
    const { calls, controller } = setup();
    const seen: UpdateStatus[] = [];
    controller.onState((s) => seen.push(s));
    controller.start();
    expect(controller.install()).toBe(false);
    await controller.checkNow();
    controller.handle({ type: 'available', version: '1.1.0' });
    controller.handle({ type: 'progress', percent: 50, transferred: 5, total: 10, bytesPerSecond: 1 });
    controller.handle({ type: 'downloaded', version: '1.1.0' });
    expect(seen.map((s) => s.state.kind)).toEqual(['checking', 'available', 'downloading', 'ready']);
    expect(controller.install()).toBe(true);
    expect(calls.installs).toBe(1);
  });

  it('a due check during a download waits another interval instead of interrupting it', async () => {
    const { time, calls, controller } = setup();
    controller.start();
    await time.advanceTo(FIRST_CHECK_DELAY_MS);
    controller.handle({ type: 'available', version: '1.1.0' });
    await time.advanceTo(FIRST_CHECK_DELAY_MS + CHECK_INTERVAL_MS);
    expect(calls.checks).toBe(1);
    expect(time.pending()).toEqual([FIRST_CHECK_DELAY_MS + 2 * CHECK_INTERVAL_MS]);
  });

  it('when disabled: reports the reason, schedules nothing, never checks', async () => {
    const { time, calls, controller } = setup({ enabled: false, reason: 'msi' });
    controller.start();
    expect(controller.status().state).toMatchObject({ kind: 'disabled', reason: 'msi' });
    expect(time.pending()).toEqual([]);
    await controller.checkNow();
    expect(calls.checks).toBe(0);
    expect(calls.configured).toEqual([]);
  });
});

describe('preview host', () => {
  it('reports that updates are managed by the installed app', async () => {
    const controller = disabledUpdateController('preview', '1.0.0');
    expect(controller.status().state).toMatchObject({ kind: 'disabled', reason: 'preview' });
    expect((controller.status().state as { message: string }).message).toMatch(/installed app/);
    expect((await controller.checkNow()).state.kind).toBe('disabled');
    expect(controller.install()).toBe(false);
  });
});
