/** The renderer's resource states: a reload keeps the last good value until its reply settles it. */
import { describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../src-renderer/bridge/types';
import {
  idle,
  loading,
  reload,
  settle,
  valueOf,
  type Resource,
  type ResourceSlot,
} from '../../../src-renderer/ui/resource';

const failure: IpcResult<string[]> = {
  ok: false,
  error: { code: 'busy', message: 'Another run holds the memory.' },
};

function slot<T>(initial: Resource<T>): ResourceSlot<T> & { seen: Resource<T>[] } {
  let current = initial;
  const seen: Resource<T>[] = [];
  return {
    seen,
    get: () => current,
    put: (next) => {
      current = next;
      seen.push(next);
    },
  };
}

describe('resource states', () => {
  it('shows the last good value while loading and after a failed reload', () => {
    const ready: Resource<string[]> = { status: 'ready', value: ['a'] };
    const reloading = loading(ready);
    expect(reloading).toEqual({ status: 'loading', previous: ['a'] });
    expect(valueOf(reloading)).toEqual(['a']);
    const failed = settle(reloading, failure);
    expect(failed).toEqual({ status: 'error', error: failure.ok ? null : failure.error, previous: ['a'] });
    expect(valueOf(failed)).toEqual(['a']);
    expect(valueOf(idle)).toBeUndefined();
  });

  it('drops the last good value when something else replaced the loading state', () => {
    const replaced: Resource<string[]> = { status: 'ready', value: ['b'] };
    expect(settle(replaced, failure)).toEqual({ status: 'error', error: failure.ok ? null : failure.error });
  });

  it('settles a reload with the fresh value', async () => {
    const s = slot<string[]>({ status: 'ready', value: ['old'] });
    await reload(s, async () => ({ ok: true, value: ['new'] }));
    expect(s.seen).toEqual([
      { status: 'loading', previous: ['old'] },
      { status: 'ready', value: ['new'] },
    ]);
  });

  it('leaves an overtaken reload to the newer one', async () => {
    const s = slot<string[]>(idle);
    let overtaken = false;
    await reload(
      s,
      async () => {
        overtaken = true;
        return { ok: true, value: ['late'] };
      },
      () => overtaken,
    );
    expect(s.seen).toEqual([{ status: 'loading', previous: undefined }]);
  });
});
