/**
 * The one contract between the main process and the renderer (and the browser preview host,
 * which carries the same channels over a WebSocket). Every channel has a zod schema for its
 * request and its reply; every event stream has one for its payload. Both sides derive their
 * types from here; the handlers validate every request against it; the preload forwards only
 * the channels and events listed here.
 */
import { z } from 'zod';
import {
  ChooseFolderRequest,
  GitIdentityShape,
  KeyRequest,
  LauncherStatusShape,
  LicenseServerPatch,
  LicenseStatusShape,
  LicenseView,
  OnboardingStatus,
  RemovalShape,
  SetupRequest,
  SetIdentityRequest,
  SetupPlanShape,
  SetupStepId,
  SetupStepReport,
} from './contract-onboarding';
import { SyncEvent, SyncReportShape, SyncRequest, SyncStatusShape } from './contract-sync';
import { ProblemReportShape, SavedReportShape, SaveReportRequest } from './contract-report';
import { DedupCountsShape, PipelineEventShape, RunSummaryShape } from './contract-pipeline';

const Role = z.enum(['user', 'assistant', 'tool_call', 'tool_result', 'system', 'thinking']);
const Counts = DedupCountsShape;
const IsoTime = z.string().max(40);
/** Paths arrive as text; the handlers confine them to the configured roots. */
const PathArg = z.string().min(1).max(4096);
const Id = z.string().min(1).max(300);
const Page = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
};
const None = z.undefined().or(z.object({}).strict());

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'preview']),
  platform: z.string(),
  projectsRoot: z.string(),
  memoryDir: z.string(),
  memoryFound: z.boolean(),
  logFile: z.string(),
});

export const SettingsShape = z.object({
  projectsRoot: z.string().optional(),
  memoryDir: z.string().optional(),
  exportLocations: z.array(z.string()),
  autoImport: z.boolean(),
  archiveMode: z.enum(['move', 'copy']),
  autoSync: z.boolean(),
  logMaxLines: z.number().int(),
  theme: z.enum(['system', 'light', 'dark']),
  updateChannel: z.enum(['stable', 'beta']),
  licenseServer: z.object({ url: z.string(), publicKey: z.string() }).optional(),
});
export const SettingsPatch = z
  .object({
    projectsRoot: PathArg,
    memoryDir: PathArg,
    exportLocations: z.array(PathArg).max(50),
    autoImport: z.boolean(),
    archiveMode: z.enum(['move', 'copy']),
    autoSync: z.boolean(),
    logMaxLines: z.number().int().min(100).max(1_000_000),
    theme: z.enum(['system', 'light', 'dark']),
    updateChannel: z.enum(['stable', 'beta']),
    licenseServer: LicenseServerPatch,
  })
  .partial()
  .strict();

export const CheckpointItem = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: IsoTime,
  document: z.string(),
  status: z.enum(['pending', 'written']),
  counts: Counts,
  redactions: z.number().int(),
  /** Who made it (`Name <email>`) and on which machine; null for a checkpoint older than format 2. */
  author: z.string().nullable(),
  machine: z.string().nullable(),
});

/** Only what a checkpoint by this author (git name or email) or on this machine holds: "contains", any case. */
export const WhoWhere = {
  author: z.string().max(200).optional(),
  machine: z.string().max(200).optional(),
};

export const CheckpointSource = z.object({
  kind: z.enum(['export', 'transcript']),
  name: z.string(),
  path: z.string(),
  project: z.string().nullable(),
  archivedAs: z.string().nullable(),
  counts: Counts,
});

/** Who said it, when not an ordinary message (core/model.ts MessageKind). */
export const MessageKindShape = z.enum([
  'agent-prompt',
  'notification',
  'compaction-summary',
  'command',
  'marker',
  'title',
]);

export const MessageRow = z.object({
  seq: z.number().int(),
  role: Role,
  kind: MessageKindShape.nullable(),
  text: z.string(),
  duplicate: z.boolean(),
  source: z.string(),
  toolName: z.string().nullable(),
  uuid: z.string().nullable(),
  timestamp: z.string().nullable(),
});

export const SessionItem = z.object({
  sessionId: z.string(),
  /** The session's first real prompt (its title); null when it has none. */
  title: z.string().nullable(),
  project: z.string().nullable(),
  gitBranch: z.string().nullable(),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
  messages: z.number().int(),
  compactions: z.number().int(),
  subagents: z.number().int(),
});

