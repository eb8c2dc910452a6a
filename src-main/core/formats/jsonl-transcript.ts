import fs from 'node:fs';
import type { CompactionBoundary, MessageKind, ParsedMessage, Role } from '../model';
import { isAgentTool } from '../text/agent-call';
import { renderWrappers, stripAnsi, whoSaidIt } from './who-said-it';

/**
 * Reader for Claude Code's JSONL transcripts (`~/.claude/projects/<cwd>/<session>.jsonl`).
 * Files reach hundreds of MB and grow while Claude Code runs, so they are streamed and
 * split on newline bytes here, which keeps byte offsets exact for incremental reads.
 * Nothing in a line is fatal: bad lines and unknown types are counted and skipped.
 */

export type TranscriptItem =
  | { kind: 'message'; message: ParsedMessage; line: number }
  | { kind: 'compaction'; boundary: CompactionBoundary; line: number }
  | { kind: 'bad-line'; line: number; reason: string };

export interface TranscriptStats {
  lines: number;
  messages: number;
  badLines: number;
  /** Line numbers of the first bad lines (at most MAX_BAD_LINE_NUMBERS), for the report. */
  badLineNumbers: number[];
  unknownTypes: number;
  skippedTypes: number;
  compactions: number;
  sessionIds: string[];
  /** absolute byte offset just after the last line consumed (newline-terminated, or a settled complete last line) */
  endOffset: number;
  /** a final fragment without a newline was left unconsumed: it waits for its end */
  partialTail: boolean;
}

export interface ReadTranscriptOptions {
  startOffset?: number;
  agentId?: string;
  /** Number of the first line read (default 1); pass it when resuming to keep line numbers absolute. */
  startLine?: number;
  /**
   * The file's size when discovery judged it settled. A last line without a newline that ends
   * exactly there and parses is then complete (its writer has finished and will not add the
   * newline) and is imported; otherwise it is left for a later read.
   */
  settledSize?: number;
}

/** How many bad line numbers a report names; the count covers the rest. */
export const MAX_BAD_LINE_NUMBERS = 20;

/** Line types that are bookkeeping, not conversation: skipped, and evidence of a transcript. */
export const BOOKKEEPING_TYPES: ReadonlySet<string> = new Set([
  'summary',
  'file-history-snapshot',
  'queue-operation',
  'progress',
  'attachment',
  'ai-title',
  'last-prompt',
  'pr-link',
  'mode',
  'permission-mode',
  'custom-title',
  'tag',
]);

/** Chunk size for reading: large enough to be fast, small enough to bound memory. */
const CHUNK_BYTES = 1 << 20;

/**
 * Stream a transcript from `startOffset` (default 0), calling `onItem` for each item in file
 * order. Newline-terminated lines are consumed; an unterminated last fragment is left for
 * the next read (partialTail, "waiting for its end") unless the file has settled at that size
 * and the fragment parses (see `settledSize`).
 */
export async function readTranscript(
  path: string,
  onItem: (item: TranscriptItem) => void,
  opts: ReadTranscriptOptions = {},
): Promise<TranscriptStats> {
  const batches = readTranscriptBatches(path, opts);
  for (;;) {
    const next = await batches.next();
    if (next.done) return next.value;
    next.value.items.forEach(onItem);
  }
}

/** What one chunk of a transcript yielded, and the bytes it consumed (whole lines only). */
export interface TranscriptBatch {
  items: TranscriptItem[];
  consumed: Buffer[];
}

/**
 * `readTranscript` as a stream of batches, one per chunk read, ending with the stats. The
 * consumed bytes come along so a caller can hash exactly what was imported in the same pass.
 */
export async function* readTranscriptBatches(
  file: string,
  opts: ReadTranscriptOptions = {},
): AsyncGenerator<TranscriptBatch, TranscriptStats, void> {
  const start = opts.startOffset ?? 0;
  const stats: TranscriptStats = {
    lines: 0,
    messages: 0,
    badLines: 0,
    badLineNumbers: [],
    unknownTypes: 0,
    skippedTypes: 0,
    compactions: 0,
    sessionIds: [],
    endOffset: start,
    partialTail: false,
  };
  let items: TranscriptItem[] = [];
  const mapper = new LineMapper(stats, (item) => items.push(item), opts.agentId);
  const splitter = new LineSplitter();
  let lineNo = (opts.startLine ?? 1) - 1;
  for (const chunk of chunksOf(file, start)) {
    const consumed = splitter.push(chunk, (line) => {
      stats.lines++;
      stats.endOffset += line.length + 1;
      mapper.map(line, ++lineNo);
    });
    if (items.length || consumed.length) yield { items, consumed };
    items = [];
  }
  const tail = splitter.rest();
  if (isCompleteTail(tail, stats, opts.settledSize)) {
    stats.lines++;
    stats.endOffset += tail.length;
    mapper.map(tail, ++lineNo);
    yield { items, consumed: [tail] };
  } else if (tail.toString('utf8').trim() !== '') stats.partialTail = true;
  return stats;
}

