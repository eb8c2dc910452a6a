import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PUBLIC_KEY_FILE } from './keypair';

/**
 * Which build is running. A packaged app, and the `coditect` CLI bundled in it, trust the
 * vendor key shipped in `resources/` only: were `CODITECT_LICENSE_PUBLIC_KEY` honoured there,
 * anyone could sign a key with their own pair and have it stored as genuine. Development and
 * test builds (a checkout: `npm start`, bin/coditect.js, the preview) take the override.
 * The core is told, never guesses: the Electron glue passes `app.isPackaged`, the bundled
 * CLI's entry says 'packaged'.
 */
export type BuildKind = 'packaged' | 'development';

/**
 * The vendor public key shipped in `resources/`. Found by walking up from this file so it
 * works from the sources (tsx, tests) and from a build; `CODITECT_LICENSE_PUBLIC_KEY` (a
 * PEM file) overrides it in development builds (staging servers and tests).
 */
export function findPublicKeyFile(
  env: NodeJS.ProcessEnv = process.env,
  from: string = __dirname,
  build: BuildKind = 'development',
): string {
  if (env.CODITECT_LICENSE_PUBLIC_KEY && build === 'development') return env.CODITECT_LICENSE_PUBLIC_KEY;
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = resourcesPath ? [path.join(resourcesPath, PUBLIC_KEY_FILE)] : [];
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir))
    candidates.push(path.join(dir, 'resources', PUBLIC_KEY_FILE));
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`the license public key (${PUBLIC_KEY_FILE}) is missing from resources/`);
  return found;
}

/** The key's PEM text; only an Ed25519 public key is accepted (the scheme's signatures are Ed25519). */
export function loadPublicKeyPem(
  file?: string,
  env: NodeJS.ProcessEnv = process.env,
  build: BuildKind = 'development',
): string {
  const source = file ?? findPublicKeyFile(env, __dirname, build);
  const pem = fs.readFileSync(source, 'utf8');
  let type: string | undefined;
  try {
    type = crypto.createPublicKey(pem).asymmetricKeyType;
  } catch {
    throw new Error(`the license public key ${source} is not a readable PEM public key`);
  }
  if (type !== 'ed25519')
    throw new Error(`the license public key ${source} is not an Ed25519 key (it is ${type ?? 'unknown'})`);
  return pem;
}
