/**
 * How a file-system error during discovery is treated. A file or directory that vanished
 * between listing and opening is ordinary churn (an editor's temp file, a finished build)
 * and is skipped silently; anything else is reported with its path so the user can act.
 */

const VANISHED: ReadonlySet<string> = new Set(['ENOENT', 'ENOTDIR']);

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isVanished(err: unknown): boolean {
  return VANISHED.has(errorCode(err) ?? '');
}

/** A short reason for the problem list. */
export function problemReason(err: unknown): string {
  const code = errorCode(err);
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'ELOOP') return 'symlink loop (ELOOP)';
  if (code === 'EMFILE' || code === 'ENFILE') return `too many open files (${code})`;
  const message = err instanceof Error ? err.message : String(err);
  return code ? `${code}: ${message}` : message;
}
