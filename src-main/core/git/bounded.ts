/**
 * Bounded parallelism for git work: enough in flight to keep the cores and the disk busy,
 * few enough that a tree of thousands of repositories does not spawn thousands of `git`
 * processes or open thousands of directories at once.
 */

/** Maps `items` with at most `limit` calls of `fn` running; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * Works through a queue that grows while it is worked (a directory walk): `work` may `add`
 * more items. Resolves when the queue is empty and nothing is running. `work` must not throw.
 */
export function drainQueue<T>(
  initial: readonly T[],
  limit: number,
  work: (item: T, add: (item: T) => void) => Promise<void>,
): Promise<void> {
  return new Promise((resolve) => {
    const queue = [...initial];
    let active = 0;
    const add = (item: T) => {
      queue.push(item);
      pump();
    };
    const pump = () => {
      while (active < limit && queue.length) {
        const item = queue.pop()!;
        active++;
        // A throwing `work` is a bug in the caller; it must not also hang the walk.
        void work(item, add)
          .catch(() => undefined)
          .finally(() => {
            active--;
            pump();
            if (active === 0 && queue.length === 0) resolve();
          });
      }
    };
    if (queue.length === 0) resolve();
    else pump();
  });
}
