/**
 * Settings as a form people trust, in Chromium against the preview host: each error beside its
 * field in plain words; a Save bar in view however far the page scrolls; edits kept when the user
 * leaves the page and comes back; cards filling a wide window's columns; placeholders never cut
 * off; deactivating the license asks first; the "stored unencrypted" notice said once, in words;
 * a pasted non-key explained to a buyer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, screenshot } from '../helpers/browser';
import { openPreviewApp } from '../helpers/preview-app';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { issue, testPair } from '../unit/license/keys';

const pair = testPair();
const good = issue(pair.privateKey, {
  org: 'Acme Robotics',
  issued: new Date(Date.now() - 86_400_000),
  expires: new Date(Date.now() + 365 * 86_400_000),
});

let ws: Workspace;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let errors: string[];

const keyFile = () => path.join(ws.home, '.coditect', 'license.key');
const licenseCard = () => page.locator('section[aria-labelledby="settings-license"]');

async function openSettings(): Promise<void> {
  await page.click('nav[aria-label="Main"] a[data-nav="settings"]');
  await page.getByLabel('Log size (lines)').waitFor();
}

/** Page function: inputs whose placeholder is wider than the room the input gives it. */
const CUT_PLACEHOLDERS = `(() => {
  const ctx = document.createElement('canvas').getContext('2d');
  return [...document.querySelectorAll('main input[placeholder], main textarea[placeholder]')]
    .filter((el) => el.offsetParent !== null)
    .filter((el) => {
      const cs = getComputedStyle(el);
      ctx.font = cs.font;
      const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      const widest = Math.max(...el.placeholder.split('\\n').map((l) => ctx.measureText(l).width));
      return widest > room + 1;
    })
    .map((el) => el.placeholder);
})()`;

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: [], transcripts: false });
  const pem = path.join(ws.base, 'license-public-key.pem');
  fs.writeFileSync(pem, pair.publicKeyPem);
  Object.assign(ws.env, { CODITECT_LICENSE_PUBLIC_KEY: pem, CODITECT_LICENSE_SERVER: '' });
  ({ server, browser, page, errors } = await openPreviewApp(ws, rendererDir));
  await page.goto(`${server.url}#/settings`);
  await page.getByLabel('Log size (lines)').waitFor();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (ws) rmWorkspace(ws);
});

