import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import type { MemoryLayout } from '../workspace/memory-layout';
import { writeFormatFiles } from './memory-format';
import {
  CHECKPOINT_FILE,
  homeRelative,
  MEMORY_FORMAT,
  PART_BYTES,
  partName,
  type TrackedCheckpoint,
  type TrackedSource,
} from './tracked-format';
import { commitCheckpointFolder, removeStaleFolders } from './write-tracked';
import { redactSecrets } from '../security/redact-secrets';

/** What format 1 kept in `dedup_state/checkpoint_index.json` (only what the migration reads). */
interface V1Source {
  key: string;
  kind: 'export' | 'transcript';
  name: string;
  path: string;
  sha256: string | null;
  project: string | null;
  archived_as: string | null;
  end_offset: number;
  prefix_sha256: string | null;
  bad_lines: number;
  counts: { read: number; new_unique: number; duplicates: number };
}

interface V1Checkpoint {
  id: string;
  title: string;
  created_at: string;
  document: string;
  occurrences: string;
  redactions: number;
  counts: { read: number; new_unique: number; duplicates: number };
  sources: V1Source[];
}

export interface MigrationResult {
  /** Checkpoints converted by this call. */
  converted: number;
  /** Every file the conversion wrote or removed: what the run's commit takes. */
  paths: string[];
}

/**
 * Convert a memory written in format 1 (one `unique_messages.jsonl` and one
 * `checkpoint_index.json` rewritten by every checkpoint, which conflict between machines)
 * into format 2, in place. Crash-safe and idempotent: each checkpoint's folder appears whole
 * or not at all and is skipped when already there; `FORMAT.json` is written only once every
 * folder is in place, and only then are the old files removed (a crash in between is finished
 * by the next call). The store is untouched: ids and contents stay the same.
 */
export async function migrateLegacyMemory(
  layout: MemoryLayout,
  home: string = os.homedir(),
): Promise<MigrationResult> {
  const legacy = legacyFiles(layout);
  if (!legacy.length) return { converted: 0, paths: [] };
  // Old files beside FORMAT.json: a conversion interrupted while removing them, or a machine
  // still on the previous release that wrote more. Converted again either way (folders already
  // in place are skipped), so nothing is removed that is not in format 2.
  removeStaleFolders(layout.checkpointStateDir);
  const index = readV1Index(layout.legacy.checkpointIndexFile);
  const messages = await messagesByCheckpoint(layout.legacy.uniqueMessagesFile, index);
  const all = [...index, ...(await unindexedCheckpoints(layout, index, messages))];
  const paths: string[] = [];
  let converted = 0;
  for (const c of all) {
    if (fs.existsSync(path.join(layout.checkpointStateDir, c.id, CHECKPOINT_FILE))) continue;
    const occurrences = await convertOccurrences(path.join(layout.root, c.occurrences), c, home);
    const record = v2Record(c, home, {
      messages: splitParts(messages.get(c.id)?.lines ?? []),
      occurrences: splitParts(occurrences),
    });
    paths.push(...commitCheckpointFolder(layout.checkpointStateDir, record.record, record.parts));
    converted++;
  }
  paths.push(...writeFormatFiles(layout));
  removeLegacy(layout);
  return { converted, paths: [...paths, ...legacy] };
}

/** The format-1 files present (the occurrence files one by one: git records each). */
function legacyFiles(layout: MemoryLayout): string[] {
  const l = layout.legacy;
  const files = [l.uniqueMessagesFile, l.checkpointIndexFile, l.manifestFile].filter((f) => fs.existsSync(f));
  if (fs.existsSync(l.occurrencesDir))
    for (const name of fs.readdirSync(l.occurrencesDir)) files.push(path.join(l.occurrencesDir, name));
  return files;
}

function removeLegacy(layout: MemoryLayout): void {
  const l = layout.legacy;
  for (const f of [l.uniqueMessagesFile, l.checkpointIndexFile, l.manifestFile])
    fs.rmSync(f, { force: true });
  fs.rmSync(l.occurrencesDir, { recursive: true, force: true });
}

