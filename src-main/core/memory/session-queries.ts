import type { MessageKind, Role } from '../model';
import { agentCallPrompt, isAgentTool, promptKey } from '../text/agent-call';
import { oneLineTitle, titleFromPrompts } from '../text/session-title';
import { connection } from './connection';
import type { ReadStore } from './store';

/**
 * Claude Code sessions as the store knows them (from the `occurrences` of JSONL lines and
 * the `compactions` table): a list per project, and one session's thread in reply order.
 */

export interface SessionSummary {
  sessionId: string;
  /** The first real prompt (not a command wrapper or a sub-agent's prompt); null when there is none. */
  title: string | null;
  project: string | null;
  gitBranch: string | null;
  firstAt: string | null;
  lastAt: string | null;
  messages: number;
  compactions: number;
  subagents: number;
}

/**
 * Sessions, most recently active first; `project` keeps those whose directory contains the text,
 * `author` and `machine` those with messages in a checkpoint made by that git identity or on
 * that machine.
 */
export function listSessions(
  store: ReadStore,
  f: { project?: string; author?: string; machine?: string } = {},
): SessionSummary[] {
  const rows = connection(store)
    .prepare(
      `SELECT o.session_id sessionId,
         COALESCE(MAX(o.cwd), MAX(s.project)) project,
         MAX(o.git_branch) gitBranch,
         MIN(o.timestamp) firstAt, MAX(o.timestamp) lastAt,
         COUNT(*) messages,
         (SELECT COUNT(*) FROM compactions c WHERE c.session_id = o.session_id) compactions,
         COUNT(DISTINCT o.agent_id) subagents
       FROM occurrences o JOIN sources s ON s.id = o.source_id
       WHERE o.session_id IS NOT NULL
       ${f.author || f.machine ? `AND o.checkpoint_id IN (SELECT id FROM checkpoints WHERE 1 ${f.author ? 'AND author LIKE @author' : ''} ${f.machine ? 'AND machine LIKE @machine' : ''})` : ''}
       GROUP BY o.session_id
       ${f.project ? 'HAVING COALESCE(MAX(o.cwd), MAX(s.project)) LIKE @project' : ''}
       ORDER BY lastAt DESC, sessionId`,
    )
    .all({
      project: f.project ? `%${f.project}%` : undefined,
      author: f.author ? `%${f.author}%` : undefined,
      machine: f.machine ? `%${f.machine}%` : undefined,
    }) as Omit<SessionSummary, 'title'>[];
  const summaries = summaryTitles(store);
  return rows.map((r) => ({
    ...r,
    title: summaries.get(r.sessionId) ?? firstPromptTitle(store, r.sessionId),
  }));
}

export function sessionExists(store: ReadStore, sessionId: string): boolean {
  return (
    connection(store).prepare('SELECT 1 FROM occurrences WHERE session_id = ? LIMIT 1').get(sessionId) !==
    undefined
  );
}

/**
 * A session's title: the summary Claude Code wrote for it when there is one (as the best
 * history viewers do), else its first real prompt (not a command wrapper or a sub-agent's prompt).
 */
export function sessionTitle(store: ReadStore, sessionId: string): string | null {
  return summaryTitle(store, sessionId) ?? firstPromptTitle(store, sessionId);
}

/**
 * `sessionTitle` kept per state of the store (as the summaries are): a search's hits fall in many
 * sessions (measured: 70 sessions, 26 ms of a 40 ms search), and the next search, until the
 * store changes, finds the same titles again.
 */
const lastTitles = new WeakMap<ReadStore, { key: string; titles: Map<string, string | null> }>();

export function sessionTitles(store: ReadStore): (sessionId: string) => string | null {
  const key = storeState(store);
  let cached = lastTitles.get(store);
  if (cached?.key !== key) {
    cached = { key, titles: new Map() };
    lastTitles.set(store, cached);
  }
  const titles = cached.titles;
  return (id) => {
    if (!titles.has(id)) titles.set(id, sessionTitle(store, id));
    return titles.get(id)!;
  };
}

/**
 * Summary rows name their leaf (kept as the row's parent): the summary titles the session that
 * leaf belongs to. Several summaries of one session: the one whose leaf came last covers most.
 */
export function summaryTitle(store: ReadStore, sessionId: string): string | null {
  return summaryTitles(store).get(sessionId) ?? null;
}

/**
 * Every session's summary title, found once per state of the store (as `orderedSession` is): the
 * rows without a uuid (exports' and summaries') are read once, not once per session listed or hit.
 */
const lastSummaries = new WeakMap<ReadStore, { key: string; titles: Map<string, string> }>();

