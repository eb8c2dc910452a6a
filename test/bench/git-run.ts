import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchGit, makeGitTree } from './git-bench';

/**
 * The git rows of `npm run bench`, alone: `npx tsx test/bench/git-run.ts [scale] [runs]`.
 * Builds the same tree as the full bench (scale 1: 100 repositories, 10 with a submodule, so
 * 110 to read, among 200,000 other files), then prints discovery against `find` and
 * `statusOfAll` against a sequential `git status` loop, the loop and ours taking turns.
 * `GIT_BENCH_TREE=DIR` keeps the tree in DIR (built once, reused by the next runs).
 */

async function main(): Promise<void> {
  const scale = Number(process.argv[2] ?? '1');
  const runs = Number(process.argv[3] ?? '5');
  if (!(scale > 0) || !(runs > 0)) throw new Error('usage: git-run.ts [scale] [runs]');
  const keep = process.env.GIT_BENCH_TREE;
  const dir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'git-bench-'));
  const root = path.join(dir, 'PROJECTS');
  try {
    if (!fs.existsSync(root)) {
      fs.mkdirSync(dir, { recursive: true });
      const t0 = Date.now();
      const tree = makeGitTree(dir, {
        repos: Math.max(2, Math.round(100 * scale)),
        withSubmodules: Math.max(1, Math.round(10 * scale)),
        otherFiles: Math.round(200_000 * scale),
      });
      console.error(`tree: ${tree.files} files in ${((Date.now() - t0) / 1000).toFixed(1)} s (${dir})`);
    } else console.error(`tree: reusing ${dir}`);
    const g = await benchGit(root, runs);
    console.log(
      [
        `repositories ${g.repos}, ${os.availableParallelism()} cores, node ${process.version}`,
        `discovery ${g.discoveryMs.toFixed(0)} ms, find ${g.findMs.toFixed(0)} ms, ${g.discoveryRatio.toFixed(2)}×`,
        `statusMs ${g.statusMs.toFixed(0)}, loopMs ${g.loopMs.toFixed(0)}, ratio ${g.statusRatio.toFixed(2)}×` +
          ` (medians of ${runs}; status runs ${g.statusRuns.map((t) => t.toFixed(0)).join(' ')},` +
          ` loop runs ${g.loopRuns.map((t) => t.toFixed(0)).join(' ')})`,
      ].join('\n'),
    );
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
