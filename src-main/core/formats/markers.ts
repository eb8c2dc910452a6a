/**
 * The line markers of Claude Code's `/export` text, in one place so that the sniffer
 * (which decides whether a file is an export) and the parser agree on them.
 * Every pattern is anchored at the start of a line and expects encoding already repaired.
 */

/** Characters of the v2 block logo (▐▛███▜▌ and its smaller variants). */
const LOGO = '▐▛█▜▌▝▘▗▖▙▟▚▞▀▄';

/** v1 banner: a rounded box with the welcome line. Later versions put a title in the top rule. */
export const V1_BANNER_TOP = /^╭─.*╮\s*$/u;
export const BANNER_BOX_BOTTOM = /^╰─.*╯\s*$/u;
export const BANNER_BOX_LINE = /^│.*│\s*$/u;
export const V1_WELCOME = /^│ ✻ Welcome to Claude Code!/u;
export const V1_CWD = /^│\s+cwd: (.*?)\s*│\s*$/u;

/**
 * v2 banner: block-character logo lines; the first carries "Claude Code vX.Y.Z", the next
 * two the model and the cwd. The logo column may be blank on a line (2.0.50's small logo),
 * so a follower line is "logo or spaces, two or more spaces, text" — only trusted right
 * after the version line, never on its own.
 */
export const V2_LOGO_LINE = new RegExp(`^[ ${LOGO}]+\\s{2,}(\\S.*)$`, 'u');
export const V2_VERSION_LINE = new RegExp(
  `^[ ${LOGO}]*[${LOGO}][ ${LOGO}]*\\s+Claude Code v(\\d+\\.\\d+(?:\\.\\d+)?)`,
  'u',
);
export const V2_VERSION = /Claude Code v(\d+\.\d+(?:\.\d+)?)/u;
/** Model names as the banners print them ("Opus 4.5", "Sonnet 4.5"). */
export const MODEL_NAME = /\b((?:Opus|Sonnet|Haiku)(?: [\d.]+)?)/u;

/**
 * A user prompt: `> ` (v1) or `❯ ` (v2, often padded with trailing spaces). A space (or the
 * end of the line) must follow, so that pasted `>>> python` or `>foo` lines do not split.
 */
export const USER_PROMPT = /^(?:>|❯)(?:[ \u00a0](.*))?$/u;

/** Assistant text or a tool call: `⏺ ` on macOS, `● ` on Linux and Windows. */
export const ASSISTANT_LINE = /^(?:⏺|●)(?:[ \u00a0](.*))?$/u;

/**
 * A tool call: `⏺ Name(arguments)` — the name is an identifier, arguments may wrap.
 * MCP tools print as `server - tool (MCP)(arguments)`, hence the optional middle part.
 */
export const TOOL_CALL = /^([A-Z][A-Za-z0-9_.:-]*|[A-Za-z][\w.:-]* - [\w.:-]+ \(MCP\))\((.*)$/su;

/**
 * A tool result: two spaces, `⎿`, then a gap of two (one when the text wraps); continuation
 * is indented five. Real exports write the gap as a space and a no-break space (U+00A0).
 */
export const TOOL_RESULT = /^ {2}⎿(?:[ \u00a0]{1,2}(.*))?$/u;

/** Compaction markers. */
export const COMPACTION_RULE = /^═+ Conversation compacted/u;
export const COMPACTION_STAR = /^✻ Conversation compacted/u;

/**
 * Chrome: status lines Claude Code prints that are not conversation. Every `✻ ` line at
 * column 0 is a spinner/status line once compaction has been ruled out. `Tip:` counts only
 * at column 0 (or after `※`/`⎿`): indented "Tip:" inside an assistant reply is content.
 */
export const CHROME_LINES: readonly RegExp[] = [
  /^✻ /u, // "✻ Churned for 8s", "✻ Cooked for 1m 2s", "✻ Thinking…"
  /^Tip: /u,
  /^\s*※ Tip: /u,
  /^ {2}⎿[ \u00a0]{1,2}Tip: /u,
];
export const RECAP_LINE = /^※ (recap: .*)$/u;
/** An interruption notice, on its own line or as a tool result. */
export const INTERRUPTED =
  /^(?: {2}⎿[ \u00a0]{1,2})?(Interrupted · What should Claude do instead\?|Interrupted by user)/u;

/** Truncation lines inside tool results, e.g. `… +25 lines (ctrl+o to expand)`. */
export const TRUNCATION = /^… \+\d+ lines? \(ctrl\+[a-z] to expand\)/u;

/** Banner evidence for the sniffer: any one line is enough. */
export const BANNER_EVIDENCE: readonly RegExp[] = [V1_WELCOME, V2_VERSION_LINE, /^╭─+ Claude Code v\d/u];
/** A prompt line with content, as the sniffer wants it. */
export const PROMPT_EVIDENCE = /^(?:>|❯) +\S/u;
/** An assistant line with content, as the sniffer wants it. */
export const ASSISTANT_EVIDENCE = /^(?:⏺|●) \S/u;
