/**
 * The memory's git state in the UI, in Chromium against the preview host: a run whose memory is
 * in no repository says so on the dashboard (not "nothing to commit"); once the memory has a
 * repository with a remote, the status bar shows its sync state and Repositories › Sync pushes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, launchBrowser, newContext, screenshot, watchErrors } from '../helpers/browser';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';

let ws: Workspace;
let bare: string;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let errors: string[];

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: ws.env, encoding: 'utf8' }).trim();

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: ['export-v1-macos.txt'], transcripts: false });
  fs.writeFileSync(
    path.join(ws.home, '.gitconfig'),
    '[user]\n\tname = CODITECT e2e\n\temail = e2e@coditect.invalid\n[init]\n\tdefaultBranch = main\n',
  );
  Object.assign(ws.env, { GIT_CONFIG_NOSYSTEM: '1', XDG_CONFIG_HOME: path.join(ws.home, '.config') });
  bare = path.join(ws.base, 'memory.git');
  fs.mkdirSync(path.join(ws.base, 'tmp'));
  // A link out of the projects root: not followed, and the run's summary says so (issue 11 §1).
  fs.mkdirSync(path.join(ws.base, 'outside'));
  fs.symlinkSync(path.join(ws.base, 'outside'), path.join(ws.root, 'team-share'));
  server = await startPreviewServer({
    rendererDir,
    root: ws.root,
    env: ws.env,
    version: '0.1.0-e2e',
    serviceOptions: { tmpdir: path.join(ws.base, 'tmp'), autoImportDelayMs: 600_000 },
  });
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
  errors = watchErrors(page);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (ws) rmWorkspace(ws);
});

describe('the memory and git in the UI', () => {
  it('a run whose memory is in no repository says so on the dashboard, and the status bar too', async () => {
    await page.goto(server.url);
    await page.waitForSelector('main[data-view="dashboard"]');
    await page.click('[data-testid="run-button"]');
    const summary = page.locator('[data-testid="run-summary"]');
    await summary.waitFor({ timeout: 60_000 });
    const notice = await page.locator('[data-testid="memory-not-in-git"]').innerText();
    expect(notice).toContain(`The memory folder ${ws.memory} is in no git repository`);
    expect(notice).toContain('coditect setup');
    const links = page.locator('[data-testid="skipped-links"]');
    expect(await links.locator('summary').innerText()).toBe('1 link not followed');
    await links.locator('summary').click();
    expect(await links.locator('li').innerText()).toContain(path.join(ws.base, 'outside'));
    await page.reload();
    await page.waitForSelector('[data-testid="sync-indicator"][data-state="not-in-git"]');
    expect(await page.locator('[data-testid="sync-indicator"]').innerText()).toBe('Memory not in git');
    await screenshot(page, 'sync-1-memory-not-in-git');
  });

  it('with a repository and a remote: the status bar shows ahead/behind, and Sync commits and pushes', async () => {
    git(ws.master, 'init', '-q', '-b', 'main');
    git(ws.master, 'commit', '-q', '--allow-empty', '-m', 'Initial commit');
    git(ws.base, 'init', '-q', '--bare', '-b', 'main', bare);
    git(ws.master, 'remote', 'add', 'origin', bare);
    git(ws.master, 'push', '-q', '-u', 'origin', 'main');
    await page.goto(`${server.url}#/repositories`);
    const indicator = page.locator('[data-testid="sync-indicator"][data-state="tracking"]');
    await indicator.waitFor();
    expect(await indicator.innerText()).toBe('↑0 ↓0 · never synced');
    await page.click('button:has-text("Sync")');
    const result = page.locator('[data-testid="sync-result"]');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.innerText()).toContain(`Synced ${ws.master} (main with origin/main)`);
    expect(await result.innerText()).toContain('pushed');
    // The memory the run left uncommitted is committed and on the remote now.
    expect(git(bare, 'rev-parse', 'main')).toBe(git(ws.master, 'rev-parse', 'HEAD'));
    expect(git(bare, 'ls-tree', '-r', '--name-only', 'main')).toContain('MEMORY-CONTEXT/checkpoints/');
    await page.waitForSelector('[data-testid="sync-indicator"]:has-text("synced")');
    expect(await page.locator('[data-testid="sync-indicator"]').innerText()).toMatch(/^↑0 ↓0 · synced /);
    await screenshot(page, 'sync-2-repositories');
    expect(errors).toEqual([]);
  });
});
