import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, REPO, rmWorkspace, type Workspace } from '../helpers/workspace';
import { electronExecutable } from './electron-runtime';

/**
 * The desktop app end to end with Playwright's `_electron`. Runs only where the Electron
 * runtime exists; elsewhere every test is reported SKIPPED (never passed) with the reason.
 */
const executable = electronExecutable();
const SKIP_REASON =
  'Electron e2e skipped: runtime not downloadable here (require("electron") names no executable)';
if (!executable) console.log(SKIP_REASON);

/** What the page's global object offers (the tests' tsconfig has no DOM types). */
interface PageGlobals {
  coditect: { invoke(channel: string, request?: unknown): Promise<unknown> };
  location: { href: string };
  open(url: string): unknown;
}

/** `window.coditect.invoke` inside the page; the function runs there, serialized. */
function invoke(channel: string, request?: unknown): Promise<unknown> {
  return page.evaluate(([c, r]) => (globalThis as unknown as PageGlobals).coditect.invoke(c as string, r), [
    channel,
    request,
  ] as const);
}

let app: ElectronApplication;
let page: Page;
let ws: Workspace;

describe.skipIf(!executable)('CODITECT desktop (Electron)', () => {
  beforeAll(async () => {
    if (!fs.existsSync(path.join(REPO, 'out', 'main', 'index.js'))) {
      const r = spawnSync(
        process.execPath,
        [path.join(REPO, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
        { cwd: REPO, encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
    }
    ws = makeWorkspace();
    app = await _electron.launch({
      executablePath: executable!,
      args: [path.join(REPO, 'out', 'main', 'index.js')],
      env: { ...ws.env, ELECTRON_RENDERER_URL: '' } as Record<string, string>,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (ws) rmWorkspace(ws);
  });

  it('loads the renderer from app://coditect with no Node in the page', async () => {
    expect(page.url()).toMatch(/^app:\/\/coditect\//);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  });

  it('exposes window.coditect with exactly the contract and answers over IPC', async () => {
    expect(await invoke('app:info')).toMatchObject({
      ok: true,
      value: { host: 'electron', projectsRoot: ws.root },
    });
    expect(await invoke('not:a-channel')).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'channel' },
    });
    expect(await invoke('fs:reveal', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-path' },
    });
    expect(await invoke('search:query', { query: 'x', extra: 1 })).toMatchObject({
      ok: false,
      error: { field: 'extra' },
    });
  });

  it('denies navigation and new windows', async () => {
    const before = page.url();
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(
      await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/') === null),
    ).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