/**
 * The file's bytes from `start`, a chunk at a time, read with blocking calls. Transcripts are
 * read on a parse worker's thread (or the pipeline's, with no window to keep responsive), where
 * a read from the page cache takes less than the wait for a turn on libuv's pool, which the
 * compressed copies of transcripts keep busy: with stream reads, the parse worker and the
 * pipeline's thread each sat idle for a quarter of a transcripts-only import (issue 16). Read
 * until a read returns nothing, as the stream did: a file still growing is read as far as it got.
 */
function* chunksOf(file: string, start: number): Generator<Buffer, void, void> {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    for (let at = start; ;) {
      // Sized to what is left (a small transcript is not given a whole chunk to hold on to).
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(64 * 1024, size - at)));
      const n = fs.readSync(fd, chunk, 0, chunk.length, at);
      if (n === 0) return;
      at += n;
      yield n === chunk.length ? chunk : chunk.subarray(0, n);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** A last line without its newline is whole when the file settled right after it and it parses. */
function isCompleteTail(tail: Buffer, stats: TranscriptStats, settledSize: number | undefined): boolean {
  if (tail.length === 0 || settledSize === undefined) return false;
  if (stats.endOffset + tail.length !== settledSize) return false;
  const text = tail.toString('utf8');
  return text.trim() !== '' && parseJson(text).ok;
}

/** Splits chunks on '\n' bytes; a line spanning chunks is joined only once it is complete. */
class LineSplitter {
  private pending: Buffer[] = [];

  /** Returns the bytes this chunk completed (earlier pending bytes included), newlines and all. */
  push(chunk: Buffer, onLine: (line: Buffer) => void): Buffer[] {
    let pos = 0;
    const held = this.pending;
    for (let nl = chunk.indexOf(10, pos); nl !== -1; nl = chunk.indexOf(10, pos)) {
      const piece = chunk.subarray(pos, nl);
      const line = this.pending.length > 0 ? Buffer.concat([...this.pending, piece]) : piece;
      this.pending = [];
      onLine(line);
      pos = nl + 1;
    }
    if (pos === 0) {
      this.pending.push(chunk);
      return [];
    }
    if (pos < chunk.length) this.pending.push(chunk.subarray(pos));
    return [...held, chunk.subarray(0, pos)];
  }

