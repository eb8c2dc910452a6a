import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface PemKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

function generateKeyPair(): PemKeyPair {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export const PUBLIC_KEY_FILE = 'license-public-key.pem';
const PRIVATE_KEY_FILE = 'license-private-key.pem';

/** Writes a new pair; refuses to overwrite a private key (losing one orphans every key it issued). */
export function writeKeyPair(dir: string): { publicFile: string; privateFile: string } {
  fs.mkdirSync(dir, { recursive: true });
  const publicFile = path.join(dir, PUBLIC_KEY_FILE);
  const privateFile = path.join(dir, PRIVATE_KEY_FILE);
  if (fs.existsSync(privateFile)) throw new Error(`${privateFile} exists; not overwriting a private key`);
  const pair = generateKeyPair();
  // 'wx' + mode: the private key is never readable by others, not even for an instant.
  fs.writeFileSync(privateFile, pair.privateKeyPem, { mode: 0o600, flag: 'wx' });
  fs.chmodSync(privateFile, 0o600);
  fs.writeFileSync(publicFile, pair.publicKeyPem, { mode: 0o644 });
  return { publicFile, privateFile };
}

export function readPrivateKey(file: string): crypto.KeyObject {
  const key = crypto.createPrivateKey(fs.readFileSync(file, 'utf8'));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  return key;
}
