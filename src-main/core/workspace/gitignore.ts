import fs from 'node:fs';
import { writeFileAtomic } from './atomic-write';

/**
 * Make sure `.gitignore` lists `entries`, keeping every line the user had. Returns the
 * entries it added (empty when nothing changed).
 */
export function ensureGitignoreEntries(file: string, entries: string[]): string[] {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const lines = new Set(current.split(/\r?\n/).map((l) => l.trim()));
  const missing = entries.filter((e) => !lines.has(e));
  if (!missing.length) return [];
  const sep = current === '' || current.endsWith('\n') ? '' : '\n';
  const block = `${sep}# CODITECT: machine-local files (index, log, raw transcript copies)\n${missing.join('\n')}\n`;
  writeFileAtomic(file, current + block);
  return missing;
}