function readV1Index(file: string): V1Checkpoint[] {
  if (!fs.existsSync(file)) return [];
  try {
    const index = JSON.parse(fs.readFileSync(file, 'utf8')) as { checkpoints?: V1Checkpoint[] };
    if (!Array.isArray(index.checkpoints)) throw new Error('it lists no checkpoints');
    return index.checkpoints;
  } catch (err) {
    throw new Error(
      `cannot convert the memory to format ${MEMORY_FORMAT}: ${file} is damaged (${(err as Error).message}); nothing was changed`,
    );
  }
}

/** A checkpoint's messages as format-2 lines, and the earliest time one was first seen. */
interface MessagesOf {
  lines: Buffer[];
  firstSeen: string | null;
}

/** Each checkpoint's messages, by the checkpoint each line names (format 1 wrote it on every line). */
async function messagesByCheckpoint(file: string, index: V1Checkpoint[]): Promise<Map<string, MessagesOf>> {
  const out = new Map<string, MessagesOf>(index.map((c) => [c.id, { lines: [], firstSeen: null }]));
  if (!fs.existsSync(file)) return out;
  for await (const raw of readline.createInterface({
    input: fs.createReadStream(file),
    crlfDelay: Infinity,
  })) {
    if (!raw.trim()) continue;
    let l: { hash?: unknown; role?: unknown; text?: unknown; checkpoint?: unknown; first_seen?: unknown };
    try {
      l = JSON.parse(raw) as typeof l;
    } catch {
      continue; // A torn last line of an interrupted append: format 1 dropped it too.
    }
    if (typeof l.hash !== 'string' || typeof l.role !== 'string' || typeof l.text !== 'string') continue;
    const id = typeof l.checkpoint === 'string' && l.checkpoint ? l.checkpoint : UNNAMED;
    const to = out.get(id) ?? out.set(id, { lines: [], firstSeen: null }).get(id)!;
    // Format 1 was redacted by older rules: the text goes through today's before it is tracked again.
    const text = redactSecrets(l.text).text;
    to.lines.push(Buffer.from(JSON.stringify({ h: l.hash, r: l.role, t: text }) + '\n'));
    if (typeof l.first_seen === 'string' && (!to.firstSeen || l.first_seen < to.firstSeen))
      to.firstSeen = l.first_seen;
  }
  return out;
}

/** Where lines that name no checkpoint go: format 1 never wrote such lines, but no line is lost. */
const UNNAMED = 'format-1-unindexed';

/**
 * Checkpoints format 1 wrote messages or occurrences for but whose index entry it never wrote
 * (its index was rewritten last, so a crash could leave them out): rebuilt from what is there,
 * their sources from the occurrences' keys, so that no message is lost.
 */
async function unindexedCheckpoints(
  layout: MemoryLayout,
  index: V1Checkpoint[],
  messages: Map<string, MessagesOf>,
): Promise<V1Checkpoint[]> {
  const known = new Set(index.map((c) => c.id));
  const ids = new Set([...messages.keys()].filter((id) => !known.has(id)));
  if (fs.existsSync(layout.legacy.occurrencesDir))
    for (const name of fs.readdirSync(layout.legacy.occurrencesDir))
      if (name.endsWith('.jsonl') && !known.has(name.slice(0, -6))) ids.add(name.slice(0, -6));
  const out: V1Checkpoint[] = [];
  for (const id of ids) {
    const occurrences = `dedup_state/occurrences/${id}.jsonl`;
    const sources = await sourcesFromOccurrences(path.join(layout.root, occurrences));
    const read = sources.reduce((n, x) => n + x.counts.read, 0);
    const fresh = sources.reduce((n, x) => n + x.counts.new_unique, 0);
    out.push({
      id,
      title: `${id} (converted without its index entry)`,
      created_at: messages.get(id)?.firstSeen ?? new Date(0).toISOString(),
      document: `checkpoints/${id}.md`,
      occurrences,
      redactions: 0,
      counts: { read, new_unique: fresh, duplicates: read - fresh },
      sources,
    });
  }
  return out.sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
}

