/**
 * Repositories: before "Commit checkpoint", the page lists what the commit will record, per
 * repository (a dry run of the same plan, against a real git repository); after the commit the
 * list says nothing is left, and git has exactly those files.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, screenshot } from '../helpers/browser';
import { openPreviewApp } from '../helpers/preview-app';
import { makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

let ws: Workspace;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let errors: string[];

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: ws.master, env: ws.env, encoding: 'utf8' }).trim();

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: ['export-v1-macos.txt'], transcripts: false });
  fs.writeFileSync(
    path.join(ws.home, '.gitconfig'),
    '[user]\n\tname = E2E\n\temail = e2e@coditect.invalid\n',
  );
  git('init', '-q', '-b', 'main');
  git('commit', '-q', '--allow-empty', '-m', 'Initial commit');
  // Imported, not committed: the checkpoint waits for "Commit checkpoint".
  const r = runCli(ws, ['export-dedup', '--yes', '--no-git', '--description', 'Waiting to be committed']);
  expect(r.code, r.stderr).toBe(0);
  ({ server, browser, page, errors } = await openPreviewApp(ws, rendererDir));
  await page.goto(`${server.url}#/repositories`);
  await page.waitForSelector('main[data-view="repositories"]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (ws) rmWorkspace(ws);
});

describe('the commit, previewed', () => {
  it('lists the files each repository will record, then commits exactly those', async () => {
    const preview = page.locator('[data-testid="commit-preview"]');
    await preview.locator('summary').first().waitFor();
    expect(await preview.locator('summary').first().innerText()).toMatch(/^demo-master — \d+ files?$/);
    const listed = await preview.locator('li.mono').allInnerTexts();
    expect(listed.some((f) => /^MEMORY-CONTEXT\/checkpoints\/.+Waiting-To-Be-Committed\.md$/.test(f))).toBe(
      true,
    );
    // Previewing changed nothing.
    expect(git('status', '--porcelain')).not.toBe('');
    expect(git('log', '--format=%s')).toBe('Initial commit');
    await screenshot(page, 'repositories-commit-preview');
    await page.click('button:has-text("Commit checkpoint")');
    await page.locator('[data-testid="commit-result"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => preview.innerText()).toBe('Nothing to commit: every checkpoint is committed.');
    const committed = git('show', '--name-only', '--format=', 'HEAD').split('\n');
    for (const f of listed.filter((l) => !l.startsWith('and '))) expect(committed).toContain(f);
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
