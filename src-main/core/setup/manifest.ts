import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../workspace/atomic-write';

/**
 * The record of everything set-up created, so "Remove CODITECT set-up" deletes exactly that
 * and nothing the user made. Kept in the config dir: it must outlive MEMORY-CONTEXT/.local.
 */
const Entry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dir'), path: z.string() }),
  z.object({ kind: z.literal('file'), path: z.string(), sha256: z.string() }),
  z.object({ kind: z.literal('git-repo'), path: z.string() }),
  z.object({
    kind: z.literal('gitignore-lines'),
    path: z.string(),
    lines: z.array(z.string()),
    createdFile: z.boolean(),
  }),
  z.object({
    kind: z.literal('settings-field'),
    path: z.string(),
    field: z.enum(['projectsRoot', 'memoryDir']),
    value: z.string(),
    previous: z.string().optional(),
    createdFile: z.boolean(),
  }),
]);
export type ManifestEntry = z.infer<typeof Entry>;

const ManifestSchema = z.object({ version: z.literal(1), entries: z.array(Entry) });
export type SetupManifest = z.infer<typeof ManifestSchema>;
const MANIFEST_FILE = 'setup-manifest.json';

export function manifestPath(configDir: string): string {
  return path.join(configDir, MANIFEST_FILE);
}

export function readManifest(configDir: string): SetupManifest {
  const file = manifestPath(configDir);
  if (!fs.existsSync(file)) return { version: 1, entries: [] };
  const r = ManifestSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!r.success)
    throw new Error(`${file} is damaged (${r.error.issues[0]?.message}); not guessing what set-up created`);
  return r.data;
}

/** Append entries; written after each step so a crash mid-set-up still leaves an exact record. */
export function appendToManifest(configDir: string, entries: ManifestEntry[]): void {
  if (!entries.length) return;
  const m = readManifest(configDir);
  m.entries.push(...entries);
  writeFileAtomic(manifestPath(configDir), JSON.stringify(m, null, 2) + '\n');
}

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export function sha256Text(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
