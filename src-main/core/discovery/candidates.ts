/** How much of a file the sniffer sees. */
export const HEAD_BYTES = 64 * 1024;

/** Larger files are logs or dumps, not `/export` text; not worth opening. */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024;

/**
 * Names that may hold an `/export`. Claude Code writes `.txt`; people rename to `.md`,
 * `.log`, `.text` or drop the extension. Everything else is never opened: reading the head
 * of every file in a 200,000-file tree costs an open and a read per file and would make
 * discovery many times slower than `find`, while source code, JSON, images and archives
 * are never exports. Hidden files (`.env`, `.gitignore`) are dotfiles, not saved chats.
 */
const EXPORT_EXTENSIONS: ReadonlySet<string> = new Set(['', '.txt', '.md', '.log', '.text']);
const LONGEST_EXTENSION = Math.max(...[...EXPORT_EXTENSIONS].map((e) => e.length));

/**
 * Whether `path.extname(name).toLowerCase()` is in the list, for a name that does not start
 * with a dot (its extension runs from the last dot, or is '' without one). Asked of every
 * file in the tree, so it scans by hand (`lastIndexOf` cost several times as much on the
 * benchmark tree's names) and lowercases only a short extension.
 */
function hasExportExtension(name: string): boolean {
  let dot = name.length - 1;
  while (dot >= 0 && name.charCodeAt(dot) !== 0x2e) dot--;
  if (dot < 0) return EXPORT_EXTENSIONS.has('');
  return name.length - dot <= LONGEST_EXTENSION && EXPORT_EXTENSIONS.has(name.slice(dot).toLowerCase());
}

export type CandidateRole = 'export' | 'transcript';

/**
 * What a file name could be, given where it sits. Inside Claude Code's transcript
 * directories only `.jsonl` counts (an export found there would be archived away from
 * Claude Code's own folder); elsewhere only export names count, so a transcript copy
 * outside those directories (a backup, the raw archive) is never imported twice.
 */
export function candidateRole(name: string, inTranscriptDir: boolean): CandidateRole | null {
  if (inTranscriptDir) return name.toLowerCase().endsWith('.jsonl') ? 'transcript' : null;
  if (name.startsWith('.')) return null;
  return hasExportExtension(name) ? 'export' : null;
}
