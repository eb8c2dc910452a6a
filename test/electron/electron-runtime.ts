import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The Electron executable if the runtime was downloaded (`require('electron')` returns its
 * path; without the download it throws or names a file that is not there), else null.
 */
export function electronExecutable(): string | null {
  try {
    const p: unknown = createRequire(__filename)('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}
