import path from 'node:path';
import { redactSecrets } from './redact-secrets';

/**
 * A file name that reaches git (an archived export keeps its name) is redacted like its text.
 * The stem only, so the extension stays; the marker without brackets and colon, which some
 * file systems refuse or show oddly: `session-ghp_….txt` becomes `session-REDACTED-github-token.txt`.
 */
export function redactFileName(name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  const r = redactSecrets(stem);
  return r.count ? `${r.text.replace(/\[REDACTED:([a-z-]+)\]/g, 'REDACTED-$1')}${ext}` : name;
}
