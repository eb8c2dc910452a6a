/**
 * The README's command-line table matches the real `coditect`: every command and subcommand its
 * help lists, and every option each one takes, is named in the section (`--root` and `--memory`,
 * which nearly all take, are named once above the table).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeWorkspace, REPO, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

let ws: Workspace;
beforeAll(() => {
  ws = makeWorkspace({ exports: [], transcripts: false });
});
afterAll(() => rmWorkspace(ws));

/** The names under "Commands:" in a help text (help itself aside). */
function commandsIn(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}

function optionsIn(help: string): string[] {
  const section = (help.split(/^Options:$/m)[1] ?? '').split(/^Commands:$/m)[0]!;
  return [...section.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)]
    .map((m) => m[1]!)
    .filter((o) => !['--help', '--version', '--root', '--memory'].includes(o));
}

function help(args: string[]): string {
  const r = runCli(ws, [...args, '--help']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

function readmeCliSection(): string {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  return readme.split('## The command line')[1]!.split(/^## /m)[0]!;
}

it('names every command and option of the CLI', () => {
  const section = readmeCliSection();
  const missing: string[] = [];
  const visit = (args: string[]) => {
    const text = help(args);
    const subcommands = commandsIn(text);
    if (args.length && !subcommands.length && !section.includes(`coditect ${args.join(' ')}`))
      missing.push(`coditect ${args.join(' ')}`);
    for (const o of optionsIn(text)) {
      // An option is named in the row of its command: `--json` everywhere is no proof.
      const rows = section.split('\n').filter((l) => l.includes(`coditect ${args.join(' ')}`));
      if (!rows.some((row) => row.includes(o))) missing.push(`coditect ${args.join(' ')} ${o}`);
    }
    for (const c of subcommands) visit([...args, c]);
  };
  visit([]);
  expect(missing).toEqual([]);
}, 600_000);
