import fs from 'node:fs';
import path from 'node:path';
import { redactSecrets } from '../security/redact-secrets';
import { writeFileAtomic } from '../workspace/atomic-write';
import { LOCAL_DIR_NAME } from '../workspace/memory-layout';
import { isInside } from './commit-plan';

/**
 * The last gate before a memory file is staged: no secret reaches a commit. The pipeline
 * redacts what it writes from message text, but `exports-archive/` holds the export files
 * as they were, and titles taken from a first prompt travel into file headers and indexes.
 * A file with secrets is redacted in place; its original is kept machine-locally under
 * `.local/unredacted/` (never committed), so nothing is lost on this machine.
 *
 * `.jsonl` state files are skipped: they are written redacted line by line, and can be far
 * too large to read again on every commit.
 */
export interface GuardResult {
  file: string;
  redactions: number;
  keptAt: string;
}

const MAX_BYTES = 64 * 1024 * 1024;
const BINARY_SNIFF = 8192;

export function guardMemoryFiles(memoryDir: string, files: readonly string[]): GuardResult[] {
  const local = path.join(memoryDir, LOCAL_DIR_NAME);
  const results: GuardResult[] = [];
  for (const file of files) {
    if (!isInside(file, memoryDir) || isInside(file, local) || file.endsWith('.jsonl')) continue;
    const r = guardFile(memoryDir, file);
    if (r) results.push(r);
  }
  return results;
}

function guardFile(memoryDir: string, file: string): GuardResult | null {
  let bytes: Buffer;
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile() || st.size > MAX_BYTES) return null;
    bytes = fs.readFileSync(file);
  } catch {
    return null; // gone or unreadable: git add will say so
  }
  if (bytes.subarray(0, BINARY_SNIFF).includes(0)) return null;
  const redacted = file.endsWith('.json') ? redactJson(bytes) : redactText(bytes);
  if (!redacted) return null;
  const keptAt = keepOriginal(memoryDir, file);
  writeFileAtomic(file, redacted.data);
  return { file, redactions: redacted.count, keptAt };
}

/**
 * Text as latin1: every byte maps to one character and back, so a file in a legacy encoding
 * (exports often are) keeps its other bytes exactly; the secrets themselves are ASCII.
 */
function redactText(bytes: Buffer): { data: Buffer; count: number } | null {
  const r = redactSecrets(bytes.toString('latin1'));
  return r.count ? { data: Buffer.from(r.text, 'latin1'), count: r.count } : null;
}

/** JSON: only string values are redacted, so the file stays valid JSON (a text pass could eat a quote). */
function redactJson(bytes: Buffer): { data: Buffer; count: number } | null {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return redactText(bytes);
  }
  let count = 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const r = redactSecrets(v);
      count += r.count;
      return r.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(value);
  // The pipeline writes its JSON this way; the same layout keeps the diff to the redacted values.
  return count ? { data: Buffer.from(`${JSON.stringify(out, null, 2)}\n`), count } : null;
}

function keepOriginal(memoryDir: string, file: string): string {
  const base = path.join(memoryDir, LOCAL_DIR_NAME, 'unredacted', path.relative(memoryDir, file));
  let dest = base;
  for (let n = 2; fs.existsSync(dest); n++) dest = `${base}.${n}`;
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(file, dest);
  return dest;
}
