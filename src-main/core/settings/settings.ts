import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../workspace/atomic-write';

/** User settings shared by the app and the CLI (`~/.coditect/settings.json`). */
export const SettingsSchema = z.object({
  projectsRoot: z.string().min(1).optional(),
  memoryDir: z.string().min(1).optional(),
  exportLocations: z.array(z.string().min(1)).default([]),
  autoImport: z.boolean().default(false),
  /** After import, exports are moved into the archive (`move`) or copied there, originals kept (`copy`). */
  archiveMode: z.enum(['move', 'copy']).default('move'),
  /** The app syncs the memory repository (commit, fetch, rebase, push) after each checkpoint. */
  autoSync: z.boolean().default(false),
  logMaxLines: z.number().int().min(100).max(1_000_000).default(5000),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** Which release feed the desktop app's updater reads (stable: latest*.yml, beta: beta*.yml). */
  updateChannel: z.enum(['stable', 'beta']).default('stable'),
  /**
   * The license server for online activation (Keygen-compatible): its account URL and its
   * Ed25519 public key. Absent: activation is offline only. CODITECT_LICENSE_SERVER wins over it.
   */
  licenseServer: z.object({ url: z.string().min(1), publicKey: z.string().min(1) }).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export function configDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  return env.CODITECT_CONFIG_DIR || path.join(home, '.coditect');
}

export function settingsFile(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  return path.join(configDir(env, home), 'settings.json');
}

export type SettingsLoad = { settings: Settings; file: string; problem: string | null };

/** A broken settings file is reported (naming the file and field) and defaults are used; it is never overwritten. */
export function loadSettings(file: string): SettingsLoad {
  if (!fs.existsSync(file)) return { settings: SettingsSchema.parse({}), file, problem: null };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return {
      settings: SettingsSchema.parse({}),
      file,
      problem: `${file} is not valid JSON (${(err as Error).message}); using defaults`,
    };
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (parsed.success) return { settings: parsed.data, file, problem: null };
  const issue = parsed.error.issues[0]!;
  return {
    settings: SettingsSchema.parse({}),
    file,
    problem: `${file}: field "${issue.path.join('.')}" ${issue.message}; using defaults`,
  };
}

export function saveSettings(file: string, s: Settings): void {
  writeFileAtomic(file, JSON.stringify(SettingsSchema.parse(s), null, 2) + '\n');
}
