/**
 * Accessibility end to end: axe-core (the engine browser extensions use) runs in Debian's
 * Chromium against every view of the renderer, served by the preview host over a real imported
 * workspace, in the light and the dark theme. Any violation fails the test, listed by rule and
 * node so the report says what to fix. The views are also driven at 900×650, the smallest
 * window the app supports, where nothing may overlap or overflow.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, launchBrowser, newContext, screenshot, watchErrors } from '../helpers/browser';
import {
  FIXTURES,
  makeWorkspace,
  placeFile,
  rmWorkspace,
  runCli,
  type Workspace,
} from '../helpers/workspace';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VIEWS = ['dashboard', 'checkpoints', 'sessions', 'search', 'log', 'repositories', 'settings'] as const;
type View = (typeof VIEWS)[number];

let ws: Workspace;
let server: PreviewServer;
let browser: Browser;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: ws.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Opens a view through the sidebar and waits for its content, as a user would see it. */
async function openView(page: Page, view: View): Promise<void> {
  await page.click(`nav[aria-label="Main"] a[data-nav="${view}"]`);
  await page.waitForSelector(`main[data-view="${view}"]`);
  if (view === 'search') {
    await page.fill('input[aria-label="Search messages"]', 'dedup');
    await page.locator('[data-testid="search-hit"]').first().waitFor();
  } else if (view === 'checkpoints') {
    // The newest checkpoint opens by itself: the second import, with duplicate messages.
    await page.locator('[role="feed"] article.msg-duplicate').first().waitFor();
  } else if (view === 'sessions') {
    await page.locator('.split-list a.list-item').filter({ hasText: 'compacted' }).first().click();
    await page.locator('[role="feed"] [data-testid="compaction"]').first().waitFor();
  } else if (view === 'repositories') {
    await page.locator('[data-testid="repo-row"]').first().waitFor();
  } else if (view === 'log') {
    await page.locator('.log-row').first().waitFor();
  } else if (view === 'dashboard') {
    await page.locator('figure.chart').waitFor();
  } else {
    await page.getByLabel('Log size (lines)').waitFor();
  }
}

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe on the page and returns its violations as readable lines ('' when there are none). */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(`typeof window.axe !== 'undefined'`))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.help}): ${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
  );
}

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: ['export-v1-macos.txt'] });
  fs.writeFileSync(
    path.join(ws.home, '.gitconfig'),
    '[user]\n\tname = CODITECT e2e\n\temail = e2e@coditect.invalid\n',
  );
  git(ws.master, 'init', '-q', '-b', 'main');
  git(ws.master, 'commit', '-q', '--allow-empty', '-m', 'Initial commit');
  const first = runCli(ws, ['export-dedup', '--yes', '--no-git', '--description', 'First import']);
  expect(first.code, first.stderr).toBe(0);
  // An overlapping export later: the second checkpoint holds duplicate messages, labelled as such.
  placeFile(
    path.join(FIXTURES, 'export-v2-linux-overlap.txt'),
    path.join(ws.downloads, 'export-v2-linux-overlap.txt'),
  );
  const second = runCli(ws, ['export-dedup', '--yes', '--no-git', '--description', 'Overlapping import']);
  expect(second.code, second.stderr).toBe(0);
  fs.mkdirSync(path.join(ws.base, 'tmp'), { recursive: true });
  server = await startPreviewServer({
    rendererDir,
    root: ws.root,
    env: ws.env,
    version: '0.1.0',
    serviceOptions: { tmpdir: path.join(ws.base, 'tmp'), autoImportDelayMs: 600_000 },
  });
  await server.service.watching();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (ws) rmWorkspace(ws);
});

describe('accessibility of every view (axe-core in Chromium)', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violation on any view in the ${theme} theme`, async () => {
      const context = await newContext(browser, { colorScheme: theme });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(server.url);
      await page.waitForSelector('nav[aria-label="Main"]');
      const found: string[] = [];
      for (const view of VIEWS) {
        await openView(page, view);
        found.push(...(await axeViolations(page)).map((v) => `${view}: ${v}`));
        await screenshot(page, `a11y-${view}-${theme}`);
      }
      await page.keyboard.press('Control+k');
      await page.locator('[role="dialog"]').waitFor();
      await page.keyboard.type('dedup');
      await page.locator('[role="dialog"] [role="option"]').first().waitFor();
      found.push(...(await axeViolations(page)).map((v) => `palette: ${v}`));
      await screenshot(page, `a11y-palette-${theme}`);
      await context.close();
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});
