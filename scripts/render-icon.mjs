#!/usr/bin/env node
// Renders build/icon.svg to build/icon.png (1024×1024, transparent corners) in Chromium, the
// one PNG electron-builder needs to make the macOS .icns, the Windows .ico and the Linux set.
// Run after changing the SVG: `node scripts/render-icon.mjs` (needs /usr/bin/chromium or CHROMIUM).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = fs.readFileSync(path.join(root, 'build', 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(root, 'build', 'icon.png'), omitBackground: true });
  console.log('wrote build/icon.png');
} finally {
  await browser.close();
}
