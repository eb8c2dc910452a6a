/**
 * The Updates card in Chromium through the preview host: the preview never updates itself, so
 * the card says the installed app manages updates; the channel still saves (it is a setting
 * shared with the app), and "Check now" answers with that reason rather than an error.
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

const card = () => page.locator('section[aria-labelledby="settings-updates"]');

function savedSettings(): { updateChannel?: string } {
  return JSON.parse(fs.readFileSync(path.join(ws.env.CODITECT_CONFIG_DIR!, 'settings.json'), 'utf8')) as {
    updateChannel?: string;
  };
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: [], transcripts: false });
  fs.mkdirSync(path.join(ws.base, 'tmp'));
  server = await startPreviewServer({
    rendererDir,
    root: ws.root,
    env: ws.env,
    version: '0.1.0-e2e',
    serviceOptions: { tmpdir: path.join(ws.base, 'tmp'), git: null, watch: false },
  });
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
  errors = watchErrors(page);
  await page.goto(`${server.url}#/settings`);
  await page.waitForSelector('main[data-view="settings"]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (ws) rmWorkspace(ws);
});

describe('Settings: Updates', () => {
  it('shows the version and that the installed app manages updates', async () => {
    const state = card().locator('[data-testid="update-state"]');
    await state.waitFor();
    expect(await state.getAttribute('data-state')).toBe('disabled');
    expect(await state.innerText()).toContain('managed by the installed app');
    expect(await card().locator('[data-testid="update-version"]').innerText()).toBe('0.1.0-e2e');
    expect(await card().locator('[data-testid="update-last-check"]').innerText()).toBe('Never');
    expect(await card().locator('select').inputValue()).toBe('stable');
    expect(await card().locator('button:has-text("Restart to update")').count()).toBe(0);
    expect(await card().locator('[role="progressbar"]').count()).toBe(0);
  });

  it('saves the channel straight away, and it survives a reload', async () => {
    await card().getByLabel('Channel').selectOption('beta');
    await expect.poll(() => savedSettings().updateChannel, { timeout: 10_000 }).toBe('beta');
    await page.reload();
    await card().locator('[data-testid="update-state"]').waitFor();
    expect(await card().locator('select').inputValue()).toBe('beta');
    // The channel is saved on its own: the settings form has nothing unsaved.
    expect(await page.locator('button:has-text("Save settings")').isDisabled()).toBe(true);
  });

  it('"Check now" reports the disabled reason, not an error', async () => {
    await card().locator('button:has-text("Check now")').click();
    const result = card().locator('[data-testid="update-check-result"]');
    await result.waitFor();
    expect(await result.innerText()).toContain('managed by the installed app');
    expect(await card().locator('[role="alert"]').count()).toBe(0);
    expect(await card().locator('[data-testid="update-state"]').getAttribute('data-state')).toBe('disabled');
    await card().scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-updates');
    expect(errors).toEqual([]);
  });
});
