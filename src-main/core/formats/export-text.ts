import { normalizeText } from '../identity/content-hash';
import type { ParsedMessage, Role } from '../model';
import {
  ASSISTANT_LINE,
  BANNER_BOX_BOTTOM,
  BANNER_BOX_LINE,
  CHROME_LINES,
  COMPACTION_RULE,
  COMPACTION_STAR,
  INTERRUPTED,
  MODEL_NAME,
  RECAP_LINE,
  TOOL_CALL,
  TOOL_RESULT,
  USER_PROMPT,
  V1_BANNER_TOP,
  V1_CWD,
  V1_WELCOME,
  V2_LOGO_LINE,
  V2_VERSION,
  V2_VERSION_LINE,
} from './markers';

/**
 * Parser for Claude Code's `/export` text (encoding already repaired). The format has no
 * ids or timestamps: it is a terminal rendering, so the parser is a line-based state
 * machine over the markers in `markers.ts`. A line that is not a marker continues the
 * current block (real exports do not always indent prompt continuations).
 */

export interface ExportBanner {
  format: 'v1' | 'v2' | null;
  claudeVersion: string | null;
  model: string | null;
  cwd: string | null;
}

export interface ExportParse {
  messages: ParsedMessage[];
  banner: ExportBanner;
  compactions: number;
  chromeLines: number;
  interruptions: number;
  firstPrompt: string | null;
}

export const COMPACTED_TEXT = 'Conversation compacted';

export function parseExportText(text: string): ExportParse {
  const body = text.replace(/^\ufeff/, '');
  const lines = body.includes('\r') ? body.split(/\r?\n/) : body.split('\n');
  const { banner, next } = readBanner(lines);
  const parser = new BlockParser();
  for (let i = next; i < lines.length; i++) parser.feed(lines[i]);
  parser.flush();
  return {
    messages: parser.messages,
    banner,
    compactions: parser.compactions,
    chromeLines: parser.chromeLines,
    interruptions: parser.interruptions,
    firstPrompt: firstPrompt(parser.messages),
  };
}

function firstPrompt(messages: readonly ParsedMessage[]): string | null {
  const m = messages.find((x) => x.role === 'user' && !x.text.trimStart().startsWith('/'));
  // Normalized: v2 pads prompt lines with spaces, and this becomes a title.
  return m ? normalizeText(m.text) : null;
}

// ---------------------------------------------------------------------------------------
// Banner: metadata at the top of the file, never messages.

const EMPTY_BANNER: ExportBanner = { format: null, claudeVersion: null, model: null, cwd: null };

function readBanner(lines: readonly string[]): { banner: ExportBanner; next: number } {
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i >= lines.length) return { banner: { ...EMPTY_BANNER }, next: i };
  if (V1_BANNER_TOP.test(lines[i])) return readBoxBanner(lines, i);
  if (V2_VERSION_LINE.test(lines[i])) return readLogoBanner(lines, i);
  return { banner: { ...EMPTY_BANNER }, next: 0 };
}

/** A box: v1's welcome box, or a later box with the version in its top rule. */
function readBoxBanner(lines: readonly string[], top: number): { banner: ExportBanner; next: number } {
  const banner: ExportBanner = { ...EMPTY_BANNER, claudeVersion: match1(V2_VERSION, lines[top]) };
  let i = top + 1;
  for (; i < lines.length && BANNER_BOX_LINE.test(lines[i]); i++) {
    const line = lines[i];
    if (V1_WELCOME.test(line)) banner.format = 'v1';
    banner.cwd ??= match1(V1_CWD, line);
    banner.model ??= match1(MODEL_NAME, line);
    banner.claudeVersion ??= match1(V2_VERSION, line);
  }
  if (i < lines.length && BANNER_BOX_BOTTOM.test(lines[i])) i++;
  banner.format ??= banner.claudeVersion ? 'v2' : 'v1';
  return { banner, next: i };
}

/** The v2 logo: version line, then (logo column possibly blank) model line and cwd line. */
function readLogoBanner(lines: readonly string[], first: number): { banner: ExportBanner; next: number } {
  const banner: ExportBanner = {
    ...EMPTY_BANNER,
    format: 'v2',
    claudeVersion: match1(V2_VERSION, lines[first]),
  };
  const rest: string[] = [];
  let i = first + 1;
  for (; i < lines.length && rest.length < 2; i++) {
    const m = V2_LOGO_LINE.exec(lines[i]);
    if (!m) break;
    rest.push(m[1].trim());
  }
  banner.model = rest[0] ? rest[0].split(' · ')[0].trim() : null;
  banner.cwd = rest[1] ?? null;
  return { banner, next: i };
}

function match1(re: RegExp, s: string): string | null {
  const m = re.exec(s);
  return m && m[1] !== undefined ? m[1] : null;
}

// ---------------------------------------------------------------------------------------
// Conversation blocks

/** What one line is, before the state machine decides what it does. */
type Token =
  | { kind: 'compaction' }
  | { kind: 'interrupted'; text: string }
  | { kind: 'result'; text: string }
  | { kind: 'prompt'; text: string }
  | { kind: 'assistant'; text: string }
  | { kind: 'recap'; text: string }
  | { kind: 'chrome' }
  | { kind: 'text' };