async function sourcesFromOccurrences(file: string): Promise<V1Source[]> {
  const byKey = new Map<string, V1Source>();
  if (!fs.existsSync(file)) return [];
  for await (const raw of readline.createInterface({
    input: fs.createReadStream(file),
    crlfDelay: Infinity,
  })) {
    let l: { src?: unknown; dup?: unknown; compaction?: unknown };
    try {
      l = JSON.parse(raw) as typeof l;
    } catch {
      continue;
    }
    if (typeof l.src !== 'string') continue;
    let s = byKey.get(l.src);
    if (!s) {
      const [kind, rest] = [
        l.src.startsWith('export:') ? 'export' : 'transcript',
        l.src.replace(/^[a-z]+:/, ''),
      ] as const;
      s = {
        key: l.src,
        kind,
        name: kind === 'export' ? rest.slice(0, 12) : path.basename(rest),
        path: kind === 'export' ? '' : rest,
        sha256: kind === 'export' ? rest : null,
        project: null,
        archived_as: null,
        end_offset: 0,
        prefix_sha256: null,
        bad_lines: 0,
        counts: { read: 0, new_unique: 0, duplicates: 0 },
      };
      byKey.set(l.src, s);
    }
    if (l.compaction) continue;
    s.counts.read++;
    if (l.dup) s.counts.duplicates++;
    else s.counts.new_unique++;
  }
  return [...byKey.values()];
}

async function convertOccurrences(file: string, c: V1Checkpoint, home: string): Promise<Buffer[]> {
  if (!fs.existsSync(file)) return [];
  const refs = new Map(c.sources.map((s, i) => [s.key, { ref: i + 1, project: s.project }]));
  const lines: Buffer[] = [];
  for await (const raw of readline.createInterface({
    input: fs.createReadStream(file),
    crlfDelay: Infinity,
  })) {
    if (!raw.trim()) continue;
    const l = JSON.parse(raw) as Record<string, unknown> & { src: string };
    const src = refs.get(l.src);
    if (!src) continue;
    if (l.compaction) {
      lines.push(Buffer.from(JSON.stringify({ s: src.ref, c: l.compaction }) + '\n'));
      continue;
    }
    const o: Record<string, unknown> = { s: src.ref, q: l.q, h: l.h };
    if (l.dup) o.d = 1;
    for (const k of ['u', 'p', 'sid', 'turn', 'ts'] as const) if (l[k] !== undefined) o[k] = l[k];
    if (typeof l.cwd === 'string') o.cwd = l.cwd === src.project ? '.' : homeRelative(l.cwd, home);
    for (const k of ['br', 'sc', 'ag', 'tool'] as const) if (l[k] !== undefined) o[k] = l[k];
    lines.push(Buffer.from(JSON.stringify(o) + '\n'));
  }
  return lines;
}

function splitParts(lines: Buffer[]): Buffer[] {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < lines.length) {
    let bytes = 0;
    const from = at;
    while (at < lines.length && (at === from || bytes + lines[at]!.length <= PART_BYTES))
      bytes += lines[at++]!.length;
    parts.push(zlib.gzipSync(Buffer.concat(lines.slice(from, at))));
  }
  return parts;
}

function v2Record(
  c: V1Checkpoint,
  home: string,
  parts: { messages: Buffer[]; occurrences: Buffer[] },
): { record: TrackedCheckpoint; parts: { messages: Buffer[]; occurrences: Buffer[] } } {
  const sources: TrackedSource[] = c.sources.map((s, i) => ({
    ref: i + 1,
    kind: s.kind,
    name: s.name,
    path: homeRelative(s.path, home)!,
    sha256: s.sha256,
    project: homeRelative(s.project, home),
    archived_as: s.archived_as,
    // Format 1 kept only the source's latest offset, not where this checkpoint started.
    start_offset: 0,
    end_offset: s.end_offset,
    prefix_sha256: s.prefix_sha256,
    bad_lines: s.bad_lines,
    counts: { read: s.counts.read, new_unique: s.counts.new_unique, duplicates: s.counts.duplicates },
  }));
  const record: TrackedCheckpoint = {
    format: MEMORY_FORMAT,
    id: c.id,
    title: c.title,
    created_at: c.created_at,
    author: null,
    machine: null,
    document: c.document,
    redactions: c.redactions,
    counts: { read: c.counts.read, new_unique: c.counts.new_unique, duplicates: c.counts.duplicates },
    sources,
    messages: parts.messages.map((_, i) => partName('messages', i + 1)),
    occurrences: parts.occurrences.map((_, i) => partName('occurrences', i + 1)),
  };
  return { record, parts };
}
