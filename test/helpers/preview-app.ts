import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import type { ServiceOptions } from '../../src-main/ipc/service';
import { launchBrowser, newContext, watchErrors } from './browser';
import type { Workspace } from './workspace';

export interface PreviewApp {
  server: PreviewServer;
  browser: Browser;
  page: Page;
  /** Page and console errors seen so far. */
  errors: string[];
}

/**
 * What the browser tests share: the preview host over a workspace (its own temp folder, no
 * auto-import during the test), Chromium, one page watched for errors. Where the page goes
 * first is each test's own.
 */
export async function openPreviewApp(
  ws: Workspace,
  rendererDir: string,
  o: {
    version?: string;
    serviceOptions?: Partial<ServiceOptions>;
    colorScheme?: 'light' | 'dark';
    /** Let the page read and write the clipboard (Copy buttons). */
    clipboard?: boolean;
  } = {},
): Promise<PreviewApp> {
  const tmpdir = path.join(ws.base, 'tmp');
  fs.mkdirSync(tmpdir, { recursive: true });
  const server = await startPreviewServer({
    rendererDir,
    root: ws.root,
    env: ws.env,
    version: o.version ?? '0.1.0-e2e',
    serviceOptions: { tmpdir, autoImportDelayMs: 600_000, ...o.serviceOptions },
  });
  const browser = await launchBrowser();
  const origin = o.clipboard ? new URL(server.url).origin : undefined;
  const page = await (await newContext(browser, { colorScheme: o.colorScheme, origin })).newPage();
  return { server, browser, page, errors: watchErrors(page) };
}
