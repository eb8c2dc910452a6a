/**
 * The line markers of Claude Code's `/export` text, in one place so that the sniffer
 * (which decides whether a file is an export) and the parser agree on them.
 * Every pattern is anchored at the start of a line and expects encoding already repaired.
 */

/** v1 banner: a rounded box with the welcome line. */
export const V1_BANNER_TOP = /^╭─+╮\s*$/u;
export const V1_WELCOME = /^│ ✻ Welcome to Claude Code!/u;
export const V1_CWD = /^│\s+cwd: (.*?)\s*│\s*$/u;

/** v2 banner: block-character logo lines, the first carrying "Claude Code vX.Y.Z". */
export const V2_LOGO_LINE = /^[ ▐▛█▜▌▝▘▗▖▙▟▚▞▀▄]+\s{2,}(.*)$/u;
export const V2_VERSION = /Claude Code v(\d+\.\d+(?:\.\d+)?)/u;

/** A user prompt: `> ` (v1) or `❯ ` (v2, often padded with trailing spaces). */
export const USER_PROMPT = /^(?:>|❯) ?(.*)$/u;

/** Assistant text or a tool call: `⏺ ` on macOS, `● ` on Linux and Windows. */
export const ASSISTANT_LINE = /^(?:⏺|●) ?(.*)$/u;

/** A tool call: `⏺ Name(arguments)` — the name is an identifier, arguments may wrap. */
export const TOOL_CALL = /^([A-Z][A-Za-z0-9_.:-]*)\((.*)$/su;

/** A tool result: two spaces, `⎿`, then two spaces; continuation is indented five spaces. */
export const TOOL_RESULT = /^ {2}⎿ {1,2}(.*)$/u;

/** Compaction markers. */
export const COMPACTION_RULE = /^═+ Conversation compacted/u;
export const COMPACTION_STAR = /^✻ Conversation compacted/u;

/** Chrome: lines Claude Code prints that are not conversation. */
export const CHROME_LINES: readonly RegExp[] = [
  /^✻ [A-Z][a-z]+(?:ed|ing)? for \d/u, // "✻ Churned for 8s", "✻ Cooked for 1m 2s"
  /^\s*Tip: /u,
];
export const RECAP_LINE = /^※ recap: (.*)$/u;
export const INTERRUPTED = /Interrupted · What should Claude do instead\?/u;

/** Truncation lines inside tool results, e.g. `… +25 lines (ctrl+o to expand)`. */
export const TRUNCATION = /^… \+\d+ lines? \(ctrl\+[a-z] to expand\)/u;

/**
 * Strong evidence that a text is an `/export`: a banner, or an assistant marker and a
 * prompt marker both present. Used on the first kilobytes of a file.
 */
export const EXPORT_EVIDENCE: readonly RegExp[] = [V1_WELCOME, V2_VERSION, /^(?:⏺|●) /mu, /^(?:>|❯) /mu];
