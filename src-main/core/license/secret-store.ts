import fs from 'node:fs';
import path from 'node:path';
import { Entry } from '@napi-rs/keyring';

const KEYRING_SERVICE = 'CODITECT';
const LICENSE_ACCOUNT = 'license';

export type SecretBackend = 'os-credential-store' | 'file';

export interface SecretLocation {
  backend: SecretBackend;
  /** Plain words for the UI and `status`: where the key is, and whether it is encrypted. */
  where: string;
  encrypted: boolean;
}

export interface SecretStoreOptions {
  configDir: string;
  /** `file` skips the OS store (tests, or users who asked for it): CODITECT_SECRET_STORE=file. */
  prefer?: 'auto' | 'file';
  account?: string;
}

/**
 * The license key lives in the OS credential store (Keychain, Credential Manager, Secret
 * Service). Where none answers (Linux without a Secret Service throws an access error), it
 * falls back to a file only the user can read, and says plainly that it is not encrypted.
 */
export class SecretStore {
  constructor(private readonly opts: SecretStoreOptions) {}

  get fallbackFile(): string {
    return path.join(this.opts.configDir, `${this.opts.account ?? LICENSE_ACCOUNT}.key`);
  }

  save(secret: string): SecretLocation {
    if (this.useKeyring()) {
      try {
        this.entry().setPassword(secret);
        fs.rmSync(this.fallbackFile, { force: true });
        return this.keyringLocation();
      } catch {
        // no store answers: fall through to the file, visibly
      }
    }
    writePrivateFile(this.fallbackFile, secret);
    return this.fileLocation();
  }

  read(): { secret: string; location: SecretLocation } | null {
    const fromKeyring = this.useKeyring() ? this.tryKeyringRead() : null;
    if (fromKeyring) return { secret: fromKeyring, location: this.keyringLocation() };
    if (!fs.existsSync(this.fallbackFile)) return null;
    return { secret: fs.readFileSync(this.fallbackFile, 'utf8').trim(), location: this.fileLocation() };
  }

  /** Removes the secret from both places; returns where it was found. */
  remove(): SecretBackend[] {
    const removed: SecretBackend[] = [];
    if (this.useKeyring()) {
      try {
        if (this.entry().deletePassword()) removed.push('os-credential-store');
      } catch {
        // nothing stored there, or no store at all
      }
    }
    if (fs.existsSync(this.fallbackFile)) {
      fs.rmSync(this.fallbackFile, { force: true });
      removed.push('file');
    }
    return removed;
  }

  private useKeyring(): boolean {
    return (this.opts.prefer ?? 'auto') === 'auto';
  }

  private tryKeyringRead(): string | null {
    try {
      return this.entry().getPassword();
    } catch {
      return null;
    }
  }

  private entry(): Entry {
    return new Entry(KEYRING_SERVICE, this.opts.account ?? LICENSE_ACCOUNT);
  }

  private keyringLocation(): SecretLocation {
    return {
      backend: 'os-credential-store',
      where: `the OS credential store (service "${KEYRING_SERVICE}", account "${this.opts.account ?? LICENSE_ACCOUNT}")`,
      encrypted: true,
    };
  }

  private fileLocation(): SecretLocation {
    return {
      backend: 'file',
      where: `${this.fallbackFile} (UNENCRYPTED: ${this.useKeyring() ? 'no OS credential store answered' : 'file storage chosen (CODITECT_SECRET_STORE=file)'}; readable only by you)`,
      encrypted: false,
    };
  }
}

function writePrivateFile(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content + '\n', { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

export function secretStoreFor(configDir: string, env: NodeJS.ProcessEnv = process.env): SecretStore {
  return new SecretStore({ configDir, prefer: env.CODITECT_SECRET_STORE === 'file' ? 'file' : 'auto' });
}
