import fs from 'node:fs';
import path from 'node:path';

/**
 * The corpora of "secrets never reach git": every secret format (fake values of the right
 * shape, some hard-wrapped at 80 columns as exports wrap them), and code lines with lookalikes
 * that must survive redaction untouched.
 */
export const SECRET_CORPUS_DIR = path.resolve(__dirname, '..', 'unit', 'security', 'corpus');

export interface SecretCase {
  kind: string;
  secret: string;
  text: string;
}

/** `### kind | secret` heads each case; the lines up to the next head are its text. */
export function readSecretCases(): SecretCase[] {
  const body = fs.readFileSync(path.join(SECRET_CORPUS_DIR, 'secret-formats.txt'), 'utf8');
  return body
    .split(/^### /m)
    .filter((block) => block.trim())
    .map((block) => {
      const [header, ...lines] = block.split('\n');
      const [kind, secret] = header!.split(' | ');
      return { kind: kind!, secret: secret!, text: lines.join('\n').replace(/\n+$/, '') };
    });
}

/** One case per line; blank lines and lines starting with "# " are comments. */
export function readCodeLines(): string[] {
  return fs
    .readFileSync(path.join(SECRET_CORPUS_DIR, 'code-lines.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('# '));
}

/** Any 12-character piece of the secret left in the output is a leak (a wrapped tail counts). */
export function leaksSecret(output: string, secret: string): boolean {
  const flat = output.replace(/\n[ \t]*/g, '');
  if (secret.length <= 12) return output.includes(secret) || flat.includes(secret);
  for (let i = 0; i + 12 <= secret.length; i++) {
    const piece = secret.slice(i, i + 12);
    if (output.includes(piece) || flat.includes(piece)) return true;
  }
  return false;
}
