import { afterEach, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../src-main/node/start-worker';

const started: Worker[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.terminate()));
});

describe("the workers' memory", () => {
  it('starts every worker with a young generation of 12 MB, whatever else it is given', async () => {
    // A real parse worker (it waits for jobs): its limits are what V8 applied.
    const w = startWorker('parse-worker', {});
    started.push(w);
    await new Promise((resolve) => w.once('online', resolve));
    expect(w.resourceLimits?.maxYoungGenerationSizeMb).toBe(12);
    // Other limits given by the caller are kept beside it.
    const given = startWorker('parse-worker', { resourceLimits: { stackSizeMb: 8 } });
    started.push(given);
    await new Promise((resolve) => given.once('online', resolve));
    expect(given.resourceLimits?.maxYoungGenerationSizeMb).toBe(12);
    expect(given.resourceLimits?.stackSizeMb).toBe(8);
  });
});
