/**
 * The renderer's view of the IPC contract: types only. `import type` is erased at build time,
 * so neither zod nor any main-process code reaches the renderer bundle.
 */
export type {
  Channel,
  CoditectApi,
  EventName,
  EventOf,
  IpcError,
  IpcErrorCode,
  IpcResult,
  RequestOf,
  ResponseOf,
} from '../../src-main/ipc/contract';

import type { EventOf, ResponseOf } from '../../src-main/ipc/contract';

export type AppInfo = ResponseOf<'app:info'>;
export type Settings = ResponseOf<'settings:get'>;
export type DashboardSummary = ResponseOf<'dashboard:summary'>;
export type PendingFile = ResponseOf<'exports:pending'>['files'][number];
export type RunStatus = ResponseOf<'pipeline:status'>;
export type RunSummary = NonNullable<RunStatus['last']>;
export type DedupCounts = RunSummary['counts'];
export type PipelineEvent = EventOf<'pipeline:event'>['event'];
export type StepName = Extract<PipelineEvent, { type: 'step-started' }>['step'];
export type FileResult = RunSummary['files'][number];
export type CheckpointItem = ResponseOf<'checkpoints:list'>[number];
export type CheckpointDetail = ResponseOf<'checkpoints:get'>;
export type CheckpointSource = CheckpointDetail['sources'][number];
export type MessageRow = ResponseOf<'checkpoints:messages'>[number];
export type SessionItem = ResponseOf<'sessions:list'>[number];
export type ThreadNode = ResponseOf<'sessions:thread'>[number];
export type SearchHit = ResponseOf<'search:query'>[number];
export type LogLine = ResponseOf<'log:tail'>['lines'][number];
export type LogLevel = LogLine['level'];
export type RepoStatus = ResponseOf<'repos:list'>[number];
export type CommitResult = ResponseOf<'repos:commit'>;
export type SyncStatus = ResponseOf<'sync:status'>;
export type SyncReport = ResponseOf<'sync:run'>;
export type Role = MessageRow['role'];
export type MessageKind = NonNullable<MessageRow['kind']>;
