/**
 * The renderer end to end: Debian's Chromium (playwright-core) against the preview host, which
 * carries the IPC contract to the real core over a real workspace fixture. Every view renders
 * with data; a run started from the UI shows its progress to the end; a search finds a message
 * and opens it in context; a new log line appears live; the repository is listed. A screenshot
 * of every view, light and dark, goes to test-output/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLog } from '../../src-main/core/log/open-log';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, launchBrowser, newContext, screenshot, watchErrors } from '../helpers/browser';
import {
  FIXTURES,
  makeWorkspace,
  placeFile,
  rmWorkspace,
  runCli,
  type Workspace,
} from '../helpers/workspace';

const RENDER_CHECK_EXPORT = [
  ' ▐▛███▜▌   Claude Code v2.1.40',
  '▝▜█████▛▘  Opus 4.5 · Claude Max',
  '  ▘▘ ▝▝    ~/PROJECTS/demo-master',
  '',
  '❯ Render check: <img src=x onerror="window.__xss=1"> and <b>bold</b> please',
  '',
  '● Here is **markdown** with a [bad link](javascript:window.__xss=2) and a [good link](https://example.com).',
  '  <script>window.__xss=3</script>',
  '',
].join('\n');

const VIEWS = ['dashboard', 'checkpoints', 'sessions', 'search', 'log', 'repositories', 'settings'] as const;

let ws: Workspace;
let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: ws.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Opens a view through the sidebar, as a user would. */
async function openView(view: string): Promise<void> {
  await page.click(`nav[aria-label="Main"] a[data-nav="${view}"]`);
  await page.waitForSelector(`main[data-view="${view}"]`);
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: ['export-v1-macos.txt'] });
  // Commits in the fixture need an identity; HOME is the fixture's.
  fs.writeFileSync(
    path.join(ws.home, '.gitconfig'),
    '[user]\n\tname = CODITECT e2e\n\temail = e2e@coditect.invalid\n',
  );
  git(ws.master, 'init', '-q', '-b', 'main');
  git(ws.master, 'commit', '-q', '--allow-empty', '-m', 'Initial commit');
  // An export whose messages hold raw HTML and a javascript: link: rendered as text, never run.
  const renderCheck = path.join(ws.master, 'export-render-check.txt');
  fs.writeFileSync(renderCheck, RENDER_CHECK_EXPORT);
  fs.utimesSync(renderCheck, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
  // A real import first, with the CLI.
  const r = runCli(ws, ['export-dedup', '--yes', '--no-git', '--description', 'First import from the CLI']);
  expect(r.code, r.stderr).toBe(0);
  fs.mkdirSync(path.join(ws.base, 'tmp'), { recursive: true });
  server = await startPreviewServer({
    rendererDir,
    root: ws.root,
    env: ws.env,
    version: '0.1.0',
    serviceOptions: { tmpdir: path.join(ws.base, 'tmp'), autoImportDelayMs: 600_000 },
  });
  await server.service.watching();
  browser = await launchBrowser();
  context = await newContext(browser, { colorScheme: 'light', origin: new URL(server.url).origin });
  page = await context.newPage();
  errors = watchErrors(page);
  await page.goto(server.url);
  await page.waitForSelector('nav[aria-label="Main"]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (ws) rmWorkspace(ws);
});

