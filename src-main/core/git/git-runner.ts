import fs from 'node:fs';
import { GitError, simpleGit, type SimpleGitOptions } from 'simple-git';

/**
 * The one place that runs the `git` binary (through simple-git). Every git call of the
 * app goes through `runGit`, so the environment, the error shape and the time limit are
 * the same everywhere.
 */

/** git exited non-zero (or could not start). Keeps both streams: a hook writes to either. */
export class GitCommandError extends GitError {
  args: readonly string[] = [];
  constructor(
    readonly exitCode: number,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(
      undefined,
      (stderr.trim() || stdout.trim() || `git exited with code ${exitCode}`)
        .split('\n')
        .slice(-20)
        .join('\n'),
    );
    this.name = 'GitCommandError';
  }

  /** Everything git printed, for messages that quote it (a failing hook's output). */
  get output(): string {
    return [this.stdout.trim(), this.stderr.trim()].filter(Boolean).join('\n');
  }
}

/** The working directory is gone: the repository was deleted or moved. */
export class MissingDirectoryError extends Error {
  constructor(readonly dir: string) {
    super(`${dir} does not exist`);
    this.name = 'MissingDirectoryError';
  }
}

export interface RunGitOptions {
  /** Read-only calls (status, log) must not take optional locks: the user's own git would stall on them. */
  readOnly?: boolean;
  /** Kill git after this long without output (a push to an unreachable host). */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_TIMEOUT_MS = 120_000;

// Variables that would point git at another repository or index than the directory we
// name: set when we run inside a git hook (a user's pre-commit running `coditect commit`).
const REPO_OVERRIDES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_PREFIX',
  'GIT_NAMESPACE',
];

export function gitEnv(base: NodeJS.ProcessEnv, readOnly: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const k of REPO_OVERRIDES) delete env[k];
  // Messages are matched in English; the user's character set stays for their hooks.
  if (env.LC_ALL) {
    env.LC_CTYPE = env.LC_ALL;
    delete env.LC_ALL;
  }
  env.LC_MESSAGES = 'C';
  env.LANGUAGE = 'C';
  // Never wait for a password prompt nobody sees: fail, and say so.
  env.GIT_TERMINAL_PROMPT = '0';
  if (readOnly) env.GIT_OPTIONAL_LOCKS = '0';
  return env;
}

// simple-git refuses some environment variables and `-c` settings unless allowed, to protect
// callers that pass untrusted input through. Here every argument is built by this module
// (paths only after `--` or in a pathspec file) and the environment is the user's own
// (their EDITOR, PAGER, GIT_SSH_COMMAND, GIT_CONFIG_GLOBAL…), so all of it is allowed.
const TRUSTED: SimpleGitOptions['unsafe'] = {
  allowUnsafeAlias: true,
  allowUnsafeAskPass: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeCredentialHelper: true,
  allowUnsafeEditor: true,
  allowUnsafeMergeDriver: true,
  allowUnsafePager: true,
  allowUnsafeSshCommand: true,
  allowUnsafeGitProxy: true,
  allowUnsafeHooksPath: true,
  allowUnsafeDiffExternal: true,
  allowUnsafeDiffTextConv: true,
  allowUnsafeFilter: true,
  allowUnsafeFsMonitor: true,
  allowUnsafeGpgProgram: true,
  allowUnsafeTemplateDir: true,
};

/** Runs `git <args>` in `dir` and returns its stdout; throws GitCommandError or MissingDirectoryError. */
export async function runGit(dir: string, args: string[], opts: RunGitOptions = {}): Promise<string> {
  if (!isDirectory(dir)) throw new MissingDirectoryError(dir);
  try {
    const git = simpleGit({
      baseDir: dir,
      maxConcurrentProcesses: 1,
      unsafe: TRUSTED,
      timeout: { block: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS },
      // Any non-zero exit is a failure, even one with an empty stderr (`git commit` with
      // nothing to commit); the default treats that as success.
      errors: (error, result) => (result.exitCode === 0 ? undefined : commandError(error, result)),
    }).env(gitEnv(opts.env ?? process.env, Boolean(opts.readOnly)));
    return await git.raw(args);
  } catch (err) {
    if (!isDirectory(dir)) throw new MissingDirectoryError(dir);
    if (err instanceof GitCommandError) {
      err.args = args;
      throw err;
    }
    throw Object.assign(new GitCommandError(-1, '', (err as Error).message ?? String(err)), { args });
  }
}

function commandError(
  error: Buffer | Error | undefined,
  r: { stdOut: Buffer[]; stdErr: Buffer[]; exitCode: number },
): GitCommandError {
  const stderr = Buffer.concat(r.stdErr).toString('utf8');
  const spawnProblem = error instanceof Error && !(error instanceof GitError) ? error.message : '';
  return new GitCommandError(r.exitCode, Buffer.concat(r.stdOut).toString('utf8'), stderr || spawnProblem);
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
