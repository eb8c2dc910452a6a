/**
 * Directories that never hold exports worth importing and that are often huge: skipping
 * them is most of what makes discovery fast on a real projects tree.
 * `exports-archive` holds exports already imported: walking it would import them again.
 */
const SKIPPED_DIR_NAMES: ReadonlySet<string> = new Set([
  '.git',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  'exports-archive',
  'dist',
  'build',
  'out',
  'target',
  '.next',
  '.cache',
  'coverage',
]);

/** A Python virtualenv of any name carries this file at its top. */
export const VENV_MARKER = 'pyvenv.cfg';

export function isSkippedDirName(name: string): boolean {
  return SKIPPED_DIR_NAMES.has(name);
}
