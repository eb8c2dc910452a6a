/**
 * One message of a checkpoint or a session thread, styled by role. Assistant text is Markdown
 * (Claude writes Markdown; safe: no raw HTML); what a person typed is shown as typed, line for
 * line (`__init__.py` stays `__init__.py`, not bold "init"); tool calls, tool results and
 * thinking are collapsed by default; long text shows its beginning until the user asks for the rest.
 */
import { memo, type ReactNode } from 'react';
import type { MessageKind, Role } from '../../bridge/types';
import { dateTime } from '../../ui/format';
import { Markdown } from '../../ui/Markdown';

export const ROLE_LABEL: Record<Role, string> = {
  user: 'User',
  assistant: 'Assistant',
  tool_call: 'Tool call',
  tool_result: 'Tool result',
  system: 'System',
  thinking: 'Thinking',
};

/** Who said it, when not the person or Claude answering them: shown beside the role. */
export const KIND_LABEL: Record<MessageKind, string> = {
  'agent-prompt': 'Agent prompt',
  notification: 'Notification',
  'compaction-summary': 'Conversation compacted',
  command: 'Command',
  marker: 'Marker',
  title: 'Session title',
};

const COLLAPSIBLE: ReadonlySet<Role> = new Set<Role>(['tool_call', 'tool_result', 'thinking']);
const LONG = 6000;

export interface MessageCardProps {
  role: Role;
  /** Who said it, when not an ordinary message. */
  kind?: MessageKind | null;
  text: string;
  toolName?: string | null;
  timestamp?: string | null;
  source?: string;
  duplicate?: boolean;
  /** Tool calls / results / thinking: open or not. Text: shown in full or not. */
  expanded: boolean;
  onToggle: () => void;
  highlighted?: boolean;
  extra?: ReactNode;
  /** Shown once above the message: where a new source (a session's file, an export) begins. */
  sourceHeading?: string;
}

function firstLine(text: string, max = 140): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

export const MessageCard = memo(function MessageCard(p: MessageCardProps) {
  const collapsible = COLLAPSIBLE.has(p.role);
  const label = ROLE_LABEL[p.role] ?? p.role;
  const long = !collapsible && p.text.length > LONG;
  // The message a search opened shows in full (the hit may be in a tool result, or past the
  // first 6,000 characters); its toggle still folds it.
  const expanded = p.highlighted ? !p.expanded : p.expanded;
  const shown = long && !expanded ? p.text.slice(0, LONG) : p.text;
  const card = (
    <article
      className={`msg msg-${p.role}${p.highlighted ? ' msg-highlight' : ''}${p.duplicate ? ' msg-duplicate' : ''}`}
      aria-label={`${p.kind ? `${KIND_LABEL[p.kind]}: ` : ''}${label}${p.toolName ? ` ${p.toolName}` : ''}`}
    >
      <header className="msg-head">
        <span className="msg-role">{label}</span>
        {p.kind ? <span className={`msg-kind msg-kind-${p.kind}`}>{KIND_LABEL[p.kind]}</span> : null}
        {p.toolName ? <code className="msg-tool">{p.toolName}</code> : null}
        {p.duplicate ? (
          <span className="msg-dup" title="Seen before: a duplicate of an earlier message">
            duplicate
          </span>
        ) : null}
        {p.extra}
        <span className="msg-meta">
          {p.source ? <span title={p.source}>{p.source}</span> : null}
          {p.timestamp ? <time dateTime={p.timestamp}>{dateTime(p.timestamp)}</time> : null}
        </span>
      </header>
      {collapsible ? (
        <div className="msg-collapsible">
          <button type="button" className="msg-toggle" aria-expanded={expanded} onClick={p.onToggle}>
            <span className="chevron" aria-hidden="true">
              {expanded ? '▾' : '▸'}
            </span>
            {expanded ? `Hide ${label.toLowerCase()}` : firstLine(p.text) || `Show ${label.toLowerCase()}`}
          </button>
          {expanded ? <pre className="msg-pre">{p.text}</pre> : null}
        </div>
      ) : p.role === 'assistant' ? (
        <Markdown text={shown} />
      ) : p.role === 'user' ? (
        <div className="msg-text">{shown}</div>
      ) : (
        <pre className="msg-pre msg-system">{shown}</pre>
      )}
      {long ? (
        <button type="button" className="link-button" onClick={p.onToggle} aria-expanded={expanded}>
          {expanded ? 'Show less' : `Show all (${Math.round(p.text.length / 1024)} KB)`}
        </button>
      ) : null}
    </article>
  );
  if (!p.sourceHeading) return card;
  return (
    <>
      <p className="msg-source-heading" title={p.sourceHeading}>
        {p.sourceHeading}
      </p>
      {card}
    </>
  );
});