/** Order matters: compaction and interruption notices also look like chrome or results. */
/**
 * The first character of every marker line (see markers.ts: each pattern is anchored at the
 * line start), or white space followed by `⎿` or `※`. Any other line is conversation text,
 * which is most lines: they skip the ten marker patterns.
 */
const MARKER_STARTS = new Set([...'═✻IT※>❯⏺●'].map((c) => c.charCodeAt(0)));
const INDENTED_MARKERS = new Set([...'⎿※'].map((c) => c.charCodeAt(0)));
/** What `\s` matches in a JavaScript pattern. */
const WHITE_SPACE = /\s/;

/** False only for lines no marker pattern can match (exported for the tests that check so). */
export function mayBeMarker(line: string): boolean {
  if (MARKER_STARTS.has(line.charCodeAt(0))) return true;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && (c < 0x80 || !WHITE_SPACE.test(line[i]!))) break;
  }
  return i > 0 && INDENTED_MARKERS.has(line.charCodeAt(i));
}

function classify(line: string): Token {
  if (!mayBeMarker(line)) return { kind: 'text' };
  if (COMPACTION_RULE.test(line) || COMPACTION_STAR.test(line)) return { kind: 'compaction' };
  const interrupted = INTERRUPTED.exec(line);
  if (interrupted) return { kind: 'interrupted', text: interrupted[1] };
  if (CHROME_LINES.some((re) => re.test(line))) return { kind: 'chrome' };
  const result = TOOL_RESULT.exec(line);
  if (result) return { kind: 'result', text: result[1] ?? '' };
  const prompt = USER_PROMPT.exec(line);
  if (prompt) return { kind: 'prompt', text: prompt[1] ?? '' };
  const assistant = ASSISTANT_LINE.exec(line);
  if (assistant) return { kind: 'assistant', text: assistant[1] ?? '' };
  const recap = RECAP_LINE.exec(line);
  if (recap) return { kind: 'recap', text: recap[1] };
  return { kind: 'text' };
}

interface Block {
  role: Role;
  toolName?: string;
  lines: string[];
  /** Continuation indentation to strip (up to this many spaces). */
  indent: number;
}

/** Continuation indentation by block kind: 2 for text, 5 for results, 6 for wrapped tool args. */
const INDENT = { user: 2, assistant: 2, system: 2, toolCall: 6, toolResult: 5 } as const;

class BlockParser {
  readonly messages: ParsedMessage[] = [];
  compactions = 0;
  chromeLines = 0;
  interruptions = 0;
  private block: Block | null = null;
  /** The tool whose results follow: results name it until another kind of block starts. */
  private lastTool: string | undefined;

  feed(line: string): void {
    const token = classify(line);
    switch (token.kind) {
      case 'text':
        return this.continueBlock(line);
      case 'prompt':
        return this.open({ role: 'user', lines: [token.text], indent: INDENT.user });
      case 'assistant':
        return this.openAssistant(token.text);
      case 'result':
        return this.open({
          role: 'tool_result',
          toolName: this.lastTool,
          lines: [token.text],
          indent: INDENT.toolResult,
        });
      case 'recap':
        return this.open({ role: 'system', lines: [token.text], indent: INDENT.system });
      default:
        return this.notice(token);
    }
  }

  flush(): void {
    const b = this.block;
    this.block = null;
    if (!b) return;
    const lines = [...b.lines];
    while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
    if (lines.length === 0 || lines.every((l) => l.trim() === '')) return;
    this.emit(b.role, lines.join('\n'), b.toolName);
  }

  private openAssistant(text: string): void {
    const call = TOOL_CALL.exec(text);
    if (!call) return this.open({ role: 'assistant', lines: [text], indent: INDENT.assistant });
    this.open({ role: 'tool_call', toolName: call[1], lines: [text], indent: INDENT.toolCall });
    this.lastTool = call[1];
  }

  private open(block: Block): void {
    this.flush();
    if (block.role !== 'tool_result') this.lastTool = undefined;
    this.block = block;
  }

  /** Compaction, interruption and chrome end the current block and stand alone. */
  private notice(token: Token): void {
    this.flush();
    this.lastTool = undefined;
    if (token.kind === 'compaction') {
      this.compactions++;
      this.emit('system', COMPACTED_TEXT);
    } else if (token.kind === 'interrupted') {
      this.interruptions++;
      this.emit('system', token.text);
    } else this.chromeLines++;
  }

  /**
   * A line that is no marker continues the current block. Outside any block (after chrome,
   * or in a file whose start was cut off) it starts an assistant block rather than being
   * dropped: the export is lossy enough already.
   */
  private continueBlock(line: string): void {
    if (this.block) {
      this.block.lines.push(stripIndent(line, this.block.indent));
    } else if (line.trim() !== '') {
      this.open({
        role: 'assistant',
        lines: [stripIndent(line, INDENT.assistant)],
        indent: INDENT.assistant,
      });
    }
  }

  private emit(role: Role, text: string, toolName?: string): void {
    this.messages.push(toolName === undefined ? { role, text } : { role, text, toolName });
  }
}

function stripIndent(line: string, max: number): string {
  let n = 0;
  while (n < max && line.charCodeAt(n) === 0x20) n++;
  return line.slice(n);
}
