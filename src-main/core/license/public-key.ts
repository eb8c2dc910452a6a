import fs from 'node:fs';
import path from 'node:path';
import { PUBLIC_KEY_FILE } from './keypair';

/**
 * The vendor public key shipped in `resources/`. Found by walking up from this file so it
 * works from the sources (tsx, tests) and from a build; `CODITECT_LICENSE_PUBLIC_KEY` (a
 * PEM file) overrides it for staging servers and tests.
 */
export function findPublicKeyFile(env: NodeJS.ProcessEnv = process.env, from: string = __dirname): string {
  if (env.CODITECT_LICENSE_PUBLIC_KEY) return env.CODITECT_LICENSE_PUBLIC_KEY;
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = resourcesPath ? [path.join(resourcesPath, PUBLIC_KEY_FILE)] : [];
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir))
    candidates.push(path.join(dir, 'resources', PUBLIC_KEY_FILE));
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`the license public key (${PUBLIC_KEY_FILE}) is missing from resources/`);
  return found;
}

export function loadPublicKeyPem(file?: string, env: NodeJS.ProcessEnv = process.env): string {
  return fs.readFileSync(file ?? findPublicKeyFile(env), 'utf8');
}