describe('Settings forms', () => {
  it('shows each error beside its field in plain words, never a code name', async () => {
    await page.getByLabel('Log size (lines)').fill('50');
    await page.getByLabel('Projects root').fill('/etc');
    await page.click('button:has-text("Save settings")');
    const logField = page.locator('.field', { has: page.getByLabel('Log size (lines)') });
    await expect
      .poll(() => logField.locator('.field-error').innerText())
      .toBe('Enter a number of lines from 100 to 1,000,000.');
    await page.getByLabel('Log size (lines)').fill('5000');
    await page.click('button:has-text("Save settings")');
    const rootField = page.locator('.field', { has: page.getByLabel('Projects root') });
    const rootError = await rootField.locator('.field-error').innerText();
    expect(rootError).toMatch(/^[A-Z][^:]*\.$/);
    expect(rootError).not.toMatch(/projectsRoot|expected|Too small/);
    await screenshot(page, 'settings-plain-errors');
    await page.getByLabel('Projects root').fill(ws.root);
    // A location that does not exist: named as the user counts them, in words.
    await page.click('button:has-text("Add location")');
    await page.getByLabel('Export location 1', { exact: true }).fill(path.join(ws.home, 'no-such-folder'));
    await page.click('button:has-text("Save settings")');
    const locations = page.locator('fieldset', { hasText: 'Export locations' });
    await expect
      .poll(() => locations.locator('.field-error').innerText())
      .toBe('Export location 1: no such file or folder.');
    await page.click('button[aria-label="Remove export location 1"]');
    await page.click('button:has-text("Save settings")');
    await page.locator('.form-actions >> text=Saved.').waitFor();
  });

  it('keeps the Save bar in view wherever the page is scrolled', async () => {
    await page.getByLabel('Log size (lines)').fill('6000');
    for (const top of ['0', 'document.getElementById("main").scrollHeight']) {
      await page.evaluate(`document.getElementById('main').scrollTop = ${top}`);
      const box = await page.locator('button:has-text("Save settings")').boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y + box!.height).toBeLessThanOrEqual(800);
      expect(box!.y).toBeGreaterThanOrEqual(0);
    }
    await page.evaluate(`document.getElementById('main').scrollTop = 0`);
    await screenshot(page, 'settings-save-bar');
  });

  it('keeps unsaved edits when the user leaves the page and comes back', async () => {
    await page.click('nav[aria-label="Main"] a[data-nav="dashboard"]');
    await page.waitForSelector('main[data-view="dashboard"]');
    await openSettings();
    expect(await page.getByLabel('Log size (lines)').inputValue()).toBe('6000');
    await page.locator('[data-testid="settings-unsaved"]').waitFor();
    await page.click('button:has-text("Save settings")');
    await page.locator('.form-actions >> text=Saved.').waitFor();
    const saved = JSON.parse(fs.readFileSync(path.join(ws.home, '.coditect', 'settings.json'), 'utf8')) as {
      logMaxLines: number;
    };
    expect(saved.logMaxLines).toBe(6000);
  });

  it('uses the width of a wide window and cuts no placeholder off', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const cards = (await page.evaluate(
      `[...document.querySelectorAll('.settings-cards > .card')].map((c) => { const r = c.getBoundingClientRect(); return { left: Math.round(r.left), bottom: r.bottom, height: r.height }; })`,
    )) as { left: number; bottom: number; height: number }[];
    const columns = new Map<number, number>();
    for (const c of cards) columns.set(c.left, Math.max(columns.get(c.left) ?? 0, c.bottom));
    expect(columns.size).toBeGreaterThanOrEqual(2);
    const depths = [...columns.values()];
    const tallest = Math.max(...cards.map((c) => c.height));
    // Balanced columns: unbreakable cards leave at most one card (and its 16 px gap) of difference.
    expect(Math.max(...depths) - Math.min(...depths)).toBeLessThanOrEqual(tallest + 16);
    expect(await page.evaluate(CUT_PLACEHOLDERS)).toEqual([]);
    await screenshot(page, 'settings-wide');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.evaluate(CUT_PLACEHOLDERS)).toEqual([]);
  });

  it('says a license server problem beside its field, without the field code name', async () => {
    await licenseCard().locator('summary:has-text("License server")').click();
    await licenseCard().getByLabel('Server URL').fill('ftp://licenses.example.com');
    await licenseCard().getByLabel('Server public key').fill('abc');
    await licenseCard().locator('button:has-text("Save server")').click();
    const urlField = licenseCard().locator('.field', { has: page.getByLabel('Server URL') });
    const text = await urlField.locator('.field-error').innerText();
    expect(text).toMatch(/^[A-Z]/);
    expect(text).not.toMatch(/licenseServer|url:/);
    await licenseCard().getByLabel('Server URL').fill('');
    await licenseCard().getByLabel('Server public key').fill('');
    await licenseCard().locator('summary:has-text("License server")').click();
  });

  it('explains a pasted non-key in words a buyer understands', async () => {
    const key = licenseCard().getByLabel('License key', { exact: true });
    await key.fill('hello, this is my key');
    await licenseCard().locator('button:has-text("Check key")').click();
    const sentence = licenseCard().locator('[data-testid="license-sentence"]');
    await sentence.waitFor();
    expect(await sentence.innerText()).toMatch(
      /^This is not a CODITECT license key\. Keys start with key\/ and are one long line/,
    );
    expect(await sentence.innerText()).not.toContain('….…');
  });

  it('says "stored unencrypted" once, in words, and asks before deactivating', async () => {
    await licenseCard().getByLabel('License key', { exact: true }).fill(good.key);
    await licenseCard().locator('button:has-text("Activate")').click();
    await licenseCard().locator('[data-testid="license-details"][data-state="valid"]').first().waitFor();
    await expect.poll(() => licenseCard().locator('[data-testid="license-unencrypted"]').count()).toBe(1);
    const text = await licenseCard().innerText();
    expect(text.match(/unencrypted/gi)?.length).toBe(1);
    expect(text).not.toMatch(/[A-Z]+_[A-Z_]+=/);
    await screenshot(page, 'settings-license-unencrypted');

    await licenseCard().locator('[data-testid="deactivate-license"]').click();
    const dialog = licenseCard().locator('[role="alertdialog"]');
    await dialog.waitFor();
    expect(await page.evaluate(`document.activeElement?.getAttribute('data-testid')`)).toBe(
      'confirm-deactivate',
    );
    await screenshot(page, 'settings-license-confirm');
    // Nothing happens before the confirmation; Esc cancels.
    expect(fs.existsSync(keyFile())).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(fs.existsSync(keyFile())).toBe(true);
    await licenseCard().locator('[data-testid="deactivate-license"]').click();
    await licenseCard().locator('[data-testid="confirm-deactivate"]').click();
    await licenseCard().locator('[data-testid="license-unlicensed"]').waitFor();
    expect(fs.existsSync(keyFile())).toBe(false);
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
