import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

export interface TimedProcess {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** GNU time's maximum resident set of the process (threads included); null without /usr/bin/time. */
  maxRssBytes: number | null;
  /** GNU time's user + system CPU time of the process, all threads; null without /usr/bin/time. */
  cpuMs: number | null;
}

/** Runs `node ...args` to its end, timed, its peak memory read from GNU time when installed. */
export function runNodeTimed(args: string[], opts: { cwd?: string; env: NodeJS.ProcessEnv }): TimedProcess {
  const timed = fs.existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = spawnSync(
    timed ? '/usr/bin/time' : process.execPath,
    timed ? ['-f', 'peak-kb %M cpu-s %U %S', process.execPath, ...args] : args,
    { cwd: opts.cwd, env: opts.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const ms = performance.now() - t0;
  const kb = /peak-kb (\d+)/.exec(r.stderr ?? '');
  const cpu = /cpu-s ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    ms,
    maxRssBytes: kb ? Number(kb[1]) * 1024 : null,
    cpuMs: cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : null,
  };
}