export const ThreadNode = z.object({
  /** `compaction`: the boundary itself (role `system`), placed right after the message it summarised. Absent means `message`. */
  kind: z.enum(['message', 'compaction']).optional(),
  uuid: z.string(),
  parentUuid: z.string().nullable(),
  role: Role,
  /** Who said it, when not an ordinary message; null for ordinary messages and compaction boundaries. */
  messageKind: MessageKindShape.nullable(),
  text: z.string(),
  timestamp: z.string().nullable(),
  isSidechain: z.boolean(),
  agentId: z.string().nullable(),
  toolName: z.string().nullable(),
  /** Depth for display: sidechains (subagents) nest one level below their parent. */
  depth: z.number().int(),
  /** A compaction boundary sits right before this message. */
  compactionBefore: z.boolean(),
});

export const SearchRequest = z
  .object({
    query: z.string().min(1).max(500),
    limit: z.number().int().min(1).max(200).default(50),
    role: Role.optional(),
    project: z.string().max(500).optional(),
    source: z.enum(['export', 'transcript']).optional(),
    /** Only messages of this kind; `ordinary`: leave out every text the person never typed. */
    kind: z.union([MessageKindShape, z.literal('ordinary')]).optional(),
    from: IsoTime.optional(),
    to: IsoTime.optional(),
    ...WhoWhere,
  })
  .strict();

export const SearchHitShape = z.object({
  messageId: z.number().int(),
  hash: z.string(),
  role: Role,
  kind: MessageKindShape.nullable(),
  snippet: z.string(),
  rank: z.number(),
  occurrences: z.number().int(),
  firstSource: z.string().nullable(),
  project: z.string().nullable(),
  checkpointId: z.string().nullable(),
  sessionId: z.string().nullable(),
  /** The session's title (its first real prompt); null outside a session or without a prompt. */
  sessionTitle: z.string().nullable(),
  timestamp: z.string().nullable(),
});

export const LogLine = z.object({
  time: z.string(),
  level: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']),
  step: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()),
  raw: z.string(),
});

export const PendingFile = z.object({
  path: z.string(),
  kind: z.enum(['export', 'transcript']),
  size: z.number(),
  mtimeMs: z.number(),
  source: z.string(),
  /** Exports: whether the run will move it into the archive, or copy it and leave it (and why). */
  archive: z
    .discriminatedUnion('action', [
      z.object({ action: z.literal('move') }),
      z.object({ action: z.literal('copy'), reason: z.string() }),
    ])
    .optional(),
});

export const RepoStatusShape = z.object({
  path: z.string(),
  kind: z.string(),
  branch: z.string().nullable(),
  detached: z.boolean(),
  upstream: z.string().nullable(),
  ahead: z.number().int(),
  behind: z.number().int(),
  staged: z.number().int(),
  modified: z.number().int(),
  untracked: z.number().int(),
  conflicted: z.number().int(),
  operation: z.string().nullable(),
  lastCommit: z.object({ hash: z.string(), subject: z.string(), time: z.string() }).nullable(),
  error: z.string().nullable(),
});

export const RunStatus = z.object({
  running: z.boolean(),
  runId: z.string().nullable(),
  last: RunSummaryShape.nullable(),
});

export const DashboardSummary = z.object({
  totals: z.object({
    exports: z.number().int(),
    transcripts: z.number().int(),
    checkpoints: z.number().int(),
    globalUniqueMessages: z.number().int(),
    messagesRead: z.number().int(),
    duplicates: z.number().int(),
    dedupRate: z.number(),
  }),
  perCheckpoint: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string(),
      newUnique: z.number().int(),
      duplicates: z.number().int(),
    }),
  ),
  lastRun: RunSummaryShape.nullable(),
});

/**
 * The desktop updater's state (core/update), as Settings shows it. `version` is the update's
 * version (available, downloading, ready); `reason` only when disabled, `progress` only while
 * downloading, `error` only after a failed check or download.
 */
export const UpdateStatusShape = z.object({
  state: z.enum(['idle', 'checking', 'available', 'downloading', 'ready', 'error', 'disabled']),
  channel: z.enum(['stable', 'beta']),
  currentVersion: z.string(),
  lastCheck: IsoTime.nullable(),
  nextCheck: IsoTime.nullable(),
  version: z.string().optional(),
  reason: z
    .object({
      code: z.enum(['development', 'preview', 'msi', 'portable', 'linux-package', 'env']),
      message: z.string(),
    })
    .optional(),
  progress: z
    .object({
      percent: z.number().min(0).max(100),
      transferred: z.number(),
      total: z.number(),
      bytesPerSecond: z.number(),
    })
    .optional(),
  error: z.string().optional(),
});

