import { dedupRate, KIND_LABELS } from '../model';
import {
  agentCallRows,
  agentGroupRows,
  agentMessages,
  conversationPrompts,
  conversationTimes,
  newMessageCount,
  newMessages,
  type AgentGroupRow,
  type ConversationScope,
  type NewMessageRow,
} from '../memory/checkpoint-content';
import { summaryTitle } from '../memory/session-queries';
import type { ReadStore } from '../memory/store';
import { redactSecrets } from '../security/redact-secrets';
import { stripAnsi } from '../text/strip-ansi';
import { agentCallInput, promptKey } from '../text/agent-call';
import { titleFromPrompts } from '../text/session-title';
import type { CheckpointRow, CheckpointSourceRow } from '../memory/checkpoints';

/** A checkpoint document stays readable: past this, the rest is in the checkpoint's folder. */
const MAX_DOCUMENT_CHARS = 1_000_000;

const ROLE_LABELS: Record<string, string> = {
  user: 'User',
  assistant: 'Assistant',
  tool_call: 'Tool call',
  tool_result: 'Tool result',
  system: 'System',
  thinking: 'Thinking',
};

/** Shown folded under the message they belong to, not as messages of their own. */
const FOLDED = new Set(['tool_call', 'tool_result', 'thinking']);

type NewMessage = NewMessageRow;

/**
 * The readable Markdown of a checkpoint: the counts, its sources, then each source's new
 * messages as a conversation — one section per session or export with its title, project and
 * time; tool calls, results and thinking folded (`<details>`) under the message they follow.
 * Terminal escapes are removed and secrets redacted: this file is committed to git.
 */
export function renderCheckpointDocument(
  store: ReadStore,
  c: CheckpointRow,
  sources: CheckpointSourceRow[],
): { markdown: string; redactions: number } {
  const head = header(c, sources);
  const total = newMessageCount(store, c.id);
  if (total === 0)
    return {
      markdown: `${head}\n_No new messages: every message read had been seen before._\n`,
      redactions: 0,
    };
  const byId = new Map(sources.map((s) => [s.source_id, s]));
  const agents = placeSubagents(store, c.id);
  const out = new DocumentBody(head.length);
  let section: string | null = null;
  for (const m of newMessages(store, c.id)) {
    if (m.isSidechain && m.agentId !== null && agents.placed.has(groupKey(m.sourceId, m.agentId))) continue;
    // A new section where a source begins, and where a transcript moves to another session
    // (a resumed session's file holds the earlier session's id too).
    const key = `${m.sourceId}\0${m.sessionId ?? ''}`;
    const heading = key !== section ? sectionHeading(store, m, byId.get(m.sourceId)) : null;
    if (!out.add(m, heading)) break;
    section = key;
    // A sub-agent's work reads right after the call that started it.
    const hosted = agents.byCall.get(m.occurrenceId);
    if (hosted && !renderSubagents(store, c.id, hosted, out)) break;
  }
  const omitted = total - out.rendered;
  if (omitted)
    // Every new message is in the checkpoint's own folder of message parts (write-tracked.ts).
    out.body.push(`_${omitted} more new messages are in \`dedup_state/checkpoints/${c.id}/\`._\n`);
  return { markdown: [head, '## Conversations\n', ...out.body].join('\n'), redactions: out.redactions };
}

/** The document's body as it grows: stops at the size cap, counts what it rendered and redacted. */
class DocumentBody {
  body: string[] = [];
  redactions = 0;
  rendered = 0;

  constructor(private size: number) {}

  /** False once the cap is reached: nothing more is rendered (so nothing more needs redacting). */
  add(m: NewMessage, heading: string | null): boolean {
    if (this.size + m.text.length > MAX_DOCUMENT_CHARS) return false;
    const red = redactSecrets(stripAnsi(m.text));
    const parts = heading === null ? [] : [heading];
    parts.push(FOLDED.has(m.role) ? folded(m, red.text) : message(m, red.text));
    const block = parts.join('\n');
    if (this.size + block.length > MAX_DOCUMENT_CHARS) return false;
    this.redactions += red.count;
    this.size += block.length;
    this.body.push(block);
    this.rendered++;
    return true;
  }
}

function renderSubagents(
  store: ReadStore,
  checkpointId: string,
  hosted: { call: AgentCall; groups: AgentGroup[] },
  out: DocumentBody,
): boolean {
  const said = hosted.call.description;
  const what = said ? `: ${escapeHtml(oneLine(redactSecrets(stripAnsi(said)).text))}` : '';
  for (const g of hosted.groups) {
    let heading: string | null = `#### Sub-agent ${escapeHtml(g.agentId)}${what}\n`;
    for (const m of agentMessages(store, checkpointId, g)) {
      if (!out.add(m, heading)) return false;
      heading = null;
    }
  }
  return true;
}

/** One sub-agent's new messages from one transcript file. */
type AgentGroup = AgentGroupRow;

function groupKey(sourceId: number, agentId: string): string {
  return `${sourceId}\0${agentId}`;
}

