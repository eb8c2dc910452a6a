import path from 'node:path';

/** `Fix the log cap, please!` → `Fix-The-Log-Cap-Please`: ASCII, capitalised words, bounded length. */
function titleSlug(title: string, maxLength = 60): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > maxLength) break;
    slug = next;
  }
  return slug || 'Checkpoint';
}

/** File-name-safe ISO time (no colons: Windows forbids them): `2026-11-22T05-53-52Z`. */
function isoFileTime(d: Date): string {
  return d
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
}

/** `2026-11-22T05-53-52Z-a1b2c3-Fix-The-Log-Cap`: the machine's short id makes it unique across machines. */
export function checkpointId(createdAt: Date, title: string, machineId?: string): string {
  return `${isoFileTime(createdAt)}${machineId ? `-${machineId}` : ''}-${titleSlug(title)}`;
}

/**
 * A title when the user gave no `--description`: the export's file name when it says
 * something (Claude Code names exports after the first prompt), else the first prompt.
 */
export function deriveTitle(hints: {
  exportName?: string | null;
  firstPrompt?: string | null;
  project?: string | null;
}): string {
  const fromName = hints.exportName ? nameToTitle(hints.exportName) : null;
  if (fromName) return fromName;
  const prompt = hints.firstPrompt?.split('\n')[0]?.trim();
  if (prompt) return prompt.length > 72 ? `${prompt.slice(0, 69)}...` : prompt;
  if (hints.project) return `Session in ${path.basename(hints.project)}`;
  return 'Checkpoint';
}

function nameToTitle(name: string): string | null {
  const stem = path.basename(name).replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const words = stem
    .replace(/^\d{4}-\d{2}-\d{2}(?:[T_ -]\d{2}[-:]?\d{2}(?:[-:]?\d{2})?Z?)?[-_ ]*/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  if (!/[A-Za-z]{3,}/.test(words) || /^(?:export|conversation|untitled|claude)$/i.test(words)) return null;
  return words[0]!.toUpperCase() + words.slice(1);
}
