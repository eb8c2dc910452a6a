/**
 * Words and empty states in Chromium against the preview host: the Checkpoints page with no
 * checkpoint offers the run that makes one; counts are in proper plurals; times read "2 months
 * ago", never as raw ISO text; a log line from another day shows its date; a log filter that
 * hides every line says so and offers to show them all.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLogLine } from '../../src-main/core/log/log-line';
import type { PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, screenshot } from '../helpers/browser';
import { openPreviewApp } from '../helpers/preview-app';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';

const DAY = 86_400_000;
let ws: Workspace;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let errors: string[];

/** Text that looks like a raw ISO timestamp (2026-12-01T22:09:20…). */
const RAW_ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

async function openView(view: string): Promise<void> {
  await page.click(`nav[aria-label="Main"] a[data-nav="${view}"]`);
  await page.waitForSelector(`main[data-view="${view}"]`);
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: ['export-v1-macos.txt'] });
  fs.writeFileSync(
    path.join(ws.home, '.gitconfig'),
    '[user]\n\tname = E2E\n\temail = e2e@coditect.invalid\n',
  );
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: ws.master, env: ws.env });
  // A repository whose last commit is two months old.
  const oldRepo = path.join(ws.root, 'old-project');
  fs.mkdirSync(oldRepo);
  const old = new Date(Date.now() - 61 * DAY).toISOString();
  const env = { ...ws.env, GIT_AUTHOR_DATE: old, GIT_COMMITTER_DATE: old };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: oldRepo, env });
  execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'Old commit'], { cwd: oldRepo, env });
  // A log line from three days ago, before today's.
  const logFile = path.join(ws.memory, '.local', 'coditect.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(
    logFile,
    formatLogLine({
      time: new Date(Date.now() - 3 * DAY),
      level: 'INFO',
      step: 'e2e',
      message: 'an older line',
    }) + '\n',
  );
  ({ server, browser, page, errors } = await openPreviewApp(ws, rendererDir));
  await page.goto(`${server.url}#/checkpoints`);
  await page.waitForSelector('main[data-view="checkpoints"]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (ws) rmWorkspace(ws);
});

describe('words and empty states', () => {
  it('offers the run on a Checkpoints page with no checkpoint, and the run fills it', async () => {
    const run = page.locator('[data-testid="checkpoints-run"]');
    await run.waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Pick one from the list');
    await screenshot(page, 'checkpoints-empty-run');
    await run.click();
    await page.waitForSelector('main[data-view="dashboard"]');
    const summary = page.locator('[data-testid="run-summary"]');
    await summary.waitFor({ timeout: 60_000 });
    await openView('checkpoints');
    await expect.poll(() => page.locator('.split-list a.list-item').count()).toBe(1);
  });

  it('writes counts in proper plurals', async () => {
    await openView('dashboard');
    await page.locator('[data-testid="run-summary"]').waitFor();
    await openView('sessions');
    await page.locator('.split-list a.list-item').first().click();
    await page.locator('[role="feed"] article.msg').first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\(s\)/);
    expect(text).not.toMatch(/\b1 (messages|compactions|exports|transcripts)\b/);
    expect(text).toMatch(/\b\d+ compactions?\b/);
  });

  it('says how long ago in words, and never shows a raw ISO time', async () => {
    await openView('repositories');
    const row = page.locator('[data-testid="repo-row"]', { hasText: 'old-project' });
    await row.waitFor();
    expect(await row.innerText()).toContain('2 months ago');
    for (const view of ['dashboard', 'checkpoints', 'sessions', 'repositories', 'log', 'settings']) {
      await openView(view);
      await page.waitForTimeout(300);
      expect(await page.locator('main').innerText(), view).not.toMatch(RAW_ISO);
    }
  });

  it('dates a log line from another day, and says when a filter hides every line', async () => {
    await openView('log');
    const older = page.locator('.log-row', { hasText: 'an older line' });
    await older.waitFor();
    const three = new Date(Date.now() - 3 * DAY);
    const day = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }).format(three);
    expect(await older.locator('.log-time').innerText()).toContain(day);
    const today = page.locator('.log-row').last();
    expect(await today.locator('.log-time').innerText()).toMatch(/^\d{1,2}:\d{2}:\d{2}/);
    await page.fill('input[aria-label="Filter log lines"]', 'no line says this 7f3a');
    await page.locator('text=No line matches these filters').waitFor();
    await screenshot(page, 'log-filter-empty');
    await page.click('[data-testid="log-show-all"]');
    await older.waitFor();
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
