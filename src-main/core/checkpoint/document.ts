import { dedupRate, KIND_LABELS, type MessageKind } from '../model';
import type { MemoryStore } from '../memory/store';
import { redactSecrets } from '../security/redact-secrets';
import type { CheckpointRow, CheckpointSourceRow } from './checkpoint-repo';

/** A checkpoint document stays readable: past this, the rest is in dedup_state. */
const MAX_DOCUMENT_CHARS = 1_000_000;

const ROLE_HEADINGS: Record<string, string> = {
  user: 'User',
  assistant: 'Assistant',
  tool_call: 'Tool call',
  tool_result: 'Tool result',
  system: 'System',
  thinking: 'Thinking',
};

/**
 * The readable Markdown of a checkpoint: what was imported, the counts, and the new
 * messages in order. Secrets are redacted here too: this file is committed to git.
 */
export function renderCheckpointDocument(
  store: MemoryStore,
  c: CheckpointRow,
  sources: CheckpointSourceRow[],
): { markdown: string; redactions: number } {
  const head = header(c, sources);
  const body: string[] = [];
  let size = head.length;
  let redactions = 0;
  for (const m of newMessages(store, c.id)) {
    // Past the cap nothing more is rendered, so nothing more needs redacting.
    if (size + m.text.length > MAX_DOCUMENT_CHARS) break;
    const red = redactSecrets(m.text);
    redactions += red.count;
    const block = `### ${heading(m)}\n\n${fence(red.text)}\n`;
    if (size + block.length > MAX_DOCUMENT_CHARS) break;
    size += block.length;
    body.push(block);
  }
  const omitted = newMessageCount(store, c.id) - body.length;
  if (omitted) body.push(`_${omitted} more new messages are in \`dedup_state/unique_messages.jsonl\`._\n`);
  return { markdown: [head, '## New messages\n', ...body].join('\n'), redactions };
}

/** "User", "Tool call · Bash", "Agent prompt (User) · agent a1b2": who said it, and through what. */
function heading(m: {
  role: string;
  kind: MessageKind | null;
  tool_name: string | null;
  agent_id: string | null;
}): string {
  const role = ROLE_HEADINGS[m.role] ?? m.role;
  const who = m.kind ? `${KIND_LABELS[m.kind]} (${role})` : role;
  return `${who}${m.tool_name ? ` · ${m.tool_name}` : ''}${m.agent_id ? ` · agent ${m.agent_id}` : ''}`;
}

function header(c: CheckpointRow, sources: CheckpointSourceRow[]): string {
  const rate = (
    dedupRate({ read: c.read_count, newUnique: c.new_count, duplicates: c.dup_count }) * 100
  ).toFixed(1);
  const rows = sources.map(
    (s) => `| ${s.kind} | ${escapeCell(s.name)} | ${s.read_count} | ${s.new_count} | ${s.dup_count} |`,
  );
  return [
    '---',
    `id: ${c.id}`,
    `title: ${JSON.stringify(c.title)}`,
    `created: ${c.created_at}`,
    `messages_read: ${c.read_count}`,
    `new_unique: ${c.new_count}`,
    `duplicates: ${c.dup_count}`,
    '---',
    '',
    `# ${c.title}`,
    '',
    `Checkpoint of ${c.created_at}: ${c.read_count} messages read, ${c.new_count} new, ${c.dup_count} duplicates (${rate}% dedup).`,
    '',
    '## Sources',
    '',
    '| kind | file | read | new | duplicates |',
    '|---|---|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
}

function* newMessages(store: MemoryStore, checkpointId: string) {
  yield* store.db
    .prepare(
      `SELECT m.role, m.kind, m.text, o.tool_name, o.agent_id FROM occurrences o JOIN messages m ON m.id = o.message_id
       WHERE o.checkpoint_id = ? AND o.duplicate = 0 ORDER BY o.source_id, o.seq`,
    )
    .iterate(checkpointId) as IterableIterator<{
    role: string;
    kind: MessageKind | null;
    text: string;
    tool_name: string | null;
    agent_id: string | null;
  }>;
}

function newMessageCount(store: MemoryStore, checkpointId: string): number {
  return store.db
    .prepare('SELECT COUNT(*) FROM occurrences WHERE checkpoint_id = ? AND duplicate = 0')
    .pluck()
    .get(checkpointId) as number;
}

/** A fence longer than any backtick run inside, so message text can never close it early. */
function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const f = '`'.repeat(longest + 1);
  return `${f}text\n${text}\n${f}`;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}
