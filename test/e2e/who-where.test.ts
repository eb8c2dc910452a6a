/**
 * Who and where, in the app: two teammates' checkpoints (two git identities, two machine names,
 * made by the real CLI) shown with their author and machine, and Checkpoints, Sessions and
 * Search filtered by either. Real Chromium against the preview host, at the smallest window.
 */
import path from 'node:path';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, launchBrowser, newContext, screenshot, watchErrors } from '../helpers/browser';
import { TEAM, twoAuthorsWorkspace } from '../helpers/two-authors';
import { rmWorkspace, type Workspace } from '../helpers/workspace';

const SMALL = { width: 900, height: 650 };
const [ann, bob] = TEAM;

let ws: Workspace;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = twoAuthorsWorkspace();
  fs.mkdirSync(path.join(ws.base, 'tmp'), { recursive: true });
  server = await startPreviewServer({
    rendererDir,
    root: ws.root,
    env: ws.env,
    version: '0.1.0',
    serviceOptions: { tmpdir: path.join(ws.base, 'tmp'), autoImportDelayMs: 600_000 },
  });
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
  await page.setViewportSize(SMALL);
  errors = watchErrors(page);
  await page.goto(server.url);
  await page.waitForSelector('nav[aria-label="Main"]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (ws) rmWorkspace(ws);
});

const main = () => page.locator('main');
const listed = () => main().locator('.split-list a.list-item');

/** Labels and boxes of the author and machine filters that overlap, or go past the window's edge. */
async function layoutProblems(): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const els = [...document.querySelectorAll('main .filters-compact label, main .filters-compact input, main .filters label, main .filters input')];
    const boxes = els.map((e) => [e, e.getBoundingClientRect()]);
    const out = boxes.filter(([, r]) => r.right > innerWidth + 1).map(([e]) => 'past the edge: ' + (e.textContent || e.getAttribute('placeholder')));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, r] = boxes[i], [b, q] = boxes[j];
        if (a.contains(b) || b.contains(a)) continue;
        if (r.left < q.right - 0.5 && q.left < r.right - 0.5 && r.top < q.bottom - 0.5 && q.top < r.bottom - 0.5)
          out.push('overlap: ' + (a.textContent || a.getAttribute('placeholder')) + ' / ' + (b.textContent || b.getAttribute('placeholder')));
      }
    return out;
  })()`)) as string[];
}

describe('who and where, in the app', () => {
  it('shows who made a checkpoint and where, and filters the list by author and by machine', async () => {
    await page.click('nav[aria-label="Main"] a[data-nav="checkpoints"]');
    await expect.poll(() => listed().count(), { timeout: 20_000 }).toBe(2);
    // The newest (Bob's) opens by itself, its author and machine under its title.
    const who = main().locator('[data-testid="checkpoint-who"]');
    await who.waitFor();
    expect(await who.innerText()).toBe(`Made by ${bob.name} <${bob.email}> on ${bob.machine}`);
    expect(await layoutProblems()).toEqual([]);
    await screenshot(page, 'who-where-checkpoints');

    await main().getByLabel('Author').fill('ann');
    await expect.poll(() => listed().count()).toBe(1);
    await listed().first().click();
    await expect.poll(() => who.innerText()).toBe(`Made by ${ann.name} <${ann.email}> on ${ann.machine}`);
    await screenshot(page, 'who-where-checkpoints-by-ann');

    await main().getByLabel('Machine').fill('desktop');
    await main().getByText('No checkpoint matches').waitFor();
    await main().getByLabel('Author').fill('');
    await expect.poll(() => listed().count()).toBe(1);
    await listed().first().click();
    await expect.poll(() => who.innerText()).toBe(`Made by ${bob.name} <${bob.email}> on ${bob.machine}`);
  });

  it('filters sessions to those with messages in a checkpoint by that author or on that machine', async () => {
    await page.click('nav[aria-label="Main"] a[data-nav="sessions"]');
    await expect.poll(() => listed().count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const all = await listed().count();
    // Only Ann's import read the Claude Code transcripts.
    await main().getByLabel('Author').fill('bob');
    await main().getByText('No session matches').waitFor();
    await main().getByLabel('Author').fill('');
    await main().getByLabel('Machine').fill('ann-laptop');
    await expect.poll(() => listed().count()).toBe(all);
    expect(await layoutProblems()).toEqual([]);
    await screenshot(page, 'who-where-sessions');
  });

  it('filters search hits by author and by machine', async () => {
    await page.click('nav[aria-label="Main"] a[data-nav="search"]');
    await page.fill('input[aria-label="Search messages"]', 'the');
    const count = page.locator('[data-testid="search-count"]');
    await count.waitFor({ timeout: 20_000 });
    const hits = page.locator('[data-testid="search-hit"]');
    const all = await hits.count();
    await main().getByLabel('Author').fill('Ann Archer');
    await expect.poll(() => hits.count()).toBeLessThan(all);
    const annHits = await hits.count();
    expect(annHits).toBeGreaterThan(0);
    await main().getByLabel('Machine').fill('bob-desktop');
    await main().getByText('No message matches').waitFor();
    await main().getByLabel('Author').fill('');
    await expect.poll(() => hits.count()).toBeGreaterThan(0);
    expect(await layoutProblems()).toEqual([]);
    await screenshot(page, 'who-where-search');
    expect(errors).toEqual([]);
  });
});
