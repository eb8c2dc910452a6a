import fs from 'node:fs';
import path from 'node:path';

/** The files set-up writes, shipped in `resources/templates` (found from sources, tests and a build). */
export const TEMPLATE = {
  slashCommand: 'export-dedup.md',
  gitignoreBlock: 'gitignore-block.txt',
  memoryReadme: 'MEMORY-CONTEXT-README.md',
} as const;

export function findTemplatesDir(from: string = __dirname): string {
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = resourcesPath ? [path.join(resourcesPath, 'templates')] : [];
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir))
    candidates.push(path.join(dir, 'resources', 'templates'));
  const found = candidates.find((d) => fs.existsSync(path.join(d, TEMPLATE.slashCommand)));
  if (!found) throw new Error('the CODITECT templates (resources/templates) are missing');
  return found;
}

export function readTemplate(dir: string, name: string): string {
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

/** The entries of the .gitignore block: every non-comment, non-blank line. */
export function gitignoreEntries(dir: string): string[] {
  return readTemplate(dir, TEMPLATE.gitignoreBlock)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}