function summaryTitles(store: ReadStore): Map<string, string> {
  const key = storeState(store);
  const cached = lastSummaries.get(store);
  if (cached?.key === key) return cached.titles;
  const rows = connection(store)
    .prepare(
      `SELECT leaf.session_id sessionId, m.text
       FROM occurrences t JOIN messages m ON m.id = t.message_id
       JOIN occurrences leaf ON leaf.uuid = t.parent_uuid
       WHERE t.uuid IS NULL AND t.parent_uuid IS NOT NULL AND m.kind = 'title' AND leaf.session_id IS NOT NULL
       ORDER BY leaf.timestamp, t.id`,
    )
    .all() as { sessionId: string; text: string }[];
  // Ascending: the latest leaf of each session is set last and wins.
  const titles = new Map(rows.map((r) => [r.sessionId, oneLineTitle(r.text)]));
  lastSummaries.set(store, { key, titles });
  return titles;
}

/**
 * Rows this connection wrote in its own temporary tables (search-filter-sets.ts), which
 * total_changes() counts too: not a change of the store. Counting them dropped the session titles
 * kept (and the summaries' scan of the occurrences, 45 ms over a million messages) at each
 * filter's first use.
 */
const temporaryChanges = new WeakMap<ReadStore, number>();

export function countTemporaryChanges(store: ReadStore, rows: number): void {
  temporaryChanges.set(store, (temporaryChanges.get(store) ?? 0) + rows);
}

/** Changes when anything is written, here or by another connection. */
export function storeState(store: ReadStore): string {
  // A read-only statement, so it may run while another query is being iterated (the document writer).
  const { version, changes } = connection(store)
    .prepare('SELECT (SELECT data_version FROM pragma_data_version) version, total_changes() changes')
    .get() as { version: number; changes: number };
  return `${version}:${changes - (temporaryChanges.get(store) ?? 0)}`;
}

function firstPromptTitle(store: ReadStore, sessionId: string): string | null {
  const prompts = connection(store)
    .prepare(
      `SELECT m.text FROM occurrences o JOIN messages m ON m.id = o.message_id
       WHERE o.session_id = ? AND o.is_sidechain = 0 AND m.role = 'user' AND m.kind IS NULL
       ORDER BY o.timestamp, o.seq LIMIT 50`,
    )
    .pluck()
    .all(sessionId) as string[];
  return titleFromPrompts(prompts);
}

export interface ThreadEntry {
  kind: 'message' | 'compaction';
  uuid: string;
  parentUuid: string | null;
  role: Role;
  /** Who said it, when not the person or Claude answering them (a compaction boundary: null). */
  messageKind: MessageKind | null;
  text: string;
  timestamp: string | null;
  isSidechain: boolean;
  agentId: string | null;
  toolName: string | null;
  /** Sidechains (subagents) sit one level below the message that started them. */
  depth: number;
  /** A compaction boundary sits right before this message. */
  compactionBefore: boolean;
}

interface Row {
  uuid: string;
  parentUuid: string | null;
  role: Role;
  messageKind: MessageKind | null;
  messageId: number;
  timestamp: string | null;
  isSidechain: number;
  agentId: string | null;
  toolName: string | null;
  seq: number;
}

/** An entry before its text is read: only the requested page's texts are loaded. */
type Entry = Omit<ThreadEntry, 'text'> & { text: string | null; messageId: number | null };

/** A line of the transcript: its messages (a line with several blocks yields `uuid`, `uuid#1`, …). */
interface Line {
  key: string;
  parent: string | null;
  timestamp: string | null;
  order: number;
  entries: Entry[];
  children: Line[];
  sidechain: boolean;
  agentId: string | null;
}

/**
 * One session in `parentUuid` order: each line is followed by its replies (depth first,
 * siblings by time), a compaction boundary is a node of its own right after the message it
 * summarised, and a subagent's sidechain hangs under the main-thread message that started
 * it (the latest Task/Agent call at or before the sidechain's first line). A page at a time.
 */
export function sessionThread(store: ReadStore, sessionId: string, offset = 0, limit = 2000): ThreadEntry[] {
  return withTexts(store, orderedSession(store, sessionId).slice(offset, offset + limit));
}

/**
 * The last session ordered, per connection: paging through a long session (50,000 lines
 * cost a few hundred ms to order) reuses it until another connection writes
 * (`data_version` counts commits made elsewhere, e.g. by the pipeline; `total_changes()` this
 * connection's own writes).
 */
const lastOrdered = new WeakMap<ReadStore, { key: string; entries: Entry[] }>();

function orderedSession(store: ReadStore, sessionId: string): Entry[] {
  const key = `${storeState(store)}\0${sessionId}`;
  const cached = lastOrdered.get(store);
  if (cached?.key === key) return cached.entries;
  const lines = [...groupLines(messageRows(store, sessionId)), ...compactionLines(store, sessionId)];
  const entries = flatten(link(store, lines), lines);
  lastOrdered.set(store, { key, entries });
  return entries;
}

