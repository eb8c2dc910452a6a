import fs from 'node:fs';
import path from 'node:path';
import { IpcFailure, notFound } from './errors';

/**
 * Keeps every path the renderer sends inside the places the app works in. Symlinks are
 * resolved on both sides (a link inside a root that points elsewhere is outside), `..` is
 * resolved before the check, and callers use the canonical path returned, never the text sent.
 */
export class PathGuard {
  private readonly roots: string[];

  constructor(roots: readonly string[]) {
    this.roots = [...new Set(roots.map((r) => canonical(path.resolve(r))))];
  }

  /** The canonical form of `p` if it lies within a root; else a `forbidden-path` failure. */
  confine(p: string, field: string): string {
    if (p.includes('\0')) throw new IpcFailure('validation', `${field}: contains a NUL byte`, field);
    if (!path.isAbsolute(p))
      throw new IpcFailure('forbidden-path', `${field}: must be an absolute path`, field);
    const real = canonical(path.resolve(p));
    if (!this.roots.some((root) => within(real, root)))
      throw new IpcFailure('forbidden-path', `${field}: outside the folders the app may use`, field);
    return real;
  }

  /** Like `confine`, and the path must exist. */
  confineExisting(p: string, field: string): string {
    const real = this.confine(p, field);
    if (!fs.existsSync(real)) throw notFound(field, `${field}: no such file or folder`);
    return real;
  }

  list(): readonly string[] {
    return this.roots;
  }
}

export function within(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  const up = rel === '..' || rel.startsWith(`..${path.sep}`);
  return rel === '' || (!up && !path.isAbsolute(rel));
}

/**
 * realpath of the longest existing prefix, plus the rest: a path that does not exist yet
 * (a memory folder to be created) is judged by where its existing parent really is.
 */
export function canonical(p: string): string {
  const rest: string[] = [];
  let at = p;
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(at), ...rest.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return p;
      rest.push(path.basename(at));
      at = parent;
    }
  }
}
