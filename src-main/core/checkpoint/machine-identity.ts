import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeFileAtomic } from '../workspace/atomic-write';

/**
 * Who made a checkpoint and where. `id` is short, random and stable per machine (kept in the
 * config folder, never derived from hardware): it makes checkpoint ids unique across machines
 * that import in the same second. `name` is what the user sees: the host name.
 */
export interface MachineIdentity {
  id: string;
  name: string;
}

const ID_PATTERN = /^[0-9a-f]{6}$/;

/** `<config>/machine.json`: `{"id": "a1b2c3"}`, and a `name` when the user gave this machine one. */
export function machineIdentity(configDir: string): MachineIdentity {
  const file = path.join(configDir, 'machine.json');
  const known = readMachineFile(file);
  const name = known.name ?? os.hostname();
  if (known.id) return { id: known.id, name };
  const id = crypto.randomBytes(3).toString('hex');
  writeFileAtomic(file, JSON.stringify({ ...known.raw, id }, null, 2) + '\n');
  return { id, name };
}

function readMachineFile(file: string): { id?: string; name?: string; raw: Record<string, unknown> } {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) raw = {};
  } catch {
    raw = {};
  }
  const id = typeof raw.id === 'string' && ID_PATTERN.test(raw.id) ? raw.id : undefined;
  const name = typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim() : undefined;
  return { id, name, raw };
}

/**
 * The git identity (`Name <email>`) commits in the memory's repository are made with, or null
 * outside git or without one. Read the way git itself resolves it (local, then global).
 */
export function gitAuthor(dir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (!fs.existsSync(dir)) return null;
  const get = (key: string) => {
    const r = spawnSync('git', ['-C', dir, 'config', '--get', key], { env, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : '';
  };
  const name = get('user.name');
  const email = get('user.email');
  if (!name && !email) return null;
  return email ? `${name} <${email}>`.trim() : name;
}