/** One query for the page's texts (a long session's full text would be megabytes per page). */
function withTexts(store: ReadStore, page: Entry[]): ThreadEntry[] {
  const ids = [...new Set(page.flatMap((e) => (e.messageId === null ? [] : [e.messageId])))];
  const texts = new Map<number, string>();
  const stmt = connection(store).prepare(
    'SELECT id, text FROM messages WHERE id IN (SELECT value FROM json_each(?))',
  );
  for (const row of stmt.all(JSON.stringify(ids)) as { id: number; text: string }[])
    texts.set(row.id, row.text);
  return page.map(({ messageId, text, ...e }) => ({ ...e, text: text ?? texts.get(messageId!) ?? '' }));
}

function messageRows(store: ReadStore, sessionId: string): Row[] {
  return connection(store)
    .prepare(
      `SELECT o.uuid, o.parent_uuid parentUuid, m.role, m.kind messageKind, m.id messageId, o.timestamp, o.is_sidechain isSidechain,
         o.agent_id agentId, o.tool_name toolName, o.seq
       FROM occurrences o JOIN messages m ON m.id = o.message_id
       WHERE o.session_id = ? AND o.uuid IS NOT NULL
       ORDER BY o.source_id, o.seq`,
    )
    .all(sessionId) as Row[];
}

/** Messages split from one line share the line's uuid before `#`; they stay together, in order. */
function groupLines(rows: Row[]): Line[] {
  const byKey = new Map<string, Line>();
  rows.forEach((r, order) => {
    const key = r.uuid.split('#')[0]!;
    let line = byKey.get(key);
    if (!line) {
      line = newLine(key, r.parentUuid, r.timestamp, order, r.isSidechain === 1, r.agentId);
      byKey.set(key, line);
    }
    line.entries.push(toEntry(r));
  });
  for (const line of byKey.values()) line.entries.sort((a, b) => partIndex(a.uuid) - partIndex(b.uuid));
  return [...byKey.values()];
}

function compactionLines(store: ReadStore, sessionId: string): Line[] {
  const rows = connection(store)
    .prepare(
      `SELECT uuid, logical_parent_uuid parent, timestamp, trigger_kind trigger FROM compactions
       WHERE session_id = ? ORDER BY timestamp, uuid`,
    )
    .all(sessionId) as {
    uuid: string;
    parent: string | null;
    timestamp: string | null;
    trigger: string | null;
  }[];
  return rows.map((c, i) => {
    const line = newLine(
      c.uuid,
      c.parent,
      c.timestamp,
      Number.MAX_SAFE_INTEGER - rows.length + i,
      false,
      null,
    );
    line.entries.push({
      kind: 'compaction',
      uuid: c.uuid,
      parentUuid: c.parent,
      role: 'system',
      messageKind: null,
      text: c.trigger ? `Conversation compacted (${c.trigger})` : 'Conversation compacted',
      messageId: null,
      timestamp: c.timestamp,
      isSidechain: false,
      agentId: null,
      toolName: null,
      depth: 0,
      compactionBefore: false,
    });
    return line;
  });
}

function newLine(
  key: string,
  parent: string | null,
  timestamp: string | null,
  order: number,
  sidechain: boolean,
  agentId: string | null,
): Line {
  return { key, parent, timestamp, order, entries: [], children: [], sidechain, agentId };
}

function toEntry(r: Row): Entry {
  return {
    kind: 'message',
    uuid: r.uuid,
    parentUuid: r.parentUuid,
    role: r.role,
    messageKind: r.messageKind,
    text: null,
    messageId: r.messageId,
    timestamp: r.timestamp,
    isSidechain: r.isSidechain === 1,
    agentId: r.agentId,
    toolName: r.toolName,
    depth: 0,
    compactionBefore: false,
  };
}

function partIndex(uuid: string): number {
  const i = uuid.indexOf('#');
  return i < 0 ? 0 : Number(uuid.slice(i + 1)) || 0;
}

/** Parent links within the session; returns the roots. Parents outside the session make roots. */
function link(store: ReadStore, lines: Line[]): Line[] {
  const byKey = new Map(lines.map((l) => [l.key, l]));
  const roots: Line[] = [];
  for (const line of lines) {
    const parent = line.parent !== null ? byKey.get(line.parent) : undefined;
    if (parent && parent !== line) parent.children.push(line);
    else roots.push(line);
  }
  const mainRoots = attachSidechains(store, roots, lines, byKey);
  // A sub-agent's work reads right after the call that started it, before the main thread goes on.
  for (const line of lines)
    line.children.sort(
      (a, b) => (line.sidechain ? 0 : Number(b.sidechain) - Number(a.sidechain)) || byTime(a, b),
    );
  return mainRoots.sort(byTime);
}

