import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { GitError, simpleGit, type SimpleGitOptions } from 'simple-git';
import { mapLimit } from './bounded';

/**
 * The one place that runs the `git` binary (through simple-git). Every git call of the
 * app goes through `runGit`, or `runGitEach` for the same command in many repositories,
 * so the environment, the error shape and the time limit are the same everywhere.
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

/** What `runGitEach` got from one directory: git's stdout, or the error `runGit` would have thrown. */
export type GitOutcome =
  { ok: true; stdout: string } | { ok: false; error: GitCommandError | MissingDirectoryError };

export interface RunGitEachOptions extends RunGitOptions {
  /** How many processes run at once. */
  concurrency: number;
  /** false: one `git` spawned by Node per directory, as on Windows. Default: batches where there is a POSIX shell. */
  batch?: boolean;
}

/** At most this many directories per shell, and at least two batches per lane to even out slow ones. */
const MAX_BATCH = 32;

/**
 * Runs the same `git <args>` in each of `dirs`, at most `concurrency` at once; the outcomes
 * keep the order of `dirs`, and one failing directory fails only its own outcome.
 *
 * Spawning from Node costs milliseconds of the main thread per process (the fork copies a
 * large process's page tables), more than a `git status` of a small repository takes. So on
 * POSIX the directories go in batches to `/bin/sh`, which runs git in each, one after the
 * other, exactly as a shell loop would, and frames each output with a marker Node splits on.
 */
export async function runGitEach(
  dirs: readonly string[],
  args: string[],
  opts: RunGitEachOptions,
): Promise<GitOutcome[]> {
  const results = new Array<GitOutcome>(dirs.length);
  const todo: number[] = [];
  dirs.forEach((dir, i) => {
    if (isDirectory(dir)) todo.push(i);
    else results[i] = { ok: false, error: new MissingDirectoryError(dir) };
  });
  const one = async (i: number) => {
    results[i] = await outcomeOf(runGit(dirs[i]!, args, opts));
  };
  if (!(opts.batch ?? process.platform !== 'win32') || todo.length < 2) {
    await mapLimit(todo, opts.concurrency, one);
    return results;
  }
  const lanes = Math.max(1, Math.min(opts.concurrency, todo.length));
  const count = Math.ceil(todo.length / Math.min(MAX_BATCH, Math.ceil(todo.length / (lanes * 2))));
  // Dealt round-robin, so that neighbours (a repository and its submodules) go to different lanes.
  const batches = Array.from({ length: count }, (_, k) => todo.filter((_, j) => j % count === k));
  await mapLimit(batches, lanes, async (batch) => {
    const got = await runBatch(
      batch.map((i) => dirs[i]!),
      args,
      opts,
    );
    if (got) batch.forEach((i, k) => (results[i] = got[k]!));
    else await mapLimit(batch, 1, one);
  });
  return results;
}

async function outcomeOf(run: Promise<string>): Promise<GitOutcome> {
  try {
    return { ok: true, stdout: await run };
  } catch (err) {
    if (err instanceof GitCommandError || err instanceof MissingDirectoryError)
      return { ok: false, error: err };
    throw err;
  }
}

/** One `/bin/sh` running git in each directory; null when the shell cannot start (the caller spawns git itself). */
function runBatch(
  dirs: readonly string[],
  args: string[],
  opts: RunGitOptions,
): Promise<GitOutcome[] | null> {
  const nonce = randomBytes(12).toString('hex');
  // stdin is closed for git as it is for runGit; `command` skips a shell function named git.
  const script =
    `for d do command git -C "$d" ${args.map(shellQuote).join(' ')} </dev/null; ` +
    `printf '\\001${nonce} %s\\000' "$?"; printf '\\001${nonce}\\000' >&2; done`;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve) => {
    // Its own process group, so that a time-out stops the git it is waiting for too.
    const child = spawn('/bin/sh', ['-c', script, 'sh', ...dirs], {
      env: gitEnv(opts.env ?? process.env, Boolean(opts.readOnly)),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }, timeoutMs);
    };
    arm();
    child.stdout.on('data', (b: Buffer) => (out.push(b), arm()));
    child.stderr.on('data', (b: Buffer) => (err.push(b), arm()));
    child.on('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.on('close', () => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8').split(`\x01${nonce}\0`);
      let at = 0;
      resolve(
        dirs.map((dir, k): GitOutcome => {
          const end = at < 0 ? -1 : stdout.indexOf(`\x01${nonce} `, at);
          if (end < 0) {
            at = -1;
            const why = timedOut
              ? `git gave no output for ${timeoutMs / 1000} s and was stopped`
              : 'git did not run';
            return { ok: false, error: Object.assign(new GitCommandError(-1, '', why), { args }) };
          }
          const codeEnd = stdout.indexOf('\0', end);
          const code = Number(stdout.slice(end + nonce.length + 2, codeEnd));
          const text = stdout.slice(at, end);
          at = codeEnd + 1;
          if (code === 0) return { ok: true, stdout: text };
          if (!isDirectory(dir)) return { ok: false, error: new MissingDirectoryError(dir) };
          return {
            ok: false,
            error: Object.assign(new GitCommandError(code, text, stderr[k] ?? ''), { args }),
          };
        }),
      );
    });
  });
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
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
