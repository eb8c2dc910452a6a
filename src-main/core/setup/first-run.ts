import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Settings } from '../settings/settings';
import { writeFileAtomic } from '../workspace/atomic-write';
import { readManifest } from './manifest';

/**
 * When the app opens its set-up wizard by itself: on the first run, which is when nothing says
 * CODITECT was ever used here — no `projectsRoot` in the settings (set-up writes it, and so
 * does a user who chose a root), no set-up manifest, and no MEMORY-CONTEXT under the projects
 * root (a user of the CLI or of the old scripts has one) — and the user has not closed the
 * wizard with "Skip set-up" before. "Remove CODITECT set-up" takes the first two away, so the
 * wizard comes back on the next start unless it was skipped or memory is left in the root.
 */
const ONBOARDING_FILE = 'onboarding.json';
const Marker = z.object({ dismissedAt: z.string() });

export interface FirstRunState {
  firstRun: boolean;
  /** Set-up recorded changes (a manifest with entries). */
  setUp: boolean;
  dismissedAt: string | null;
  /** One sentence: why the wizard opens, or why it does not. */
  reason: string;
}

export function firstRunState(
  configDir: string,
  settings: Settings,
  memory: { found: boolean; dir: string },
): FirstRunState {
  const setUp = manifestHasEntries(configDir);
  const dismissedAt = readDismissal(configDir);
  const base = { setUp, dismissedAt };
  if (setUp) return { ...base, firstRun: false, reason: 'CODITECT set-up has been run on this machine.' };
  if (settings.projectsRoot)
    return { ...base, firstRun: false, reason: `The projects root is set (${settings.projectsRoot}).` };
  if (memory.found)
    return { ...base, firstRun: false, reason: `CODITECT memory is already kept in ${memory.dir}.` };
  if (dismissedAt)
    return { ...base, firstRun: false, reason: `The set-up wizard was skipped on ${dismissedAt}.` };
  return { ...base, firstRun: true, reason: 'No projects root is set and CODITECT was never set up here.' };
}

/** "Skip set-up": remember it, so the wizard does not open by itself again. */
export function dismissOnboarding(configDir: string, now: Date = new Date()): string {
  const at = now.toISOString();
  writeFileAtomic(path.join(configDir, ONBOARDING_FILE), JSON.stringify({ dismissedAt: at }) + '\n');
  return at;
}

function readDismissal(configDir: string): string | null {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(configDir, ONBOARDING_FILE), 'utf8'));
    const r = Marker.safeParse(raw);
    return r.success ? r.data.dismissedAt : null;
  } catch {
    return null;
  }
}

// A damaged manifest still means set-up ran: the wizard must not open over it.
function manifestHasEntries(configDir: string): boolean {
  try {
    return readManifest(configDir).entries.length > 0;
  } catch {
    return true;
  }
}
