/**
 * Debian's Chromium driven by playwright-core, for the browser tests and the renderer bench.
 * There is no silent skip: without /usr/bin/chromium (or $CODITECT_CHROMIUM) this throws, and
 * the suite fails saying how to install it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { newestMtime, withBuildLock } from './build-lock';
import zlib from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CODITECT_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const VIEWPORT = { width: 1280, height: 800 };

export const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-output', 'screenshots');

export function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the browser tests need it. Install it with ` +
        '`apt-get install -y chromium` (.ci/run does), or point $CODITECT_CHROMIUM at a Chromium binary.',
    );
}

export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export async function newContext(
  browser: Browser,
  opts: { colorScheme?: 'light' | 'dark'; origin?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    colorScheme: opts.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  if (opts.origin)
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: opts.origin });
  return context;
}

/** Collects page errors and console errors, so a test can assert the UI never crashed. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const RENDERER_DIR = path.join(REPO_ROOT, 'out', 'renderer');

/** True when out/renderer is missing or older than a renderer source file. */
export function rendererStale(): boolean {
  const index = path.join(RENDERER_DIR, 'index.html');
  if (!fs.existsSync(index)) return true;
  return newestMtime(path.join(REPO_ROOT, 'src-renderer')) > fs.statSync(index).mtimeMs;
}

/**
 * Builds the renderer (electron-vite build) when it is missing or stale. Test files run in
 * parallel processes: a lock directory makes the others wait for the one build.
 */
export async function ensureRendererBuilt(): Promise<string> {
  await withBuildLock(async () => {
    if (!rendererStale()) return;
    const { buildRenderer } = await import('../../src-main/preview/renderer-build');
    const output: string[] = [];
    await buildRenderer((line) => output.push(line)).catch((err: Error) => {
      throw new Error(`${err.message}\n${output.join('\n')}`);
    });
  });
  return RENDERER_DIR;
}

/** Gzipped bytes of the JavaScript the renderer's index.html loads at start-up (and what it imports). */
export function startupJsGzipBytes(rendererDir = RENDERER_DIR): {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
} {
  const html = fs.readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const queue = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  const seen = new Set<string>();
  let rawBytes = 0;
  let gzipBytes = 0;
  while (queue.length) {
    const ref = queue.shift()!;
    const file = path.join(rendererDir, ref.replace(/^\.?\//, ''));
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    const buf = fs.readFileSync(file);
    rawBytes += buf.length;
    gzipBytes += zlib.gzipSync(buf, { level: 9 }).length;
    // Static imports of other chunks load at start-up too (dynamic import() ones do not).
    const dir = path.dirname(ref);
    for (const m of buf
      .toString('utf8')
      .matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g))
      queue.push(path.posix.join(dir, m[1]!));
  }
  return { files: [...seen].map((f) => path.relative(rendererDir, f)), rawBytes, gzipBytes };
}
