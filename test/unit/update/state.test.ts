import { describe, expect, it } from 'vitest';
import type { UpdateEvent, UpdateState } from '../../../src-main/core/update/state';
import { INITIAL_UPDATE_STATE, reduceUpdateState } from '../../../src-main/core/update/state';

const run = (events: UpdateEvent[], from: UpdateState = INITIAL_UPDATE_STATE): UpdateState =>
  events.reduce(reduceUpdateState, from);
const progress = (percent: number): UpdateEvent => ({
  type: 'progress',
  percent,
  transferred: percent,
  total: 100,
  bytesPerSecond: 10,
});

describe('update state machine', () => {
  it('goes idle → checking → available → downloading → ready', () => {
    const states = [
      { type: 'check' },
      { type: 'available', version: '1.2.0' },
      progress(40),
      { type: 'downloaded', version: '1.2.0' },
    ].reduce<UpdateState[]>(
      (acc, e) => [...acc, reduceUpdateState(acc.at(-1) as UpdateState, e as UpdateEvent)],
      [INITIAL_UPDATE_STATE],
    );
    expect(states.map((s) => s.kind)).toEqual(['idle', 'checking', 'available', 'downloading', 'ready']);
    expect(states[3]).toMatchObject({ version: '1.2.0', percent: 40, total: 100 });
  });

  it('returns to idle when there is nothing new', () => {
    expect(run([{ type: 'check' }, { type: 'not-available' }])).toEqual({ kind: 'idle' });
  });

  it('clamps progress and ignores progress with no update under way', () => {
    expect(run([{ type: 'check' }, { type: 'available', version: '2.0.0' }, progress(250)])).toMatchObject({
      percent: 100,
    });
    expect(run([progress(10)])).toEqual({ kind: 'idle' });
  });

  it('records errors and lets the next check start from them', () => {
    const failed = run([{ type: 'check' }, { type: 'error', message: 'offline' }]);
    expect(failed).toEqual({ kind: 'error', message: 'offline' });
    expect(reduceUpdateState(failed, { type: 'check' })).toEqual({ kind: 'checking' });
  });

  it('does not restart a check while checking, downloading or ready', () => {
    const downloading = run([{ type: 'check' }, { type: 'available', version: '2.0.0' }, progress(5)]);
    expect(reduceUpdateState(downloading, { type: 'check' })).toBe(downloading);
    const ready = run([{ type: 'downloaded', version: '2.0.0' }]);
    expect(reduceUpdateState(ready, { type: 'check' })).toBe(ready);
    expect(reduceUpdateState(ready, { type: 'error', message: 'later check failed' })).toBe(ready);
  });

  it('disabled is final and says why', () => {
    const disabled = run([{ type: 'disable', reason: 'msi' }]);
    expect(disabled).toMatchObject({ kind: 'disabled', reason: 'msi' });
    expect((disabled as { message: string }).message).toMatch(/MSI/);
    expect(run([{ type: 'check' }, { type: 'downloaded', version: '9.9.9' }], disabled)).toBe(disabled);
  });
});