/**
 * Where each sub-agent of the checkpoint goes: after the new agent call in its session that
 * passed the prompt it opens with, else (unless it is a warm-up probe) after the latest such
 * call at or before its first line. One whose call is not in this checkpoint stays where its file comes, in a section of its own.
 */
function placeSubagents(
  store: ReadStore,
  checkpointId: string,
): { placed: Set<string>; byCall: Map<number, { call: AgentCall; groups: AgentGroup[] }> } {
  const calls = agentCalls(store, checkpointId);
  const placed = new Set<string>();
  const byCall = new Map<number, { call: AgentCall; groups: AgentGroup[] }>();
  for (const g of agentGroupRows(store, checkpointId)) {
    const same = calls.filter((k) => k.sessionId === g.sessionId);
    const host =
      same.find((k) => k.prompt !== null && promptKey(k.prompt) === promptKey(g.prompt)) ??
      (isWarmup(g) ? undefined : latestCallBefore(same, g));
    if (!host) continue;
    placed.add(groupKey(g.sourceId, g.agentId));
    const entry = byCall.get(host.occurrenceId) ?? { call: host, groups: [] };
    entry.groups.push(g);
    byCall.set(host.occurrenceId, entry);
  }
  return { placed, byCall };
}

/** Claude Code's warm-up probes start sub-agents no call asked for: never placed by time. */
function isWarmup(g: AgentGroup): boolean {
  return promptKey(g.prompt) === 'Warmup';
}

function latestCallBefore(calls: AgentCall[], g: AgentGroup): AgentCall | undefined {
  return calls
    .filter((k) => k.timestamp !== null && g.timestamp !== null && k.timestamp <= g.timestamp)
    .at(-1);
}

interface AgentCall {
  occurrenceId: number;
  sessionId: string | null;
  timestamp: string | null;
  prompt: string | null;
  /** The call's short description ("Review the lexer"), when it gave one. */
  description: string | null;
}

function agentCalls(store: ReadStore, checkpointId: string): AgentCall[] {
  return agentCallRows(store, checkpointId).map(({ toolName, text, ...k }) => {
    const input = agentCallInput(text, toolName);
    return { ...k, prompt: input?.prompt ?? null, description: input?.description ?? null };
  });
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

/** A section's heading: its conversation's title, then where and when it happened. */
function sectionHeading(store: ReadStore, first: NewMessage, s: CheckpointSourceRow | undefined): string {
  const scope = { sourceId: first.sourceId, sessionId: first.sessionId };
  const conversation = conversationTitle(store, scope) ?? s?.name ?? 'Untitled conversation';
  // A sub-agent whose call came in an earlier checkpoint: its own section, named for the agent.
  const title =
    first.isSidechain && first.agentId !== null
      ? `Sub-agent ${first.agentId} of “${conversation}”`
      : conversation;
  const facts = [
    s?.kind === 'transcript' ? `Session ${first.sessionId ?? 'unknown'}` : `Export \`${s?.name ?? '?'}\``,
    s?.project ? `project \`${s.project}\`` : null,
    timeRange(store, scope),
  ].filter(Boolean);
  return `### ${escapeHtml(oneLine(redactSecrets(stripAnsi(title)).text))}\n\n_${facts.join(' · ')}_\n`;
}

/** The session's summary, else the conversation's first real prompt (all of its messages, not only the new ones). */
function conversationTitle(store: ReadStore, c: ConversationScope): string | null {
  const summary = c.sessionId !== null ? summaryTitle(store, c.sessionId) : null;
  return summary ?? titleFromPrompts(conversationPrompts(store, c));
}

function timeRange(store: ReadStore, c: ConversationScope): string | null {
  const r = conversationTimes(store, c);
  if (!r.first) return null;
  return r.last && r.last !== r.first ? `${r.first} – ${r.last}` : r.first;
}

/** "User", "Agent prompt (User) · agent a1b2": who said it, and through what. */
function whoSaid(m: NewMessage): string {
  const role = ROLE_LABELS[m.role] ?? m.role;
  const who = m.kind ? `${KIND_LABELS[m.kind]} (${role})` : role;
  return `${who}${m.agentId ? ` · agent ${m.agentId}` : ''}`;
}

function message(m: NewMessage, text: string): string {
  const label = whoSaid(m);
  return `**${label}**${m.timestamp ? ` · ${m.timestamp}` : ''}\n\n${fence(text)}\n`;
}

function folded(m: NewMessage, text: string): string {
  const label = `${whoSaid(m)}${m.toolName ? ` · ${m.toolName}` : ''}`;
  const first = oneLine(text).slice(0, 100);
  // A call's text already starts with its tool's name: "Tool call · Bash(npm test)".
  const summary = !first
    ? label
    : m.toolName && first.startsWith(`${m.toolName}(`)
      ? `${label}${first.slice(m.toolName.length)}`
      : `${label}: ${first}`;
  return `<details><summary>${escapeHtml(summary)}</summary>\n\n${fence(text)}\n\n</details>\n`;
}

/** A fence longer than any backtick run inside, so message text can never close it early. */
function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const f = '`'.repeat(longest + 1);
  return `${f}text\n${text}\n${f}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}
