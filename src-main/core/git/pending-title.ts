import fs from 'node:fs';
import path from 'node:path';
import { checkpointMessage, type CommitMessage } from './commit-message';

/**
 * The message for `coditect commit` without `--message`: the title and numbers of the newest
 * checkpoint document among the files about to be committed (its front matter), so a
 * commit made after a failed run reads like the one the run would have made.
 */
export function messageFromCheckpointDocs(files: readonly string[]): CommitMessage {
  const docs = files.filter(
    (f) => /[\\/]checkpoints[\\/][^\\/]+\.md$/i.test(f) || /[\\/]CHECKPOINTS[\\/][^\\/]+\.md$/.test(f),
  );
  const newest = [...docs].sort((a, b) => path.basename(a).localeCompare(path.basename(b))).at(-1);
  const meta = newest ? frontMatter(newest) : null;
  if (!meta?.title) return checkpointMessage('memory artifacts');
  const more = docs.length > 1 ? ` (+${docs.length - 1} more)` : '';
  const stats = meta.messages_read
    ? `read=${meta.messages_read} new=${meta.new_unique ?? '?'} duplicates=${meta.duplicates ?? '?'}`
    : undefined;
  return checkpointMessage(`${meta.title}${more}`, stats);
}

function frontMatter(file: string): Record<string, string> | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').slice(0, 4096);
  } catch {
    return null;
  }
  const m = /^---\n([\s\S]*?)\n---/.exec(text);
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const line of m[1]!.split('\n')) {
    const kv = /^([a-z_]+):\s*(.*)$/.exec(line);
    if (kv) out[kv[1]!] = unquote(kv[2]!);
  }
  return out;
}

function unquote(v: string): string {
  if (!v.startsWith('"')) return v;
  try {
    return String(JSON.parse(v));
  } catch {
    return v;
  }
}