describe('the renderer in Chromium against the preview host', () => {
  it('shows the dashboard with the totals of the CLI import and its chart', async () => {
    await openView('dashboard');
    const totals = page.locator('section[aria-label="Totals"]');
    await expect.poll(() => totals.locator('.stat').count()).toBe(4);
    const text = await totals.innerText();
    expect(text).toMatch(/Exports\s+2/);
    expect(text).toMatch(/Checkpoints\s+1/);
    expect(text).toMatch(/Dedup rate\s+\d+\.\d%/);
    await page.waitForSelector('figure.chart svg rect.chart-new');
    await screenshot(page, 'dashboard');
  });

  it('runs export-dedup from the UI and shows its progress to the end', async () => {
    // A new export lands in Downloads: the run from the UI imports it.
    placeFile(
      path.join(FIXTURES, 'export-v2-linux-overlap.txt'),
      path.join(ws.downloads, 'export-v2-linux-overlap.txt'),
    );
    await page.click('button:has-text("Refresh")');
    await page.waitForSelector('ul[aria-label="Ready to import"] >> text=export-v2-linux-overlap.txt', {
      timeout: 15_000,
    });
    // Record every step status and file counter the page shows on its way to the end.
    // (Page functions are strings here: the Node project has no DOM types.)
    await page.evaluate(`(() => {
      const seen = (window.__seen = []);
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[data-step]'))
          seen.push(el.getAttribute('data-step') + ':' + el.getAttribute('data-status'));
        const files = document.querySelector('[data-testid="file-progress"] .step-name');
        if (files) seen.push('files:' + files.textContent);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    await page.fill('input[placeholder^="e.g."]', 'Run from the browser test');
    await page.click('[data-testid="run-button"]');
    const summary = page.locator('[data-testid="run-summary"]');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute('data-outcome'), await summary.innerText()).toBe('done');
    const statuses = await page.$$eval('[data-step]', (els) =>
      els.map((e) => [e.getAttribute('data-step'), e.getAttribute('data-status')]),
    );
    expect(statuses.map((s) => s[0])).toEqual([
      'preflight',
      'discover',
      'import',
      'archive',
      'checkpoint',
      'git',
    ]);
    for (const [step, status] of statuses) expect(['succeeded', 'skipped'], `${step}`).toContain(status);
    // The new export and the two transcripts (unchanged since the CLI run).
    expect(await page.locator('[data-testid="file-progress"] .step-name').innerText()).toMatch(
      /Files 3 \/ 3/,
    );
    const seen = (await page.evaluate('window.__seen')) as string[];
    expect(seen).toContain('import:running');
    expect(seen.some((s) => s.startsWith('files:'))).toBe(true);
    expect(
      await page.locator('[role="progressbar"][aria-label="Run progress"]').getAttribute('aria-valuenow'),
    ).toBe('100');
    // The dashboard reloads after the run: two checkpoints now, and the export no longer waiting.
    await expect
      .poll(() => page.locator('section[aria-label="Totals"]').innerText())
      .toMatch(/Checkpoints\s+2/);
    await screenshot(page, 'dashboard-run');
  });

  it('lists checkpoints, filters them, and shows a checkpoint with its messages', async () => {
    await openView('checkpoints');
    const items = page.locator('.split-list a.list-item');
    await expect.poll(() => items.count()).toBe(2);
    // The newest opens by itself.
    await page.waitForSelector('.detail-title >> text=Run from the browser test');
    await page.fill('input[aria-label="Filter checkpoints"]', 'First import');
    await expect.poll(() => items.count()).toBe(1);
    await items.first().click();
    await page.waitForSelector('.detail-title >> text=First import from the CLI');
    const feed = page.locator('[role="feed"]');
    await feed.locator('article.msg').first().waitFor();
    expect(await feed.locator('article.msg-user').count()).toBeGreaterThan(0);
    expect(await feed.locator('article.msg-assistant').count()).toBeGreaterThan(0);
    // Tool calls are collapsed until asked for.
    const toggle = feed.locator('article.msg-tool_call .msg-toggle').first();
    if (await toggle.count()) {
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    }
    expect(await page.locator('.git-line').innerText()).toContain('main');
    await page.fill('input[aria-label="Filter checkpoints"]', '');
    await screenshot(page, 'checkpoints');
  });

  it('shows sessions grouped by project, with the thread and its compaction marked', async () => {
    await openView('sessions');
    await page.waitForSelector('.split-list section.group');
    expect(await page.locator('.group-title').first().textContent()).toContain('demo-master');
    const sessions = page.locator('.split-list a.list-item');
    expect(await sessions.count()).toBeGreaterThanOrEqual(2);
    // Open the session that had a compaction.
    await sessions.filter({ hasText: 'compacted' }).first().click();
    const feed = page.locator('[role="feed"]');
    await feed.locator('article.msg').first().waitFor();
    await expect.poll(() => feed.locator('[data-testid="compaction"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'sessions');
  });

  it('searches as you type, highlights hits, and opens a hit in its checkpoint', async () => {
    await openView('search');
    await page.fill('input[aria-label="Search messages"]', 'dedup');
    const hits = page.locator('[data-testid="search-hit"]');
    await hits.first().waitFor({ timeout: 10_000 });
    expect(await hits.first().locator('mark').count()).toBeGreaterThan(0);
    expect((await hits.first().locator('mark').first().innerText()).toLowerCase()).toContain('dedup');
    await screenshot(page, 'search');
    // Filters narrow the results.
    await page.selectOption('select >> nth=0', 'user');
    await expect
      .poll(async () => {
        const roles = await hits.locator('.badge').allInnerTexts();
        return roles.length > 0 && roles.every((r) => r === 'User');
      })
      .toBe(true);
    await hits.first().click();
    await page.waitForSelector('main[data-view="checkpoints"]');
    await page.waitForSelector('article.msg-highlight', { timeout: 15_000 });
    expect((await page.locator('article.msg-highlight').innerText()).toLowerCase()).toContain('dedup');
    await screenshot(page, 'search-jump');
  });

  it('renders Markdown safely: raw HTML as text, no script, javascript: links inert', async () => {
    await openView('search');
    await page.fill('input[aria-label="Search messages"]', 'Render check');
    await page.locator('[data-testid="search-hit"]', { hasText: 'onerror' }).first().click();
    const user = page.locator('article.msg-highlight', { hasText: 'Render check' });
    await user.waitFor({ timeout: 15_000 });
    expect(await user.innerText()).toContain('<img src=x onerror="window.__xss=1">');
    expect(await user.locator('img, b').count()).toBe(0);
    const answer = page.locator('[role="feed"] article.msg-assistant', { hasText: 'Here is markdown' });
    await answer.waitFor();
    expect(await answer.locator('strong').innerText()).toBe('markdown');
    expect(await answer.locator('a[href="https://example.com"]').count()).toBe(1);
    expect(await answer.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await answer.locator('.md-link-inert').innerText()).toBe('bad link');
    expect(await answer.locator('script').count()).toBe(0);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
  });

  it('opens the search palette with Ctrl+K from anywhere and jumps to a hit with Enter', async () => {
    await openView('repositories');
    await page.keyboard.press('Control+k');
    const dialog = page.locator('[role="dialog"][aria-label="Search messages"]');
    await dialog.waitFor();
    await page.keyboard.type('overlapping');
    await dialog.locator('[role="option"]').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'palette');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.waitForSelector('main[data-view="checkpoints"] article.msg-highlight', { timeout: 15_000 });
  });

  it('tails the log and shows a new line live, with filters', async () => {
    await openView('log');
    const lines = page.locator('[data-testid="log-lines"] .log-row');
    await expect.poll(() => lines.count()).toBeGreaterThan(5);
    const logFile = server.service.ctx.workspace.layout.logFile;
    const marker = `e2e live line ${Date.now()}`;
    const row = page.locator('[data-testid="log-lines"] .log-row', { hasText: marker });
    const appeared = row.waitFor({ timeout: 10_000 });
    const log = openLog(logFile, { env: ws.env });
    log.warn('e2e', marker, { check: 'live' });
    log.close();
    await appeared; // without a reload: the live feed (its latency is a figure of npm run bench)
    // Level filter: only WARN and ERROR.
    await page.click('button.seg-debug');
    await page.click('button.seg-info');
    await expect.poll(() => page.locator('.log-row.log-info').count()).toBe(0);
    expect(await page.locator('.log-row', { hasText: marker }).count()).toBe(1);
    await page.click('button.seg-debug');
    await page.click('button.seg-info');
    // Text filter.
    await page.fill('input[aria-label="Filter log lines"]', marker);
    await expect.poll(() => lines.count()).toBe(1);
    await page.fill('input[aria-label="Filter log lines"]', '');
    // Copy and "open the file" (the preview names the file).
    await page.click('button:has-text("Copy all")');
    await expect
      .poll(() => page.locator('[data-testid="log-notice"]').innerText())
      .toMatch(/Copied \d+ lines/);
    expect(await page.evaluate('navigator.clipboard.readText()')).toContain(marker);
    await page.click('button:has-text("Open the file")');
    await expect
      .poll(() => page.locator('[data-testid="log-notice"]').innerText())
      .toContain(path.basename(logFile));
    // Paused: new lines wait until resumed.
    await page.click('[data-testid="log-pause"]');
    const held = `e2e held line ${Date.now()}`;
    const log2 = openLog(logFile, { env: ws.env });
    log2.info('e2e', held);
    log2.close();
    await expect
      .poll(() => page.locator('[data-testid="log-pause"]').innerText(), { timeout: 5000 })
      .toMatch(/Resume \(1 new\)/);
    expect(await page.locator('.log-row', { hasText: held }).count()).toBe(0);
    await page.click('[data-testid="log-pause"]');
    await page.locator('.log-row', { hasText: held }).waitFor();
    // Scrolled up, it stops following and offers to jump to the end.
    await page.evaluate(`document.querySelector('[data-testid="log-lines"]').scrollTop = 0`);
    await page.click('button:has-text("Jump to end")');
    await page.locator('button:has-text("Jump to end")').waitFor({ state: 'detached' });
    expect(
      await page.evaluate(
        `(() => { const el = document.querySelector('[data-testid="log-lines"]'); return el.scrollHeight - el.scrollTop - el.clientHeight; })()`,
      ),
    ).toBeLessThan(30);
    await screenshot(page, 'log');
  });

  it('lists the repository with its status and commits the checkpoint', async () => {
    await openView('repositories');
    const rows = page.locator('[data-testid="repo-row"]');
    await rows.first().waitFor({ timeout: 15_000 });
    expect(await rows.first().innerText()).toContain('demo-master');
    expect(await rows.first().innerText()).toContain('main');
    await page.click('button:has-text("Commit checkpoint")');
    const result = page.locator('[data-testid="commit-result"]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).not.toBe('');
    await screenshot(page, 'repositories');
  });

  it('edits settings and shows a validation error next to its field', async () => {
    await openView('settings');
    const logSize = page.getByLabel('Log size (lines)');
    await logSize.waitFor();
    expect(await logSize.inputValue()).toBe('5000');
    await logSize.fill('50');
    await page.click('button:has-text("Save settings")');
    const err = page.locator('.field-invalid .field-error');
    await err.waitFor({ timeout: 10_000 });
    expect(await page.locator('.field-invalid .field-label').innerText()).toBe('Log size (lines)');
    await screenshot(page, 'settings-error');
    await logSize.fill('6000');
    await page.click('button:has-text("Save settings")');
    await page.locator('.form-actions >> text=Saved.').waitFor();
    const saved = JSON.parse(fs.readFileSync(path.join(ws.home, '.coditect', 'settings.json'), 'utf8')) as {
      logMaxLines: number;
    };
    expect(saved.logMaxLines).toBe(6000);
    // Keep the originals (archiveMode copy), then back to the default.
    const keep = page.getByLabel('Keep the original exports');
    for (const [on, mode] of [
      [true, 'copy'],
      [false, 'move'],
    ] as const) {
      await keep.setChecked(on);
      await page.click('button:has-text("Save settings")');
      await expect
        .poll(
          () =>
            JSON.parse(fs.readFileSync(path.join(ws.home, '.coditect', 'settings.json'), 'utf8')).archiveMode,
        )
        .toBe(mode);
    }
    await page.evaluate(`document.getElementById('main').scrollTop = 0`);
    await screenshot(page, 'settings');
  });

  it('follows the theme setting: dark pinned, then back to the system', async () => {
    await page.click('label.seg:has-text("Dark")');
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(15, 17, 21)');
    await page.click('label.seg:has-text("Follow the system")');
    await expect
      .poll(() => page.evaluate(`document.documentElement.dataset.theme ?? 'system'`))
      .toBe('system');
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(246, 247, 249)');
  });

  it('renders every view in dark mode (OS preference) without errors', async () => {
    const dark = await newContext(browser, { colorScheme: 'dark' });
    const p = await dark.newPage();
    const darkErrors = watchErrors(p);
    await p.goto(server.url);
    for (const view of VIEWS) {
      await p.click(`nav[aria-label="Main"] a[data-nav="${view}"]`);
      await p.waitForSelector(`main[data-view="${view}"]`);
      if (view === 'search') {
        await p.fill('input[aria-label="Search messages"]', 'dedup');
        await p.locator('[data-testid="search-hit"]').first().waitFor();
      } else if (view === 'checkpoints' || view === 'sessions') {
        await p.locator('[role="feed"] article.msg').first().waitFor();
      } else if (view === 'repositories') {
        await p.locator('[data-testid="repo-row"]').first().waitFor();
      } else if (view === 'log') {
        await p.locator('.log-row').first().waitFor();
      } else if (view === 'dashboard') {
        await p.locator('figure.chart').waitFor();
      } else {
        await p.getByLabel('Log size (lines)').waitFor();
      }
      await p.waitForTimeout(150);
      await screenshot(p, `${view}-dark`);
    }
    expect(await p.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(15, 17, 21)');
    await dark.close();
    expect(darkErrors).toEqual([]);
  });

  it('is keyboard reachable: skip link, sidebar links and the palette shortcut', async () => {
    await page.goto(`${server.url}#/dashboard`);
    await page.reload();
    await page.waitForSelector('main[data-view="dashboard"]');
    const active = (expr: string) => page.evaluate(`document.activeElement?.${expr}`);
    await page.keyboard.press('Tab');
    expect(await active('textContent')).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await active('className')).toBe('search-trigger');
    await page.keyboard.press('Tab');
    expect(await active(`getAttribute('data-nav')`)).toBe('dashboard');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('main[data-view="checkpoints"]');
    await page.keyboard.press('Control+k');
    await page.locator('[role="dialog"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
  });

  it('raised no page errors along the way', () => {
    expect(errors).toEqual([]);
  });
});