/** Invoke channels: request → reply. */
export const channels = {
  'app:info': { request: None, response: AppInfo },
  'settings:get': { request: None, response: SettingsShape },
  'settings:update': { request: SettingsPatch, response: SettingsShape },
  'dashboard:summary': { request: None, response: DashboardSummary },
  'exports:pending': {
    request: None,
    response: z.object({ files: z.array(PendingFile), waiting: z.array(PendingFile) }),
  },
  'pipeline:start': {
    request: z
      .object({
        description: z.string().max(200).optional(),
        includeTemp: z.boolean().optional(),
        includeTranscripts: z.boolean().optional(),
        git: z.boolean().optional(),
      })
      .strict(),
    response: z.object({ runId: z.string() }),
  },
  'pipeline:status': { request: None, response: RunStatus },
  'checkpoints:list': {
    request: z
      .object({ filter: z.string().max(200).optional(), ...WhoWhere })
      .strict()
      .optional(),
    response: z.array(CheckpointItem),
  },
  'checkpoints:get': {
    request: z.object({ id: Id }).strict(),
    response: CheckpointItem.extend({ sources: z.array(CheckpointSource), messageCount: z.number().int() }),
  },
  'checkpoints:messages': {
    request: z.object({ id: Id, ...Page }).strict(),
    response: z.array(MessageRow),
  },
  /**
   * Where a message (by content hash) first occurs in a checkpoint's order, as an index into
   * `checkpoints:messages`; null when it does not occur there. Jumping from a search hit to
   * the 90,000th message of a checkpoint needs no scan.
   */
  'checkpoints:locate': {
    request: z.object({ id: Id, hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    response: z.object({ index: z.number().int().min(0).nullable() }),
  },
  'sessions:list': {
    request: z
      .object({ project: z.string().max(500).optional(), ...WhoWhere })
      .strict()
      .optional(),
    response: z.array(SessionItem),
  },
  'sessions:thread': {
    request: z
      .object({ sessionId: Id, ...Page, limit: z.number().int().min(1).max(5000).default(2000) })
      .strict(),
    response: z.array(ThreadNode),
  },
  'search:query': { request: SearchRequest, response: z.array(SearchHitShape) },
  'log:tail': {
    request: z.object({ lines: z.number().int().min(1).max(100_000).default(5000) }).strict(),
    response: z.object({ file: z.string(), lines: z.array(LogLine) }),
  },
  'log:reveal': { request: None, response: z.object({ file: z.string(), opened: z.boolean() }) },
  'repos:list': { request: None, response: z.array(RepoStatusShape) },
  'repos:commit': {
    request: z.object({ message: z.string().max(200).optional(), push: z.boolean().optional() }).strict(),
    response: z.object({
      ok: z.boolean(),
      summary: z.string(),
      failures: z.array(z.object({ repository: z.string(), reason: z.string() })),
    }),
  },
  /** What repos:commit would record now, per repository (a dry run: nothing changes). */
  'repos:commitPreview': {
    request: None,
    response: z.object({ repos: z.array(z.object({ repository: z.string(), files: z.array(z.string()) })) }),
  },
  /** `path`: the file as resolved (symlinks followed); the preview cannot open folders and says so with `opened: false`. */
  'fs:reveal': {
    request: z.object({ path: PathArg }).strict(),
    response: z.object({ opened: z.boolean(), path: z.string() }),
  },
  'shell:openExternal': {
    request: z.object({ url: z.url({ protocol: /^https$/ }).max(2000) }).strict(),
    response: z.object({ opened: z.boolean() }),
  },
  'update:status': { request: None, response: UpdateStatusShape },
  /** "Check now": resolves when the check ends (a found update keeps downloading; follow `update:state`). */
  'update:check': { request: None, response: UpdateStatusShape },
  /** "Restart to update": `installing` is false (and nothing happens) unless an update is ready. */
  'update:install': {
    request: None,
    response: z.object({ installing: z.boolean(), status: UpdateStatusShape }),
  },
  /** Whether the wizard opens by itself (first run), and what it starts from. */
  'onboarding:status': { request: None, response: OnboardingStatus },
  /** "Skip set-up": the wizard no longer opens by itself (Settings can still run it). */
  'onboarding:dismiss': { request: None, response: z.object({ dismissedAt: z.string() }) },
  /** The native folder dialog (desktop only; the preview answers `unavailable`: type the path). */
  'dialog:chooseFolder': {
    request: ChooseFolderRequest,
    response: z.object({ path: z.string().nullable() }),
  },
  /** What set-up would do in a projects root, and the repositories found there. Changes nothing. */
  'setup:plan': { request: SetupRequest, response: SetupPlanShape },
  /** Runs one set-up step; the reply lists each change made (none: it was done already). */
  'setup:runStep': {
    request: SetupRequest.extend({ step: SetupStepId }).strict(),
    response: SetupStepReport,
  },
  /** "Remove CODITECT set-up": only what set-up made and nobody changed since; the rest is kept and named. */
  'setup:remove': { request: None, response: RemovalShape },
  /** Verifies a key (offline; online too when a server is configured) without storing it. */
  'license:check': { request: KeyRequest, response: LicenseView },
  /** Verifies, activates this machine (with a server) and stores the key; `stored` is null when refused. */
  'license:activate': { request: KeyRequest, response: LicenseView },
  'license:status': { request: None, response: LicenseStatusShape },
  'license:deactivate': {
    request: None,
    response: z.object({ removedFrom: z.array(z.enum(['os-credential-store', 'file'])), note: z.string() }),
  },
  /** user.name / user.email as git resolves them for the memory repository, with their scope. */
  'git:identity': { request: None, response: GitIdentityShape },
  'git:setIdentity': { request: SetIdentityRequest, response: GitIdentityShape },
  /** The `coditect` command on PATH (like VS Code's `code`), installed by the desktop app. */
  'launcher:status': { request: None, response: LauncherStatusShape },
  'launcher:install': { request: None, response: LauncherStatusShape.extend({ changed: z.boolean() }) },
  'launcher:remove': { request: None, response: LauncherStatusShape.extend({ removed: z.boolean() }) },
  /** The memory repository's sync state from local refs (ahead/behind as of the last fetch, last sync). */
  'sync:status': { request: None, response: SyncStatusShape },
  /** Sync the memory repository now: commit, fetch, rebase, index, push (never forced). */
  'sync:run': { request: SyncRequest, response: SyncReportShape },
  /** "Report a problem": the report to read first (secrets redacted); saving writes a new file. */
  'report:build': { request: None, response: ProblemReportShape },
  'report:save': { request: SaveReportRequest, response: SavedReportShape },
} as const;

/** Event streams: main → renderer. */
export const events = {
  'pipeline:event': z.object({ runId: z.string(), event: PipelineEventShape }),
  'pipeline:done': z.object({ runId: z.string(), summary: RunSummaryShape }),
  'log:lines': z.object({ lines: z.array(LogLine) }),
  /** `settled`: a file reported before has been quiet for the settle interval (no longer "being written"). */
  'exports:changed': z.object({ path: z.string(), change: z.enum(['added', 'grown', 'settled']) }),
  'update:state': UpdateStatusShape,
  /** After every license check the main process makes (at start, then every 24 h with a server). */
  'license:state': LicenseStatusShape,
  /** After every sync of the memory repository (the Sync action, or "sync automatically"). */
  'sync:done': SyncEvent,
  /** What the desktop app's menu asks the window to do (Help › Report a problem…). */
  'app:command': z.object({ command: z.enum(['report-problem']) }),
} as const;

export type Channel = keyof typeof channels;
export type EventName = keyof typeof events;
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof channels)[C]['response']>;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNELS = Object.keys(channels) as Channel[];
export const EVENTS = Object.keys(events) as EventName[];

/** Errors cross the bridge as values, never as thrown exceptions. */
export const ERROR_CODES = [
  'validation',
  'forbidden-path',
  'not-found',
  'busy',
  'unavailable',
  'internal',
] as const;
export type IpcErrorCode = (typeof ERROR_CODES)[number];
export interface IpcError {
  code: IpcErrorCode;
  message: string;
  /** For validation errors: the field that was wrong, e.g. `limit` or `filter`. */
  field?: string;
}
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** What the renderer sees as `window.coditect` (preload in Electron, a WebSocket client in the preview). */
export interface CoditectApi {
  readonly version: string;
  invoke<C extends Channel>(channel: C, request?: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}
