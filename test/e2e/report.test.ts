/**
 * Help › Report a problem in Chromium against the preview host: the report is shown in full to
 * read first, with no secret planted in the log or the settings and the home folder as ~; Copy
 * puts exactly that text on the clipboard; Save writes it to a new file in Downloads; the issue
 * link is a well-formed URL on the project's tracker; the palette opens it too; and nothing is
 * requested from the tracker (or anywhere off this machine) without the user's click.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { formatLogLine } from '../../src-main/core/log/log-line';
import { MAX_ISSUE_URL } from '../../src-main/core/report/issue-url';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, launchBrowser, newContext, screenshot, watchErrors } from '../helpers/browser';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';

const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const ANTHROPIC = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEF_-ghij';

let ws: Workspace;
let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
const offMachine: string[] = [];

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: [], transcripts: false });
  const odd = path.join(ws.home, `exports-${TOKEN}`);
  fs.mkdirSync(odd);
  fs.mkdirSync(path.join(ws.home, '.coditect'), { recursive: true });
  fs.writeFileSync(
    path.join(ws.home, '.coditect', 'settings.json'),
    JSON.stringify({ projectsRoot: ws.root, exportLocations: [odd] }),
  );
  const logFile = path.join(ws.memory, '.local', 'coditect.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(
    logFile,
    formatLogLine({
      time: new Date(),
      level: 'ERROR',
      step: 'e2e',
      message: `auth failed for ${ANTHROPIC}`,
    }) + '\n',
  );
  fs.mkdirSync(path.join(ws.base, 'tmp'));
  server = await startPreviewServer({
    rendererDir,
    root: ws.root,
    env: ws.env,
    version: '0.1.0-e2e',
    serviceOptions: { tmpdir: path.join(ws.base, 'tmp'), autoImportDelayMs: 600_000 },
  });
  browser = await launchBrowser();
  context = await newContext(browser, { origin: new URL(server.url).origin });
  page = await context.newPage();
  errors = watchErrors(page);
  const local = new URL(server.url).host;
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.host !== local && u.protocol !== 'data:') offMachine.push(r.url());
  });
  await page.goto(server.url);
  await page.waitForSelector('nav[aria-label="Main"]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (ws) rmWorkspace(ws);
});

describe('Report a problem', () => {
  it('shows the report to read first: versions, settings, doctor, log; no secret; home as ~', async () => {
    await page.click('button:has-text("Report a problem")');
    const text = page.locator('[data-testid="report-text"]');
    await text.waitFor();
    const report = await text.inputValue();
    for (const heading of ['## Versions', '## Settings', '## coditect doctor', '## Log'])
      expect(report).toContain(heading);
    expect(report).toContain('CODITECT 0.1.0-e2e (browser preview)');
    expect(report).toContain('auth failed for [REDACTED');
    for (const secret of [TOKEN, ANTHROPIC]) expect(report).not.toContain(secret);
    expect(report).not.toContain(ws.home);
    expect(await page.evaluate(`document.activeElement?.getAttribute('data-testid')`)).toBe('report-text');
    await screenshot(page, 'report-dialog');
  });

  it('copies exactly the report, and saves it as a new file in Downloads', async () => {
    const report = await page.locator('[data-testid="report-text"]').inputValue();
    await page.click('[data-testid="report-copy"]');
    await page.locator('[data-testid="report-status"] >> text=Copied').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(report);
    await page.click('[data-testid="report-save"]');
    await page.locator('[data-testid="report-status"] >> text=Saved as').waitFor();
    const saved = fs.readdirSync(ws.downloads).filter((f) => f.startsWith('coditect-report-'));
    expect(saved).toHaveLength(1);
    expect(fs.readFileSync(path.join(ws.downloads, saved[0]!), 'utf8')).toBe(report);
    // Saving again never replaces the file: it says so.
    await page.click('[data-testid="report-save"]');
    await page.locator('[data-testid="report-status"] >> text=already exists').waitFor();
  });

  it('links a well-formed prefilled issue on the project tracker, and has sent nothing', async () => {
    const href = (await page.locator('[data-testid="report-issue"]').getAttribute('href'))!;
    const url = new URL(href);
    expect(`${url.origin}${url.pathname}`).toBe(`${packageJson.bugs.url}/new`);
    expect(href.length).toBeLessThanOrEqual(MAX_ISSUE_URL);
    expect(url.searchParams.get('body')).toContain('## Versions');
    for (const secret of [TOKEN, ANTHROPIC]) expect(decodeURIComponent(href)).not.toContain(secret);
    expect(offMachine).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="report-dialog"]').waitFor({ state: 'detached' });
  });

  it("opens from the desktop app's Help menu (its app:command event)", async () => {
    server.service.ctx.events.emit('app:command', { command: 'report-problem' });
    await page.locator('[data-testid="report-text"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="report-dialog"]').waitFor({ state: 'detached' });
  });

  it('opens from the palette as a command', async () => {
    await page.keyboard.press('Control+k');
    await page.keyboard.type('>report');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="report-text"]').waitFor();
    await page.keyboard.press('Escape');
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
