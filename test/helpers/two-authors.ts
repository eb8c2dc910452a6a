import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES } from './fixtures';
import { makeWorkspace, placeFile, runCli, type Workspace } from './workspace';

/** Who made each checkpoint of {@link twoAuthorsWorkspace}, in the order they were made. */
export const TEAM = [
  { name: 'Ann Archer', email: 'ann@example.com', machine: 'ann-laptop', export: 'export-v1-macos.txt' },
  {
    name: 'Bob Baker',
    email: 'bob@example.com',
    machine: 'bob-desktop',
    export: 'export-v2-linux-overlap.txt',
  },
] as const;

/**
 * A memory repository holding two checkpoints by two teammates on two machines, made by the
 * real CLI: Ann imports one export and the Claude Code transcripts on her laptop, then Bob another
 * export on his desktop (another git identity, another machine name in the config folder).
 */
export function twoAuthorsWorkspace(): Workspace {
  const ws = makeWorkspace({ exports: [], transcripts: true });
  fs.writeFileSync(path.join(ws.home, '.gitconfig'), '[init]\n\tdefaultBranch = main\n');
  Object.assign(ws.env, { GIT_CONFIG_NOSYSTEM: '1', XDG_CONFIG_HOME: path.join(ws.home, '.config') });
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: ws.master, env: ws.env, encoding: 'utf8' });
  git('init', '-q');
  for (const who of TEAM) {
    git('config', 'user.name', who.name);
    git('config', 'user.email', who.email);
    const config = path.join(ws.home, '.coditect');
    fs.mkdirSync(config, { recursive: true });
    // Another machine: its own name and (no id kept) its own short id.
    fs.writeFileSync(path.join(config, 'machine.json'), JSON.stringify({ name: who.machine }));
    placeFile(path.join(FIXTURES, who.export), path.join(ws.downloads, who.export));
    const r = runCli(ws, ['export-dedup', '--root', ws.root, '--memory', ws.memory, '--yes', '--json']);
    if (r.code !== 0) throw new Error(`the import as ${who.name} failed: ${r.stderr}${r.stdout}`);
  }
  return ws;
}
