import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import { decodeExportBytes } from '../formats/encoding-repair';
import { parseExportText } from '../formats/export-text';
import {
  readTranscriptBatches,
  type TranscriptItem,
  type TranscriptStats,
} from '../formats/jsonl-transcript';
import { contentHash } from '../identity/content-hash';
import { hashFileRange } from '../identity/file-hash';
import type { CompactionBoundary, ParsedMessage } from '../model';
import { mayHoldSecret } from '../security/redact-secrets';

/**
 * Everything an import does that does not touch the store: reading, decoding, parsing and
 * hashing a file. It is a plain function of the file (and, for a transcript, of how far the
 * last import got), so it can run ahead of the store's writes in another thread
 * (node/worker-parser) or inline (inline-parser), with the same results.
 */

/** /export files are read whole; anything this large is not a conversation export. */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

export interface TranscriptJob {
  kind: 'transcript';
  path: string;
  agentId?: string;
  /** Where the last import stopped, and the hash of the bytes before it. */
  resume: { endOffset: number; prefixSha256: string } | null;
  /** The size discovery judged settled: a complete last line without a newline ending there is read. */
  settledSize?: number;
}

export type ParseJob = { kind: 'export'; path: string } | TranscriptJob;

/**
 * A message with its content hash, and whether the secret prescreen passed it (so the state
 * file's writer need not screen it again), both computed where it was parsed.
 */
export type HashedMessage = ParsedMessage & { readonly hash: string; readonly clean: boolean };

export type ParsedItem =
  { kind: 'message'; message: HashedMessage } | { kind: 'compaction'; boundary: CompactionBoundary };

export interface ParsedExport {
  sha256: string;
  size: number;
  project: string | null;
  firstPrompt: string | null;
  messages: HashedMessage[];
  notes: string[];
}

export type ParseEvent =
  | { type: 'export'; parsed: ParsedExport }
  | { type: 'transcript-start'; startOffset: number }
  | { type: 'items'; items: ParsedItem[] }
  | { type: 'transcript-end'; stats: TranscriptStats; prefixSha256: string }
  | { type: 'failed'; reason: string };

/** The events of one job, in order; a failure is the last event, never a throw. */
export async function* runParseJob(job: ParseJob): AsyncGenerator<ParseEvent, void, void> {
  try {
    if (job.kind === 'export') yield parseExportFile(job.path);
    else yield* parseTranscriptFile(job);
  } catch (err) {
    yield { type: 'failed', reason: describeReadError(err) };
  }
}

function parseExportFile(file: string): ParseEvent {
  const size = fs.statSync(file).size;
  if (size > MAX_EXPORT_BYTES)
    return { type: 'failed', reason: `too large for an /export (${size} bytes > ${MAX_EXPORT_BYTES})` };
  const bytes = fs.readFileSync(file);
  const decoded = decodeExportBytes(bytes);
  const parsed = parseExportText(decoded.text);
  const notes = repairNotes(decoded.repairs);
  if (parsed.messages.length === 0) notes.push('no messages found (banner only or empty conversation)');
  return {
    type: 'export',
    parsed: {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      project: parsed.banner.cwd,
      firstPrompt: parsed.firstPrompt,
      messages: parsed.messages.map(withHash),
      notes,
    },
  };
}

/**
 * From where the last import stopped when the bytes before it are unchanged, else from the
 * start (a rewritten file; uuids make reading it again safe). The bytes are hashed in the
 * same pass, so the next run can check its own starting point.
 */
async function* parseTranscriptFile(job: TranscriptJob): AsyncGenerator<ParseEvent, void, void> {
  const { start, hash } = await startingPoint(job);
  yield { type: 'transcript-start', startOffset: start };
  const batches = readTranscriptBatches(job.path, {
    startOffset: start,
    agentId: job.agentId,
    settledSize: job.settledSize,
  });
  for (;;) {
    const next = await batches.next();
    if (next.done) {
      yield { type: 'transcript-end', stats: next.value, prefixSha256: hash.digest('hex') };
      return;
    }
    next.value.consumed.forEach((b) => hash.update(b));
    const items = next.value.items.flatMap(toParsedItem);
    if (items.length) yield { type: 'items', items };
  }
}

async function startingPoint(job: TranscriptJob): Promise<{ start: number; hash: Hash }> {
  const r = job.resume;
  if (!r || r.endOffset === 0 || fs.statSync(job.path).size < r.endOffset)
    return { start: 0, hash: createHash('sha256') };
  const prefix = await hashFileRange(job.path, 0, r.endOffset, createHash('sha256'));
  if (prefix.copy().digest('hex') === r.prefixSha256) return { start: r.endOffset, hash: prefix };
  return { start: 0, hash: createHash('sha256') };
}

function toParsedItem(item: TranscriptItem): ParsedItem[] {
  if (item.kind === 'message') return [{ kind: 'message', message: withHash(item.message) }];
  if (item.kind === 'compaction') return [{ kind: 'compaction', boundary: item.boundary }];
  return [];
}

function withHash(m: ParsedMessage): HashedMessage {
  return { ...m, hash: contentHash(m.role, m.text), clean: !mayHoldSecret(m.text) };
}

function repairNotes(r: { mojibake: string | null; strayBytes: number }): string[] {
  const notes: string[] = [];
  if (r.mojibake) notes.push(`repaired ${r.mojibake} mojibake`);
  if (r.strayBytes > 0) notes.push(`decoded ${r.strayBytes} stray non-UTF-8 byte(s)`);
  return notes;
}

export function describeReadError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'vanished before it could be read';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'not readable (permission denied)';
  if (e.code === 'EISDIR') return 'is a directory, not a file';
  return `cannot be read: ${e.message ?? String(err)}`;
}
