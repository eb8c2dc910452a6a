/** The README's layout names every folder of the source tree: a new folder takes its place there. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO } from '../helpers/workspace';

function folders(dir: string): string[] {
  return fs
    .readdirSync(path.join(REPO, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

it('lists every folder of src-main, src-main/core and the repository top', () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const layout = readme.split('## Layout')[1]!.split('```')[1]!;
  const named = (indent: number, name: string) => new RegExp(`^ {${indent}}${name}/`, 'm').test(layout);
  const missing = [
    ...folders('src-main/core')
      .filter((f) => !named(4, f))
      .map((f) => `src-main/core/${f}`),
    ...folders('src-main')
      .filter((f) => !named(2, f))
      .map((f) => `src-main/${f}`),
    ...['src-main', 'src-renderer', 'resources', 'build', 'eslint', 'scripts', 'docs', 'test']
      .filter((f) => fs.existsSync(path.join(REPO, f)) && !named(0, f))
      .map((f) => f),
  ];
  expect(missing).toEqual([]);
});
