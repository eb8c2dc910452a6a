/**
 * The shapes of the memory sync's channels (core/sync), part of the one contract in
 * contract.ts. Zod only, no core imports: the sandboxed preload bundles the contract.
 */
import { z } from 'zod';

const LastSync = z.object({ at: z.string(), ok: z.boolean(), summary: z.string() }).nullable();

export const SyncStatusShape = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not-in-git'), memoryDir: z.string() }),
  z.object({ state: z.literal('no-remote'), repo: z.string(), lastSync: LastSync }),
  z.object({ state: z.literal('detached'), repo: z.string(), lastSync: LastSync }),
  z.object({
    state: z.literal('tracking'),
    repo: z.string(),
    branch: z.string(),
    upstream: z.string(),
    ahead: z.number().int(),
    behind: z.number().int(),
    lastSync: LastSync,
  }),
]);

export const SyncReportShape = z.object({
  ok: z.boolean(),
  repo: z.string().nullable(),
  branch: z.string().nullable(),
  upstream: z.string().nullable(),
  committed: z.string().nullable(),
  arrived: z.number().int(),
  ingested: z.object({ checkpointsAdded: z.number().int(), messagesAdded: z.number().int() }).nullable(),
  pushed: z.boolean(),
  ahead: z.number().int(),
  behind: z.number().int(),
  problem: z
    .object({
      stage: z.enum(['check', 'commit', 'fetch', 'integrate', 'ingest', 'push']),
      message: z.string(),
      fix: z.string(),
      output: z.string().optional(),
    })
    .nullable(),
  summary: z.string(),
  at: z.string(),
});

/** `push` defaults to true in the app: a sync there is meant to share. */
export const SyncRequest = z
  .object({ push: z.boolean().default(true) })
  .strict()
  .optional();

/** After every sync the app makes (a click, or automatically after a checkpoint). */
export const SyncEvent = z.object({ report: SyncReportShape, status: SyncStatusShape });
