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
const LONG_SUBJECT =
  'Import the sessions of the whole quarter, deduplicate them against the memory and write one checkpoint per project with its sources';
const SMALL = { width: 900, height: 650 };

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

/** Page function: headings whose font is larger than the heading of the level above them. */
const HEADING_ORDER = `(() => {
  const out = [];
  const above = [];
  for (const h of document.querySelectorAll('main h1, main h2, main h3, main h4, [role="dialog"] h2')) {
    const level = Number(h.tagName[1]);
    const size = parseFloat(getComputedStyle(h).fontSize);
    above.length = level;
    const parent = above.slice(0, level).reverse().find(Boolean);
    if (parent && size > parent.size) out.push(h.textContent + ' (' + size + 'px) under ' + parent.text + ' (' + parent.size + 'px)');
    above[level] = { size, text: h.textContent };
  }
  return out;
})()`;

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
  // A long subject, as people write them: the Repositories table must not grow wide for it.
  git(ws.master, 'commit', '-q', '--allow-empty', '-m', LONG_SUBJECT);
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
        found.push(...((await page.evaluate(HEADING_ORDER)) as string[]).map((h) => `${view}: heading ${h}`));
        await screenshot(page, `a11y-${view}-${theme}`);
      }
      // The set-up wizard is a view too: its first steps, with the plan of the projects root.
      await page.goto(`${server.url}#/onboarding`);
      await page.waitForSelector('[data-testid="wizard"][data-step="welcome"]');
      found.push(...(await axeViolations(page)).map((v) => `wizard welcome: ${v}`));
      await page.click('[data-testid="wizard-next"]');
      await page.click('[data-testid="root-look"]');
      await page.waitForSelector('[data-testid="setup-plan"]');
      found.push(...(await axeViolations(page)).map((v) => `wizard root: ${v}`));
      found.push(
        ...((await page.evaluate(HEADING_ORDER)) as string[]).map((h) => `wizard root: heading ${h}`),
      );
      await screenshot(page, `a11y-wizard-root-${theme}`);
      await page.click('[data-testid="wizard-leave"]');
      await page.waitForSelector('main[data-view="dashboard"]');
      await page.keyboard.press('Control+k');
      await page.locator('[role="dialog"]').waitFor();
      await page.keyboard.type('dedup');
      await page.locator('[role="dialog"] [role="option"]').first().waitFor();
      found.push(...(await axeViolations(page)).map((v) => `palette: ${v}`));
      await screenshot(page, `a11y-palette-${theme}`);
      await page.keyboard.press('Escape');
      await page.click('button:has-text("Report a problem")');
      await page.locator('[data-testid="report-text"]').waitFor();
      found.push(...(await axeViolations(page)).map((v) => `report: ${v}`));
      await page.keyboard.press('Escape');
      await context.close();
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
});

/** Page function (a string: the Node project has no DOM types): pairs of boxes that overlap. */
const OVERLAPS = `(sel) => {
  const boxes = [...document.querySelectorAll(sel)].map((e) => [e, e.getBoundingClientRect()]);
  const out = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, r] = boxes[i], [b, q] = boxes[j];
      if (r.left < q.right - 0.5 && q.left < r.right - 0.5 && r.top < q.bottom - 0.5 && q.top < r.bottom - 0.5)
        out.push((a.textContent || '').trim() + ' / ' + (b.textContent || '').trim());
    }
  return out;
}`;

describe('every view at 900×650', () => {
  it('lays out without overflow or overlap, and truncates long commit subjects', async () => {
    const context = await newContext(browser, { colorScheme: 'light' });
    const page = await context.newPage();
    await page.setViewportSize(SMALL);
    const errors = watchErrors(page);
    await page.goto(server.url);
    await page.waitForSelector('nav[aria-label="Main"]');
    const problems: string[] = [];
    for (const view of VIEWS) {
      await openView(page, view);
      const wide = (await page.evaluate(
        `[...document.querySelectorAll('main input, main select, main button, main label, main th, main h1, main h2')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1).map((e) => e.tagName + ' ' + (e.textContent || e.getAttribute('aria-label') || '').trim())`,
      )) as string[];
      problems.push(...wide.map((w) => `${view}: ${w} goes past the window's right edge`));
      await screenshot(page, `small-${view}`);
    }
    // Search's filters wrap instead of overlapping.
    await openView(page, 'search');
    const filters = (await page.evaluate(
      `(${OVERLAPS})('.filters label, .filters input, .filters select, .filters button')`,
    )) as string[];
    problems.push(...filters.map((f) => `search filters overlap: ${f}`));
    // The checkpoint's Sources table keeps its headers apart, each readable in full.
    await openView(page, 'checkpoints');
    const heads = (await page.evaluate(
      `[...document.querySelectorAll('details table th')].filter((th) => th.scrollWidth > th.clientWidth).map((th) => th.textContent)`,
    )) as string[];
    problems.push(...heads.map((h) => `sources header cut or overlapping: ${h}`));
    // Repositories: the long subject is cut with an ellipsis and told in full by a tooltip.
    await openView(page, 'repositories');
    const subject = page.locator('[data-testid="repo-row"] [title]', { hasText: LONG_SUBJECT.slice(0, 30) });
    expect(await subject.getAttribute('title')).toBe(LONG_SUBJECT);
    const cut = await page.evaluate(`(() => {
      const e = document.querySelector('[data-testid="repo-row"] [title="${LONG_SUBJECT}"]');
      return { overflow: getComputedStyle(e).textOverflow, cut: e.scrollWidth > e.clientWidth };
    })()`);
    expect(cut).toEqual({ overflow: 'ellipsis', cut: true });
    await screenshot(page, 'small-repositories-subject');
    // The wizard too: its steps, the plan of the root, and its buttons within the window.
    await page.goto(`${server.url}#/onboarding`);
    await page.click('[data-testid="wizard-next"]');
    await page.click('[data-testid="root-look"]');
    await page.waitForSelector('[data-testid="setup-plan"]');
    const wizardWide = (await page.evaluate(
      `[...document.querySelectorAll('[data-testid="wizard"] button, [data-testid="wizard"] input, [data-testid="wizard"] li, [data-testid="wizard"] h1')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1).map((e) => e.tagName + ' ' + (e.textContent || '').trim())`,
    )) as string[];
    problems.push(...wizardWide.map((w) => `wizard: ${w} goes past the window's right edge`));
    await screenshot(page, 'small-wizard-root');
    await page.click('[data-testid="wizard-leave"]');
    await context.close();
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});
