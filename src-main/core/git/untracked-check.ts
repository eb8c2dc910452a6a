import { runGit } from './git-runner';

/** What git says of some files of one repository. Paths are relative to the repository, `/`-separated. */
export interface GitVerdicts {
  tracked: ReadonlySet<string>;
  /** Untracked files an ignore rule (`.gitignore`, `info/exclude`, the global excludes) covers. */
  ignored: ReadonlySet<string>;
}

/** Paths per git process: far below any command-line limit, and one process for a usual run. */
const CHUNK = 500;

/**
 * Ask git, in a few processes per repository (never one per file), which of `relPaths` it
 * tracks and which of the others it ignores. `:(literal)` keeps a name with `*` or `?` from
 * matching other files. Throws GitCommandError when git cannot answer.
 */
export async function askGitAbout(repoDir: string, relPaths: readonly string[]): Promise<GitVerdicts> {
  const tracked = new Set<string>();
  const ignored = new Set<string>();
  for (let i = 0; i < relPaths.length; i += CHUNK) {
    const chunk = relPaths.slice(i, i + CHUNK);
    const specs = chunk.map((p) => `:(literal)${p}`);
    const out = await runGit(repoDir, ['ls-files', '-z', '--cached', '--', ...specs], { readOnly: true });
    nulList(out).forEach((p) => tracked.add(p));
    const untracked = chunk.filter((p) => !tracked.has(p));
    if (untracked.length) (await ignoredAmong(repoDir, untracked)).forEach((p) => ignored.add(p));
  }
  return { tracked, ignored };
}

/**
 * The untracked files among `relPaths` that an ignore rule covers (`.gitignore`, `info/exclude`,
 * the global excludes): `ls-files --others --ignored` answers with NUL-separated paths, where
 * `check-ignore` would take `-z` only from standard input.
 */
async function ignoredAmong(repoDir: string, relPaths: readonly string[]): Promise<string[]> {
  const specs = relPaths.map((p) => `:(literal)${p}`);
  const args = ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--', ...specs];
  return nulList(await runGit(repoDir, args, { readOnly: true }));
}

function nulList(out: string): string[] {
  return out.split('\0').filter(Boolean);
}