  rest(): Buffer {
    return Buffer.concat(this.pending);
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

// ---------------------------------------------------------------------------------------
// Line -> items

type Json = Record<string, unknown>;
interface Part {
  role: Role;
  text: string;
  toolName?: string;
  kind?: MessageKind;
  /** A sub-agent's answer as its Task result returns it: the agent that gave it. */
  agentId?: string;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(o: Json, key: string): string | undefined {
  return typeof o[key] === 'string' ? (o[key] as string) : undefined;
}
function bool(o: Json, key: string): boolean | undefined {
  return typeof o[key] === 'boolean' ? (o[key] as boolean) : undefined;
}

/** Tool names remembered per tool_use id, so results can name their tool; bounded. */
const MAX_REMEMBERED_TOOLS = 10_000;

class LineMapper {
  private readonly sessions = new Set<string>();
  private readonly toolNames = new Map<string, string>();
  private lineNo = 0;

  constructor(
    private readonly stats: TranscriptStats,
    private readonly onItem: (item: TranscriptItem) => void,
    private readonly agentId: string | undefined,
  ) {}

  map(buf: Buffer, lineNo: number): void {
    this.lineNo = lineNo;
    const text = buf.toString('utf8');
    if (text.trim() === '') return;
    const parsed = parseJson(text);
    if (!parsed.ok) return this.bad(`not valid JSON: ${parsed.error}`);
    if (!isObject(parsed.value)) return this.bad('not a JSON object');
    this.record(parsed.value);
  }

  private record(o: Json): void {
    const sessionId = str(o, 'sessionId');
    if (sessionId && !this.sessions.has(sessionId)) {
      this.sessions.add(sessionId);
      this.stats.sessionIds.push(sessionId);
    }
    const type = str(o, 'type');
    if (type === 'user' || type === 'assistant') return this.conversation(o, type);
    if (type === 'system') return this.system(o);
    if (type === 'summary') return this.summary(o);
    if (type === 'attachment' && this.hookBlocked(o)) return;
    if (type !== undefined && BOOKKEEPING_TYPES.has(type)) this.stats.skippedTypes++;
    else this.stats.unknownTypes++;
  }

  private conversation(o: Json, type: 'user' | 'assistant'): void {
    const message = o.message;
    if (!isObject(message)) return this.bad(`${type} line without a message`);
    const parts =
      type === 'user'
        ? this.userParts(message.content, o).flatMap((p) => (p.role === 'user' ? saidBy(p.text, o) : [p]))
        : this.assistantParts(message.content);
    const turnId = type === 'assistant' ? str(message, 'id') : undefined;
    parts.forEach((part, k) => this.emit(o, part, k, turnId));
  }

  /** User content: text and images form one prompt; each tool_result is its own message. */
  private userParts(content: unknown, o: Json): Part[] {
    if (typeof content === 'string') return content.trim() ? [{ role: 'user', text: content }] : [];
    if (!Array.isArray(content)) return [];
    const parts: Part[] = [];
    let prompt: string[] = [];
    const endPrompt = (): void => {
      if (prompt.join('').trim()) parts.push({ role: 'user', text: prompt.join('\n') });
      prompt = [];
    };
    for (const block of content.map(bareStringAsText).filter(isObject)) {
      if (block.type === 'tool_result') {
        endPrompt();
        const toolName = this.toolNames.get(str(block, 'tool_use_id') ?? '');
        if (isAgentTool(toolName)) {
          const answer = agentAnswer(block.content);
          const agentId = answeringAgent(block.content, o);
          if (answer.trim())
            parts.push({ role: 'assistant', text: answer, toolName, ...(agentId ? { agentId } : {}) });
          continue;
        }
        const text = toolResultText(block.content);
        if (text.trim()) parts.push({ role: 'tool_result', text, ...(toolName ? { toolName } : {}) });
      } else if (block.type === 'text' && typeof block.text === 'string') prompt.push(block.text);
      else if (block.type === 'image') prompt.push('[image]');
    }
    endPrompt();
    return parts;
  }

  /** Assistant content: one message per block (text, thinking, tool_use). */
  private assistantParts(content: unknown): Part[] {
    if (typeof content === 'string') return content.trim() ? [{ role: 'assistant', text: content }] : [];
    if (!Array.isArray(content)) return [];
    const parts: Part[] = [];
    for (const block of content.map(bareStringAsText).filter(isObject)) {
      const part = this.assistantPart(block);
      if (part && part.text.trim()) parts.push(part);
    }
    return parts;
  }

  private assistantPart(block: Json): Part | null {
    if (block.type === 'text') return { role: 'assistant', text: str(block, 'text') ?? '' };
    if (block.type === 'thinking') return { role: 'thinking', text: str(block, 'thinking') ?? '' };
    if (block.type !== 'tool_use' && block.type !== 'server_tool_use') return null;
    const name = str(block, 'name') ?? 'unknown';
    this.rememberTool(str(block, 'id'), name);
    return { role: 'tool_call', toolName: name, text: `${name}(${JSON.stringify(block.input ?? {})})` };
  }

  private rememberTool(id: string | undefined, name: string): void {
    if (!id) return;
    if (this.toolNames.size >= MAX_REMEMBERED_TOOLS) {
      const oldest = this.toolNames.keys().next().value;
      if (oldest !== undefined) this.toolNames.delete(oldest);
    }
    this.toolNames.set(id, name);
  }

  private system(o: Json): void {
    if (str(o, 'subtype') === 'compact_boundary') return this.compaction(o);
    const content = stripAnsi(str(o, 'content') ?? '');
    // `local_command` rows carry a slash command or its output in the same wrappers as user rows.
    const parts =
      renderWrappers(content.trim()) ?? (content.trim() ? [{ role: 'system' as const, text: content }] : []);
    if (parts.length === 0) this.stats.skippedTypes++;
    parts.forEach((part, k) => this.emit(o, part, k, undefined));
  }

  /**
   * A summary row titles its session: kept as a message of kind `title`, searchable and shown
   * at the head of its source. It names no session (its `leafUuid` may be in another file), so
   * it stays out of session threads and their counts; its leaf, the last message it covers, is
   * kept as its parent, which finds the session it titles (session-queries summaryTitle).
   */
  private summary(o: Json): void {
    const title = str(o, 'summary')?.trim();
    if (!title) return void this.stats.skippedTypes++;
    const leaf = str(o, 'leafUuid');
    this.emit({ ...o, parentUuid: leaf }, { role: 'system', text: title, kind: 'title' }, 0, undefined);
  }

  /** A hook that blocked a tool or a prompt: kept as a system message; other attachments are bookkeeping. */
  private hookBlocked(o: Json): boolean {
    const a = isObject(o.attachment) ? o.attachment : {};
    if (a.type !== 'hook_blocking_error') return false;
    const inner = isObject(a.blockingError) ? a.blockingError : {};
    const why = stripAnsi(
      str(inner, 'blockingError') ?? (typeof a.blockingError === 'string' ? a.blockingError : ''),
    );
    const hook = str(a, 'hookName') ?? str(a, 'hookEvent') ?? 'a hook';
    this.emit(
      o,
      { role: 'system', text: `${hook} hook blocked: ${why.trim() || 'no reason given'}` },
      0,
      undefined,
    );
    return true;
  }

  private compaction(o: Json): void {
    const meta = isObject(o.compactMetadata) ? o.compactMetadata : {};
    const boundary: CompactionBoundary = {
      uuid: str(o, 'uuid') ?? '',
      sessionId: str(o, 'sessionId') ?? '',
      logicalParentUuid: str(o, 'logicalParentUuid') ?? null,
      timestamp: str(o, 'timestamp') ?? null,
      trigger: str(meta, 'trigger') ?? null,
    };
    this.stats.compactions++;
    this.onItem({ kind: 'compaction', boundary, line: this.lineNo });
  }

  /** The first message of a line keeps the line's uuid; later ones get `uuid#k`. */
  private emit(o: Json, part: Part, k: number, turnId: string | undefined): void {
    const uuid = str(o, 'uuid');
    const message: ParsedMessage = {
      ...part,
      ...(uuid ? { uuid: k === 0 ? uuid : `${uuid}#${k}` } : {}),
      ...lineFields(o, this.agentId),
      ...(turnId ? { turnId } : {}),
    };
    this.stats.messages++;
    this.onItem({ kind: 'message', message, line: this.lineNo });
  }

  private bad(reason: string): void {
    this.stats.badLines++;
    if (this.stats.badLineNumbers.length < MAX_BAD_LINE_NUMBERS) this.stats.badLineNumbers.push(this.lineNo);
    this.onItem({ kind: 'bad-line', line: this.lineNo, reason });
  }
}

/** A user prompt as who said it: the person, or Claude Code on their behalf (see who-said-it). */
function saidBy(text: string, o: Json): Part[] {
  return whoSaidIt(text, {
    isMeta: bool(o, 'isMeta') === true,
    isCompactSummary: bool(o, 'isCompactSummary') === true,
    opensSidechain: bool(o, 'isSidechain') === true && o.parentUuid === null,
  });
}

/** Threading and context every message of a line carries (only the fields present). */
function lineFields(o: Json, agentId: string | undefined): Partial<ParsedMessage> {
  const fields: Record<string, unknown> = {
    parentUuid: o.parentUuid === null ? null : str(o, 'parentUuid'),
    sessionId: str(o, 'sessionId'),
    timestamp: str(o, 'timestamp'),
    cwd: str(o, 'cwd'),
    gitBranch: str(o, 'gitBranch'),
    isSidechain: bool(o, 'isSidechain'),
    isMeta: bool(o, 'isMeta'),
    agentId: agentId ?? str(o, 'agentId'),
  };
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return fields as Partial<ParsedMessage>;
}

/**
 * A sub-agent's final answer as its Task result carries it: the answer's text blocks, without
 * the "agentId: … (for resuming)" and `<usage>` blocks Claude Code appends. Stored as the
 * assistant message it is, the same text the sub-agent's own transcript ends with, so the
 * two are one message.
 */
function agentAnswer(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map(bareStringAsText)
    .filter(isObject)
    .flatMap((b) => (b.type === 'text' ? [str(b, 'text') ?? ''] : []))
    .filter((t) => !/^\s*(?:agentId: |<usage>)/.test(t) && t.trim() !== '')
    .join('\n');
}

/**
 * The agent a Task result came from: the line's `toolUseResult.agentId`, else the
 * "agentId: … (for resuming …)" block Claude Code appends to the result. It places the
 * sub-agent's own transcript after this call.
 */
function answeringAgent(content: unknown, o: Json): string | undefined {
  const result = isObject(o.toolUseResult) ? str(o.toolUseResult, 'agentId') : undefined;
  if (result) return result;
  const blocks = Array.isArray(content) ? content.map(bareStringAsText).filter(isObject) : [];
  const texts = typeof content === 'string' ? [content] : blocks.map((b) => str(b, 'text') ?? '');
  for (const t of texts) {
    const m = /^\s*agentId: ([\w-]+)/m.exec(t);
    if (m) return m[1];
  }
  return undefined;
}

/** A bare string inside a content array is text, as the API accepts it. */
function bareStringAsText(block: unknown): unknown {
  return typeof block === 'string' ? { type: 'text', text: block } : block;
}

/** A tool_result's content: a string, or blocks of text (images shown as "[image]"). */
function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map(bareStringAsText)
    .filter(isObject)
    .map((b) => (b.type === 'text' ? (str(b, 'text') ?? '') : b.type === 'image' ? '[image]' : ''))
    .filter((t) => t !== '')
    .join('\n');
}
