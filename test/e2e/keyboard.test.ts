/**
 * Keyboard and focus in Chromium against the preview host: the lists (checkpoints, sessions,
 * search results, repositories) move with the arrow keys and open with Enter; the palette finds
 * and runs commands (a `>` lists only them) and shows the keyboard's choice unlike a hover;
 * after an action that removes the control used, focus is never left on the page body; a dialog
 * opened while the view changes keeps the focus.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, screenshot } from '../helpers/browser';
import { openPreviewApp } from '../helpers/preview-app';
import {
  FIXTURES,
  makeWorkspace,
  placeFile,
  rmWorkspace,
  runCli,
  type Workspace,
} from '../helpers/workspace';

let ws: Workspace;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let errors: string[];

const active = (expr: string) => page.evaluate(`document.activeElement?.${expr}`);

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
  for (const name of ['app-one', 'app-two']) {
    fs.mkdirSync(path.join(ws.root, name));
    execFileSync('git', ['init', '-q'], { cwd: path.join(ws.root, name), env: ws.env });
  }
  expect(runCli(ws, ['export-dedup', '--yes', '--no-git', '--description', 'First']).code).toBe(0);
  placeFile(path.join(FIXTURES, 'export-v2-linux-overlap.txt'), path.join(ws.downloads, 'overlap.txt'));
  expect(runCli(ws, ['export-dedup', '--yes', '--no-git', '--description', 'Second']).code).toBe(0);
  ({ server, browser, page, errors } = await openPreviewApp(ws, rendererDir));
  await page.goto(server.url);
  await page.waitForSelector('nav[aria-label="Main"]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (ws) rmWorkspace(ws);
});

describe('keyboard and focus', () => {
  it('walks the checkpoint list with the arrow keys and opens one with Enter', async () => {
    await openView('checkpoints');
    const items = page.locator('.split-list a.list-item');
    await expect.poll(() => items.count()).toBe(2);
    await items.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await active('textContent')).toContain('First');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.detail-title >> text=First');
    await page.keyboard.press('ArrowUp');
    expect(await active('textContent')).toContain('Second');
  });

  it('walks the sessions, the search results and the repositories the same way', async () => {
    await openView('sessions');
    const sessions = page.locator('.split-list a.list-item');
    await expect.poll(() => sessions.count()).toBeGreaterThanOrEqual(2);
    await sessions.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await active('getAttribute("href")')).toBe(await sessions.nth(1).getAttribute('href'));
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/sessions\/.+/);

    await openView('search');
    await page.fill('input[aria-label="Search messages"]', 'dedup');
    const hits = page.locator('a.hit');
    await expect.poll(() => hits.count()).toBeGreaterThanOrEqual(2);
    // ↓ from the query into the results, then on through them.
    await page.focus('input[aria-label="Search messages"]');
    await page.keyboard.press('ArrowDown');
    expect(await active('getAttribute("href")')).toBe(await hits.first().getAttribute('href'));
    await page.keyboard.press('ArrowDown');
    expect(await active('getAttribute("href")')).toBe(await hits.nth(1).getAttribute('href'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('article.msg-highlight', { timeout: 15_000 });

    await openView('repositories');
    const rows = page.locator('[data-testid="repo-row"]');
    await expect.poll(() => rows.count()).toBe(3);
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await active('innerText')).toContain(await rows.nth(2).locator('.repo-name').innerText());
  });

  it('finds commands in the palette, lists only commands after >, and runs one with Enter', async () => {
    await openView('dashboard');
    await page.keyboard.press('Control+k');
    const dialog = page.locator('[role="dialog"]');
    await dialog.waitFor();
    await page.keyboard.type('license');
    await dialog.locator('[data-command="settings-license"]').waitFor();
    // Messages first, the commands in their own section below them.
    await screenshot(page, 'palette-commands');
    await page.fill('input[aria-label="Search messages"]', '> set lic');
    await expect.poll(() => dialog.locator('a.hit').count()).toBe(0);
    expect(await dialog.locator('[role="option"]').allInnerTexts()).toEqual(['Go to Settings › License']);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.waitForSelector('main[data-view="settings"]');
    await expect.poll(() => active('id')).toBe('settings-license');

    await page.keyboard.press('Control+k');
    await page.keyboard.type('>');
    const titles = await dialog.locator('[role="option"]').allInnerTexts();
    for (const t of [
      'Run export-dedup',
      'Sync the memory',
      'Open log',
      'Go to Settings › License',
      'Go to Dashboard',
      'Go to Repositories',
    ])
      expect(titles).toContain(t);
    await page.keyboard.type('open log');
    await page.keyboard.press('Enter');
    await page.waitForSelector('main[data-view="log"]');
  });

  it('shows the palette hover unlike the keyboard choice', async () => {
    await page.keyboard.press('Control+k');
    const dialog = page.locator('[role="dialog"]');
    await page.keyboard.type('>go to');
    const options = dialog.locator('[role="option"]');
    await expect.poll(() => options.count()).toBeGreaterThan(2);
    await options.nth(2).hover();
    const look = (i: number) =>
      page.evaluate(
        `(() => { const s = getComputedStyle(document.getElementById('palette-item-${i}')); return s.backgroundColor + ' ' + s.boxShadow; })()`,
      );
    expect(await options.nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await look(2)).not.toBe(await look(0));
    await screenshot(page, 'palette-hover-vs-choice');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('never leaves focus on the page body after an action removes its control', async () => {
    await openView('settings');
    const card = page.locator('section[aria-labelledby="settings-setup"]');
    await card.locator('[data-testid="remove-setup"]').click();
    await card.locator('button:has-text("Cancel")').click();
    await card.locator('[role="alertdialog"]').waitFor({ state: 'detached' });
    await expect.poll(() => active('tagName')).not.toBe('BODY');
    expect(await active('tagName')).toBeDefined();
    // Confirmed: focus goes to what it did (here: nothing was set up, so nothing is removed).
    await card.locator('[data-testid="remove-setup"]').click();
    await card.locator('[data-testid="confirm-remove-setup"]').click();
    await card.locator('[data-testid="removal-report"]').waitFor();
    await expect.poll(() => active(`getAttribute('data-testid')`)).toBe('removal-report');
  });

  it('a dialog opened while the view changes keeps the focus (the new view does not take it)', async () => {
    await openView('checkpoints');
    // The view changes (hashchange, a task later) after the palette has opened and focused its
    // input: the new view's focus on its title must not take the focus out of the dialog.
    await page.evaluate(`(() => {
      location.hash = '#/dashboard';
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true }));
    })()`);
    await page.waitForSelector('main[data-view="dashboard"]');
    const dialog = page.locator('[role="dialog"]');
    await dialog.waitFor();
    // Past the view's own focus move (a zero timeout after it renders).
    await page.evaluate('new Promise((r) => setTimeout(r, 100))');
    expect(await active(`closest('[role="dialog"]') !== null`)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
