/**
 * Empty, error and unavailable states in Chromium: a fresh workspace (nothing imported yet),
 * a host without git support, a checkpoint that does not exist, and the preview host going
 * away under the page. The UI says what is going on and never crashes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, launchBrowser, newContext, screenshot, watchErrors } from '../helpers/browser';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';

let ws: Workspace;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let errors: string[];
let closed = false;

async function open(hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: [], transcripts: false });
  fs.mkdirSync(path.join(ws.base, 'tmp'));
  server = await startPreviewServer({
    rendererDir,
    root: ws.root,
    env: ws.env,
    serviceOptions: { tmpdir: path.join(ws.base, 'tmp'), git: null },
  });
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
  errors = watchErrors(page);
  await page.goto(server.url);
  await page.waitForSelector('main[data-view="dashboard"]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (!closed) await server?.close();
  if (ws) rmWorkspace(ws);
});

describe('empty, error and unavailable states', () => {
  it('shows empty states before anything was imported', async () => {
    await page.locator('text=No checkpoints yet').first().waitFor();
    expect(await page.locator('section[aria-label="Totals"]').innerText()).toMatch(/Checkpoints\s+0/);
    await page.locator('text=Nothing waiting').waitFor();
    await open('#/checkpoints');
    await page.locator('.split-list >> text=No checkpoints yet').waitFor();
    await open('#/sessions');
    await page.locator('text=No sessions yet').waitFor();
    await open('#/search');
    await page.fill('input[aria-label="Search messages"]', 'anything');
    await page.locator('text=No message matches').waitFor();
    await screenshot(page, 'state-empty-search');
  });

  it('says so when git support is not available', async () => {
    await open('#/repositories');
    await page.locator('text=Git support is not available').waitFor();
    expect(await page.locator('[data-testid="repo-row"]').count()).toBe(0);
    await screenshot(page, 'state-no-git');
  });

  it('shows an error for a checkpoint that does not exist, with a retry', async () => {
    await open('#/checkpoints/no-such-checkpoint');
    const alert = page.locator('.split-detail [role="alert"]');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('not-found');
    expect(await alert.locator('button:has-text("Retry")').count()).toBe(1);
  });

  it('shows that the connection is lost when the host goes away, without crashing', async () => {
    await server.close();
    closed = true;
    await page.locator('.banner >> text=connection to the app was lost').waitFor({ timeout: 10_000 });
    await screenshot(page, 'state-disconnected');
    // Calls made while it is down come back as errors, shown in place.
    await open('#/settings');
    await page.locator('main[data-view="settings"] [role="alert"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('main[data-view="settings"] [role="alert"]').innerText()).toContain(
      'unavailable',
    );
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });
});
