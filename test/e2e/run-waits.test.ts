/**
 * The Run button right after `/export` (issue 13, item 3): the run waits for the export still
 * being written, the discover step says so, and the export is imported. Real Chromium against
 * the preview host (default settle time), a file kept growing by the test as /export would.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, screenshot } from '../helpers/browser';
import { openPreviewApp } from '../helpers/preview-app';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';

let ws: Workspace;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: [], transcripts: false });
  ({ server, browser, page, errors } = await openPreviewApp(ws, rendererDir, {
    version: '0.1.0',
    clipboard: true,
  }));
  await page.goto(server.url);
  await page.waitForSelector('nav[aria-label="Main"]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (ws) rmWorkspace(ws);
});

describe('the Run button with an export written seconds ago', () => {
  it('waits for it, says so on the discover step, and imports it', async () => {
    await page.click('nav[aria-label="Main"] a[data-nav="dashboard"]');
    const file = path.join(ws.downloads, '2026-11-01-just-exported.txt');
    fs.writeFileSync(file, '> a question\n\n⏺ An answer.\n');
    await page.click('[data-testid="run-button"]');
    const detail = page.locator('[data-step="discover"] .step-detail');
    // Keep writing, as /export would, until the page says the run waits; then stop.
    let k = 0;
    for (;;) {
      const text = (await detail.count()) ? await detail.innerText() : '';
      if (text.includes('still being written')) break;
      if (await page.locator('[data-testid="run-summary"]').count()) break; // ended without saying so
      fs.appendFileSync(file, `\n> more ${k}\n\n⏺ Reply ${k}.\n`);
      k++;
      await page.waitForTimeout(200);
    }
    expect(await detail.innerText()).toBe('waiting up to 15 s for 1 export still being written');
    await screenshot(page, 'run-waits-for-export');
    const summary = page.locator('[data-testid="run-summary"]');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute('data-outcome'), await summary.innerText()).toBe('done');
    expect(fs.existsSync(file)).toBe(false); // imported, then archived
    expect(errors).toEqual([]);
  });
});
