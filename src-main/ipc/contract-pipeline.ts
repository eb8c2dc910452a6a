/**
 * What an export-dedup run sends across the bridge: its progress events (`pipeline:event`)
 * and its summary (`pipeline:done`, `pipeline:status`, the dashboard's last run). The sandboxed
 * preload bundles the contract and cannot import the core, so these schemas copy the core's
 * types (core/pipeline/events.ts, run-summary.ts, file-result.ts and the types they name);
 * test/unit/ipc/contract-pipeline.test.ts checks that both say the same, both ways.
 */
import { z } from 'zod';

/** The steps of a run, in order (core/pipeline/events.ts STEPS). */
export const PIPELINE_STEPS = ['preflight', 'discover', 'import', 'archive', 'checkpoint', 'git'] as const;
export const StepNameShape = z.enum(PIPELINE_STEPS);

/** core/model.ts DedupCounts. */
export const DedupCountsShape = z.object({
  read: z.number().int(),
  newUnique: z.number().int(),
  duplicates: z.number().int(),
});

const SourceKindShape = z.enum(['export', 'transcript']);
const SourceId = z.number().int();

/** core/pipeline/file-result.ts FileResult: a failed file carries a reason, never counts. */
export const FileResultShape = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('imported'),
    path: z.string(),
    kind: SourceKindShape,
    sourceId: SourceId,
    counts: DedupCountsShape,
    notes: z.array(z.string()),
  }),
  z.object({
    status: z.literal('already-imported'),
    path: z.string(),
    kind: z.literal('export'),
    sourceId: SourceId,
    sameAs: z.string(),
  }),
  z.object({
    status: z.literal('unchanged'),
    path: z.string(),
    kind: z.literal('transcript'),
    sourceId: SourceId,
  }),
  z.object({ status: z.literal('failed'), path: z.string(), kind: SourceKindShape, reason: z.string() }),
]);

/** core/pipeline/events.ts PipelineEvent. */
export const PipelineEventShape = z.discriminatedUnion('type', [
  z.object({ type: z.literal('step-started'), step: StepNameShape }),
  z.object({
    type: z.literal('step-succeeded'),
    step: StepNameShape,
    durationMs: z.number(),
    summary: z.string(),
  }),
  z.object({
    type: z.literal('step-failed'),
    step: StepNameShape,
    durationMs: z.number(),
    error: z.string(),
  }),
  z.object({ type: z.literal('step-skipped'), step: StepNameShape, reason: z.string() }),
  z.object({ type: z.literal('waiting-for-writes'), paths: z.array(z.string()), maxMs: z.number() }),
  z.object({
    type: z.literal('file-started'),
    index: z.number().int(),
    total: z.number().int(),
    path: z.string(),
    bytes: z.number(),
  }),
  z.object({
    type: z.literal('file-done'),
    index: z.number().int(),
    total: z.number().int(),
    result: FileResultShape,
    totals: DedupCountsShape,
  }),
]);

/** core/checkpoint/archive-exports.ts ArchiveResult. */
export const ArchiveResultShape = z.discriminatedUnion('status', [
  z.object({ status: z.literal('archived'), from: z.string(), to: z.string() }),
  z.object({ status: z.literal('already-archived'), from: z.string(), to: z.string() }),
  z.object({ status: z.literal('copied'), from: z.string(), to: z.string(), reason: z.string() }),
  z.object({ status: z.literal('duplicate-archived'), from: z.string(), to: z.string(), sameAs: z.string() }),
  z.object({ status: z.literal('duplicate-kept'), from: z.string(), sameAs: z.string(), reason: z.string() }),
  z.object({ status: z.literal('missing'), from: z.string(), reason: z.string() }),
  z.object({ status: z.literal('failed'), from: z.string(), reason: z.string() }),
]);

/** core/checkpoint/raw-transcripts.ts RawCopyResult. */
export const RawCopyResultShape = z.discriminatedUnion('status', [
  z.object({ status: z.literal('copied'), path: z.string(), to: z.string(), bytes: z.number() }),
  z.object({ status: z.literal('failed'), path: z.string(), reason: z.string() }),
]);

/** core/pipeline/git-seam.ts GitStepReport. */
export const GitStepReportShape = z.object({
  ok: z.boolean(),
  summary: z.string(),
  failures: z.array(z.object({ repository: z.string(), reason: z.string() })),
});

/** core/pipeline/run-summary.ts RunSummary. */
export const RunSummaryShape = z.object({
  outcome: z.enum(['done', 'partial', 'failed']),
  /** core/pipeline/run-summary.ts EXIT: done, failed, partial (2 is a usage error, never a run's). */
  exitCode: z.union([z.literal(0), z.literal(1), z.literal(3)]),
  memoryDir: z.string(),
  logFile: z.string(),
  counts: DedupCountsShape,
  dedupRate: z.number(),
  files: z.array(FileResultShape),
  waiting: z.array(z.string()),
  problems: z.array(z.object({ path: z.string(), reason: z.string(), scope: z.enum(['file', 'directory']) })),
  skippedLinks: z.array(z.object({ path: z.string(), target: z.string(), reason: z.string() })),
  archived: z.array(ArchiveResultShape),
  rawCopies: z.array(RawCopyResultShape),
  checkpoint: z
    .object({
      id: z.string(),
      title: z.string(),
      document: z.string(),
      resumed: z.boolean(),
      counts: DedupCountsShape,
    })
    .nullable(),
  touchedPaths: z.array(z.string()),
  redactions: z.number().int(),
  git: z.union([GitStepReportShape, z.object({ skipped: z.string() })]),
  memoryNotInGit: z.string().nullable(),
  durationMs: z.number(),
  error: z.string().nullable(),
});
