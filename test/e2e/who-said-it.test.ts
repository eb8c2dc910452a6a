/**
 * Who said it, in the app: text the person never typed (a slash command, a compaction
 * summary, a session title, a sub-agent's prompt) carries its label in a checkpoint's
 * messages, in a session's thread and in search hits; search can leave it out or keep only it.
 * Real Chromium against the preview host, over a workspace imported by the real CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, screenshot } from '../helpers/browser';
import { openPreviewApp } from '../helpers/preview-app';
import { makeWorkspace, placeFile, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

const SESSION = '7a7a7a7a-1111-4222-8333-444455556666';
const at = { sessionId: SESSION, cwd: '/Users/someone/PROJECTS/app', timestamp: '2026-11-01T10:00:00.000Z' };
let k = 0;
const user = (content: string, extra: object = {}) =>
  JSON.stringify({
    ...at,
    type: 'user',
    uuid: `e${k++}`,
    parentUuid: 'x',
    message: { role: 'user', content },
    ...extra,
  });

let ws: Workspace;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: [], transcripts: false });
  const staging = path.join(ws.base, `${SESSION}.jsonl`);
  fs.writeFileSync(
    staging,
    `${[
      JSON.stringify({ type: 'summary', summary: 'Walrus release notes', leafUuid: 'e1' }),
      user('<command-name>/review</command-name>\n<command-args>walrus branch</command-args>'),
      user('walrus: what changed since yesterday?'),
      user('Summary: the walrus release was prepared.', { isCompactSummary: true }),
      JSON.stringify({
        ...at,
        type: 'assistant',
        uuid: 'e9',
        parentUuid: 'e2',
        message: {
          id: 'm9',
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'tu9', name: 'Task', input: { prompt: 'Check the walrus changelog' } },
          ],
        },
      }),
    ].join('\n')}\n`,
  );
  const projectDir = path.join(ws.claudeProjects, '-Users-someone-PROJECTS-app');
  placeFile(staging, path.join(projectDir, `${SESSION}.jsonl`));
  const agentStaging = path.join(ws.base, 'agent-walrus1.jsonl');
  fs.writeFileSync(
    agentStaging,
    `${user('Check the walrus changelog', { uuid: 'g1', parentUuid: null, isSidechain: true, agentId: 'walrus1', timestamp: '2026-11-01T10:00:01.000Z' })}\n`,
  );
  placeFile(agentStaging, path.join(projectDir, SESSION, 'subagents', 'agent-walrus1.jsonl'));
  const r = runCli(ws, ['export-dedup', '--yes', '--no-git', '--description', 'Who said it']);
  expect(r.code, r.stderr).toBe(0);
  ({ server, browser, page, errors } = await openPreviewApp(ws, rendererDir, {
    version: '0.1.0',
    clipboard: true,
  }));
  await page.goto(server.url);
  await page.waitForSelector('nav[aria-label="Main"]');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (ws) rmWorkspace(ws);
});

describe('who said it, in the app', () => {
  it('labels commands, compaction summaries and titles in a checkpoint, and plain prompts not at all', async () => {
    await page.click('nav[aria-label="Main"] a[data-nav="checkpoints"]');
    await page.waitForSelector('.detail-title >> text=Who said it');
    const feed = page.locator('[role="feed"]');
    await feed.locator('article.msg').first().waitFor();
    const card = (text: string) => feed.locator('article.msg', { hasText: text });
    expect(await card('/review walrus branch').locator('.msg-kind').innerText()).toBe('Command');
    expect(await card('the walrus release was prepared').locator('.msg-kind').innerText()).toBe(
      'Conversation compacted',
    );
    expect(await card('Walrus release notes').locator('.msg-kind').innerText()).toBe('Session title');
    expect(await card('what changed since yesterday').locator('.msg-kind').count()).toBe(0);
    expect(await feed.innerText()).not.toContain('<command-name>');
    await screenshot(page, 'who-said-it-checkpoint');
  });

  it('labels the messages of a session thread the same way, and titles the session by its summary', async () => {
    await page.click('nav[aria-label="Main"] a[data-nav="sessions"]');
    await page.waitForSelector('.list-item-title >> text=Walrus release notes');
    expect(await page.locator('.detail-title').innerText()).toBe('Walrus release notes');
    expect(await page.locator('.detail-head').innerText()).toContain('0 compactions · 1 subagent');
    const feed = page.locator('[role="feed"]');
    await feed.locator('article.msg').first().waitFor();
    const card = (text: string) => feed.locator('article.msg', { hasText: text });
    expect(await card('/review walrus branch').locator('.msg-kind').innerText()).toBe('Command');
    expect(await card('the walrus release was prepared').locator('.msg-kind').innerText()).toBe(
      'Conversation compacted',
    );
    const agent = card('Check the walrus changelog').filter({ hasText: 'subagent' });
    expect(await agent.locator('.msg-kind').innerText()).toBe('Agent prompt');
    expect(await card('what changed since yesterday').locator('.msg-kind').count()).toBe(0);
    expect(await feed.innerText()).not.toContain('<command-name>');
    await screenshot(page, 'who-said-it-session');
  });

  it('lets search leave out what the person never typed, or keep only one kind', async () => {
    await page.click('nav[aria-label="Main"] a[data-nav="search"]');
    await page.fill('input[aria-label="Search messages"]', 'walrus');
    const hits = page.locator('[data-testid="search-hit"]');
    const hit = (text: string) => hits.filter({ hasText: text });
    await hit('review').first().waitFor({ timeout: 10_000 });
    const who = page.getByLabel('Who said it');
    await who.selectOption('ordinary');
    await hit('review').waitFor({ state: 'detached', timeout: 10_000 });
    await hit('what changed since yesterday').first().waitFor({ timeout: 10_000 });
    expect(await hits.locator('.msg-kind').count()).toBe(0);
    await screenshot(page, 'who-said-it-search-ordinary');
    await who.selectOption('command');
    await hit('what changed since yesterday').waitFor({ state: 'detached', timeout: 10_000 });
    await hit('review').first().waitFor({ timeout: 10_000 });
    expect(await hits.locator('.msg-kind').allInnerTexts()).toEqual(
      Array(await hits.count()).fill('Command'),
    );
    await who.selectOption('');
  });

  it('shows the label on a search hit', async () => {
    await page.click('nav[aria-label="Main"] a[data-nav="search"]');
    await page.fill('input[aria-label="Search messages"]', 'walrus');
    const hit = page.locator('[data-testid="search-hit"]', { hasText: 'review' });
    await hit.first().waitFor({ timeout: 10_000 });
    expect(await hit.first().locator('.msg-kind').innerText()).toBe('Command');
    await screenshot(page, 'who-said-it-search');
    expect(errors).toEqual([]);
  });
});
