/**
 * The set-up wizard's flow in Chromium against the preview host: it can be left at any step
 * ("Finish later" or Esc) and continues there; Next works on the pre-filled projects root
 * without "Look in this folder" first; a re-run over a set-up root passes over Install; the
 * install plan shows one marker per line; no heading is larger than the one it sits under; and
 * the preview never points at a "Choose folder…" it does not have.
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

const wizardAt = (step: string) => page.waitForSelector(`[data-testid="wizard"][data-step="${step}"]`);
const next = () => page.click('[data-testid="wizard-next"]');

/** Page function: headings whose font is larger than the heading of the level above them. */
const HEADING_ORDER = `(() => {
  const out = [];
  const above = [];
  for (const h of document.querySelectorAll('main h1, main h2, main h3, main h4')) {
    const level = Number(h.tagName[1]);
    const size = parseFloat(getComputedStyle(h).fontSize);
    above.length = level;
    const parent = above.slice(0, level).reverse().find(Boolean);
    if (parent && size > parent.size) out.push(h.textContent + ' (' + size + 'px) under ' + parent.text + ' (' + parent.size + 'px)');
    above[level] = { size, text: h.textContent };
  }
  return out;
})()`;

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: [], transcripts: false });
  // Never set up: ~/PROJECTS exists (the suggested root) but holds no CODITECT yet.
  fs.rmSync(ws.memory, { recursive: true, force: true });
  fs.mkdirSync(path.join(ws.base, 'tmp'));
  server = await startPreviewServer({
    rendererDir,
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

describe('the set-up wizard flow', () => {
  it('goes on from the pre-filled projects root with Next alone', async () => {
    await page.goto(server.url);
    await wizardAt('welcome');
    await next();
    await wizardAt('root');
    expect(await page.locator('[data-testid="root-input"]').inputValue()).toBe(ws.root);
    expect(await page.locator('[data-testid="wizard-next"]').isDisabled()).toBe(false);
    await next();
    await wizardAt('memory');
    await next();
    await wizardAt('install');
    expect(await page.locator('[data-install-step]').count()).toBeGreaterThan(0);
  });

  it('shows one marker per planned change, and no heading larger than its parent', async () => {
    const lines = await page.locator('.install-step .change-list li').allInnerTexts();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line, line).not.toMatch(/^[·✓◦•]/);
    expect(
      await page.evaluate(`getComputedStyle(document.querySelector('.change-list')).listStyleType`),
    ).toBe('"·  "');
    expect(await page.evaluate(HEADING_ORDER)).toEqual([]);
    await screenshot(page, 'wizard-install-plan');
    await page.click('[data-testid="install-run"]');
    await page.waitForSelector('[data-testid="install-done"]', { timeout: 30_000 });
    // Install is replaced by Next: focus goes there, not to the page body.
    await expect
      .poll(() => page.evaluate(`document.activeElement?.getAttribute('data-testid')`))
      .toBe('wizard-next');
    expect(
      await page.evaluate(
        `getComputedStyle(document.querySelector('.install-done .change-list')).listStyleType`,
      ),
    ).toBe('"✓  "');
    await screenshot(page, 'wizard-install-done');
  });

  it('can be left with "Finish later" and continues at the same step', async () => {
    await next();
    await wizardAt('license');
    await page.click('[data-testid="wizard-leave"]');
    await page.waitForSelector('main[data-view="dashboard"]');
    await page.goto(`${server.url}#/onboarding`);
    await page.reload();
    await wizardAt('license');
    await screenshot(page, 'wizard-resumed');
  });

  it('can be left with Esc at any step', async () => {
    await page.click('[data-testid="wizard-skip"]');
    await wizardAt('identity');
    await page.keyboard.press('Escape');
    await page.waitForSelector('main[data-view="dashboard"]');
    await page.goto(`${server.url}#/onboarding`);
    await wizardAt('identity');
  });

  it('passes over Install on a re-run over a root already set up', async () => {
    // Back to the root step and on: the plan has nothing left to do.
    for (const step of ['license', 'install', 'memory', 'root']) {
      await page.click('.wizard-nav button:has-text("Back")');
      await wizardAt(step);
    }
    await next();
    await wizardAt('license');
    await page.click('.wizard-nav button:has-text("Back")');
    await wizardAt('install');
    const statuses = await page.$$eval('[data-install-step]', (els) =>
      els.map((e) => e.getAttribute('data-status')),
    );
    expect(new Set(statuses)).toEqual(new Set(['done']));
    expect(await page.locator('.install-step').allInnerTexts()).not.toContainEqual(
      expect.stringMatching(/to do|Nothing to do\./),
    );
    await screenshot(page, 'wizard-rerun-install');
  });

  it("shows the plan's sections above the step names under them, below the step title", async () => {
    for (const step of ['memory', 'root']) {
      await page.click('.wizard-nav button:has-text("Back")');
      await wizardAt(step);
    }
    await page.locator('[data-testid="root-input"]').fill(path.join(ws.home, 'new-projects'));
    await page.click('[data-testid="root-look"]');
    await page.waitForSelector('[data-testid="planned-changes"] .step-name');
    const sizes = (await page.evaluate(`(() => {
      const px = (e) => parseFloat(getComputedStyle(e).fontSize);
      return {
        title: px(document.querySelector('h1')),
        sections: [...document.querySelectorAll('.plan h2')].map(px),
        names: [...document.querySelectorAll('.plan-steps .step-name')].map(px),
      };
    })()`)) as { title: number; sections: number[]; names: number[] };
    expect(sizes.names.length).toBeGreaterThan(0);
    for (const section of sizes.sections) {
      expect(section).toBeLessThan(sizes.title);
      for (const name of sizes.names) expect(name).toBeLessThan(section);
    }
    await screenshot(page, 'wizard-root-plan');
    await page.click('[data-testid="wizard-next"]');
    await wizardAt('memory');
  });

  it('in the browser preview, never points at a "Choose folder…" it lacks', async () => {
    for (const step of ['root']) {
      await page.click('.wizard-nav button:has-text("Back")');
      await wizardAt(step);
    }
    await page.locator('[data-testid="root-input"]').fill('/etc');
    await page.click('[data-testid="root-look"]');
    const error = page.locator('.field-error');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toMatch(/^Must be inside your home folder/);
    expect(await page.locator('[data-testid="wizard"]').innerText()).not.toContain('Choose folder');
    await screenshot(page, 'wizard-root-refused');
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