/**
 * Sidechain roots hang under the main-thread call that started them: the call whose prompt the
 * agent was started with (parallel calls share a time), else the call answered by the result
 * that names the agent, else the latest call at or before the agent's first line.
 */
function attachSidechains(store: ReadStore, roots: Line[], lines: Line[], byKey: Map<string, Line>): Line[] {
  const calls = lines
    .filter((l) => !l.sidechain && l.timestamp !== null && l.entries.some(isAgentCall))
    .sort(byTime);
  const fallback = lines
    .filter((l) => !l.sidechain && l.timestamp !== null && l.entries[0]?.kind === 'message')
    .sort(byTime);
  const byAgent = callsByAgentResult(lines, byKey);
  const byPrompt = callsByPrompt(store, calls);
  const kept: Line[] = [];
  for (const root of roots) {
    const host = root.sidechain
      ? (byPrompt.get(promptKey(firstText(store, root))) ??
        (root.agentId !== null ? byAgent.get(root.agentId) : undefined) ??
        latestBefore(calls, root) ??
        latestBefore(fallback, root))
      : null;
    if (host) host.children.push(root);
    else kept.push(root);
  }
  return kept;
}

/** The Task result in the main thread names its agent; the line it answers holds the call. */
function callsByAgentResult(lines: Line[], byKey: Map<string, Line>): Map<string, Line> {
  const out = new Map<string, Line>();
  for (const line of lines) {
    if (line.sidechain) continue;
    for (const e of line.entries) {
      if (e.agentId === null || e.isSidechain) continue;
      const call = line.parent !== null ? byKey.get(line.parent) : undefined;
      if (call?.entries.some(isAgentCall) && !out.has(e.agentId)) out.set(e.agentId, call);
    }
  }
  return out;
}

/** Each agent call by the prompt it passed (the first call wins when two passed the same). */
function callsByPrompt(store: ReadStore, calls: Line[]): Map<string, Line> {
  const out = new Map<string, Line>();
  for (const line of calls)
    for (const e of line.entries) {
      if (!isAgentCall(e) || e.messageId === null) continue;
      const prompt = agentCallPrompt(textOf(store, e.messageId), e.toolName!);
      if (prompt !== null && !out.has(promptKey(prompt))) out.set(promptKey(prompt), line);
    }
  return out;
}

function firstText(store: ReadStore, line: Line): string {
  const id = line.entries[0]?.messageId;
  return id === null || id === undefined ? '' : textOf(store, id);
}

function textOf(store: ReadStore, messageId: number): string {
  return (
    (connection(store).prepare('SELECT text FROM messages WHERE id = ?').pluck().get(messageId) as string) ??
    ''
  );
}

function isAgentCall(e: Entry): boolean {
  return e.role === 'tool_call' && isAgentTool(e.toolName);
}

function latestBefore(sorted: Line[], line: Line): Line | null {
  let found: Line | null = null;
  for (const candidate of sorted) {
    if (line.timestamp === null || candidate.timestamp! > line.timestamp) break;
    found = candidate;
  }
  return found;
}

function byTime(a: Line, b: Line): number {
  const ta = a.timestamp ?? '';
  const tb = b.timestamp ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : a.order - b.order;
}

/**
 * Depth first, without recursion: a long session is a chain thousands of lines deep. Lines
 * caught in a parent cycle (a damaged file) reach no root; they follow at the end.
 */
function flatten(roots: Line[], all: Line[]): Entry[] {
  const out: Entry[] = [];
  const seen = new Set<Line>();
  walk(roots, out, seen);
  for (const line of all) if (!seen.has(line)) walk([line], out, seen);
  return out;
}

function walk(roots: Line[], out: Entry[], seen: Set<Line>): void {
  const stack: { line: Line; depth: number; afterCompaction: boolean }[] = roots
    .map((line) => ({ line, depth: line.sidechain ? 1 : 0, afterCompaction: false }))
    .reverse();
  while (stack.length) {
    const { line, depth, afterCompaction } = stack.pop()!;
    if (seen.has(line)) continue;
    seen.add(line);
    line.entries.forEach((e, i) => out.push({ ...e, depth, compactionBefore: afterCompaction && i === 0 }));
    const isBoundary = line.entries[0]?.kind === 'compaction';
    for (let i = line.children.length - 1; i >= 0; i--) {
      const child = line.children[i]!;
      const nested = child.sidechain && (!line.sidechain || child.agentId !== line.agentId);
      stack.push({ line: child, depth: depth + (nested ? 1 : 0), afterCompaction: isBoundary });
    }
  }
}
