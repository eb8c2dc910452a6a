/**
 * The set-up wizard end to end: Chromium (playwright-core) against the preview host, over a
 * throw-away HOME where CODITECT was never set up. The wizard opens by itself, turns a fresh
 * projects root into a working set-up (checked on disk), shows a bad key's reason and a good
 * key's organisation, tier and expiry, sets the commit identity, runs the first import, and
 * "Remove CODITECT set-up" in Settings then removes what set-up made and keeps the user's data.
 * A screenshot of every wizard step goes to test-output/screenshots/.
 *
 * The license keys are issued with a key pair made here; the preview host gets its public key
 * through CODITECT_LICENSE_PUBLIC_KEY. No private key is shipped or stored.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, launchBrowser, newContext, screenshot, watchErrors } from '../helpers/browser';
import { FIXTURES, makeWorkspace, placeFile, rmWorkspace, type Workspace } from '../helpers/workspace';
import { issue, testPair } from '../unit/license/keys';

const DAY = 86_400_000;
const pair = testPair();
const now = Date.now();
const good = issue(pair.privateKey, {
  org: 'Acme Robotics',
  tier: 'team',
  seats: 10,
  issued: new Date(now - DAY),
  expires: new Date(now + 365 * DAY),
});
const expired = issue(pair.privateKey, {
  issued: new Date(now - 400 * DAY),
  expires: new Date(now - 10 * DAY),
});
const forged = issue(testPair().privateKey, { issued: new Date(now - DAY) });

let ws: Workspace;
let root: string;
/** The memory repository the user names in the wizard's memory step: never the root itself. */
let memRepo: string;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let errors: string[];

const wizardAt = (step: string) => page.waitForSelector(`[data-testid="wizard"][data-step="${step}"]`);
const next = () => page.click('[data-testid="wizard-next"]');
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: ws.env, encoding: 'utf8' }).trim();

beforeAll(async () => {
  const rendererDir = await ensureRendererBuilt();
  ws = makeWorkspace({ exports: [], transcripts: true });
  // A machine CODITECT was never set up on: no ~/PROJECTS, no settings, no manifest.
  fs.rmSync(ws.root, { recursive: true, force: true });
  placeFile(path.join(FIXTURES, 'export-v1-macos.txt'), path.join(ws.downloads, 'export-v1-macos.txt'));
  // The projects root the user picks: two repositories already live there.
  root = path.join(ws.home, 'work', 'code');
  memRepo = path.join(root, 'team-memory');
  for (const repo of ['app-one', 'app-two']) {
    fs.mkdirSync(path.join(root, repo), { recursive: true });
    git(path.join(root, repo), 'init', '-q');
  }
  fs.writeFileSync(path.join(root, 'app-one', 'README.md'), 'my project\n');
  const keyFile = path.join(ws.base, 'license-public-key.pem');
  fs.writeFileSync(keyFile, pair.publicKeyPem);
  Object.assign(ws.env, {
    CODITECT_LICENSE_PUBLIC_KEY: keyFile,
    CODITECT_LICENSE_SERVER: '',
    // Only the identity the wizard sets counts (no /etc/gitconfig, no ~/.config/git).
    GIT_CONFIG_NOSYSTEM: '1',
    XDG_CONFIG_HOME: path.join(ws.home, '.config'),
  });
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

describe('the set-up wizard in Chromium', () => {
  it('opens by itself on a first run and says what it will do', async () => {
    await page.goto(server.url);
    await wizardAt('welcome');
    expect(await page.locator('ol[aria-label="Set-up steps"] li').allInnerTexts()).toEqual([
      '1\nWelcome',
      '2\nProjects root',
      '3\nMemory repository',
      '4\nInstall CODITECT',
      '5\nLicense',
      '6\nGit identity',
      '7\nFirst import',
      '8\nDone',
    ]);
    await screenshot(page, 'onboarding-1-welcome');
    await next();
    await wizardAt('root');
  });

  it('Projects root: refuses a folder outside the home, lists the repositories found and what will be created', async () => {
    const input = page.locator('[data-testid="root-input"]');
    expect(await input.inputValue()).toBe(path.join(ws.home, 'PROJECTS'));
    await input.fill('/etc');
    await page.click('[data-testid="root-look"]');
    await page.waitForSelector('text=must be inside your home folder');
    expect(await page.locator('[data-testid="setup-plan"]').count()).toBe(0);
    expect(await page.locator('[data-testid="wizard-next"]').isDisabled()).toBe(true);
    await input.fill(root);
    await page.click('[data-testid="root-look"]');
    await page.waitForSelector('[data-testid="setup-plan"]');
    expect(await page.locator('[data-testid="repos-found"] li').allInnerTexts()).toEqual([
      'app-one repository',
      'app-two repository',
    ]);
    const planned = await page.locator('[data-testid="planned-changes"]').innerText();
    expect(planned).toContain(`create a git repository in ${path.join(root, 'coditect-memory')} (git init)`);
    expect(planned).toContain(path.join(root, 'coditect-memory', 'MEMORY-CONTEXT', 'dedup_state'));
    expect(planned).toContain(path.join(ws.home, '.claude', 'commands', 'export-dedup.md'));
    // Planning changed nothing.
    expect(fs.existsSync(path.join(root, 'MEMORY-CONTEXT'))).toBe(false);
    await screenshot(page, 'onboarding-2-root');
    await next();
    await wizardAt('memory');
  });

  it('Memory repository: a new repository under the root by default, its name editable; the root is never one', async () => {
    expect(await page.locator('[data-testid="memory-mode-new"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="memory-plan"]').innerText()).toContain(
      path.join(root, 'coditect-memory'),
    );
    await page.locator('[data-testid="memory-name"]').fill('team memory');
    await page.click('[data-testid="memory-use"]');
    await page.waitForSelector('[data-testid="memory-problem"]');
    expect(await page.locator('[data-testid="memory-problem"]').innerText()).toContain(
      '"team memory" cannot be the memory repository\'s folder name',
    );
    expect(await page.locator('[data-testid="wizard-next"]').isDisabled()).toBe(true);
    await page.locator('[data-testid="memory-name"]').fill('team-memory');
    await page.click('[data-testid="memory-use"]');
    await page.waitForSelector(`[data-testid="memory-plan"]:has-text("${memRepo}")`);
    expect(await page.locator('[data-testid="memory-problem"]').count()).toBe(0);
    expect(fs.existsSync(memRepo)).toBe(false);
    await screenshot(page, 'onboarding-3-memory');
    await next();
    await wizardAt('install');
  });

  it('Install CODITECT: runs each step and shows each change', async () => {
    await page.click('[data-testid="install-run"]');
    await page.waitForSelector('[data-testid="install-done"]', { timeout: 30_000 });
    const statuses = await page.$$eval('[data-install-step]', (els) =>
      els.map((e) => `${e.getAttribute('data-install-step')}:${e.getAttribute('data-status')}`),
    );
    expect(statuses).toEqual([
      'projects-root:done',
      'memory-repo:done',
      'memory-layout:done',
      'gitignore:done',
      'settings:done',
      'slash-command:done',
    ]);
    const repoStep = await page.locator('[data-install-step="memory-repo"]').innerText();
    expect(repoStep).toContain(`Create a git repository in ${memRepo} (git init)`);
    expect(fs.existsSync(path.join(root, '.git'))).toBe(false);
    expect(await page.locator('[data-install-step="settings"]').innerText()).toContain(
      `Set projectsRoot to ${root}`,
    );
    await screenshot(page, 'onboarding-4-install');
    await next();
    await wizardAt('license');
  });

  it('License: a bad key shows its reason; a good key shows org, tier and expiry, and is stored (unencrypted, said so)', async () => {
    const key = page.getByLabel('License key', { exact: true });
    const sentence = page.locator('[data-testid="license-sentence"]');
    await key.fill(forged.key);
    await page.click('button:has-text("Check key")');
    await sentence.waitFor();
    expect(await sentence.innerText()).toBe(
      'This key was not signed by CODITECT: it has been altered or is not genuine.',
    );
    await key.fill(expired.key);
    await page.click('button:has-text("Check key")');
    await page.waitForSelector('[data-testid="license-details"][data-state="expired"]');
    expect(await sentence.innerText()).toContain(`expired on ${expired.license.expires!.slice(0, 10)}`);
    await key.fill('not a key at all');
    await page.click('button:has-text("Check key")');
    await page.waitForSelector('[data-testid="license-details"][data-state="malformed"]');
    expect(await sentence.innerText()).toMatch(/^This is not a CODITECT license key/);
    expect(await page.locator('[data-testid="wizard-next"]').isDisabled()).toBe(true);
    await screenshot(page, 'onboarding-5-license-bad-key');

    await key.fill(good.key);
    await page.click('button:has-text("Check key")');
    await page.waitForSelector('[data-testid="license-details"][data-state="valid"]');
    expect(await page.locator('[data-testid="license-org"]').innerText()).toBe('Acme Robotics');
    expect(await page.locator('[data-testid="license-tier"]').innerText()).toBe('team');
    expect(await page.locator('[data-testid="license-expires"]').innerText()).toBe(
      good.license.expires!.slice(0, 10),
    );
    // Checked only: nothing stored yet.
    expect(fs.existsSync(path.join(ws.home, '.coditect', 'license.key'))).toBe(false);
    await screenshot(page, 'onboarding-5-license');
    // One action stores the key and moves on (Settings › License then says how it is stored).
    await page.click('[data-testid="wizard-next"]:has-text("Activate and continue")');
    await wizardAt('identity');
    expect(fs.readFileSync(path.join(ws.home, '.coditect', 'license.key'), 'utf8').trim()).toBe(good.key);
  });

  it('Git identity: none is set, so the wizard sets one for the memory repository', async () => {
    await page.waitForSelector('[data-testid="identity-missing"]');
    await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await page.getByLabel('Email', { exact: true }).fill('ada@example.com');
    await screenshot(page, 'onboarding-6-identity');
    // One action: "Save and continue".
    await page.click('[data-testid="identity-save"]');
    await wizardAt('import');
    expect(git(memRepo, 'config', '--local', 'user.email')).toBe('ada@example.com');
    expect(fs.existsSync(path.join(ws.home, '.gitconfig'))).toBe(false);
  });

  it('First import: says which exports will be moved and where, and offers to copy them instead', async () => {
    const exportPath = path.join(ws.downloads, 'export-v1-macos.txt');
    const moved = page.locator('[data-testid="archive-moved"]');
    await moved.waitFor();
    expect(await moved.innerText()).toContain(exportPath);
    const plan = page.locator('[data-testid="archive-plan"]');
    expect(await plan.innerText()).toMatch(/will be moved\s+into \S*exports-archive after the import/);
    const keep = page.getByLabel('Keep the originals (copy them into the archive instead of moving them)');
    await keep.check();
    await page.locator('[data-testid="archive-kept"]').waitFor();
    expect(await page.locator('[data-testid="archive-kept"]').innerText()).toContain(
      `${exportPath} — you chose to keep originals (archive by copy)`,
    );
    await page.locator('[data-testid="archive-none-moved"]').waitFor();
    const settings = () =>
      JSON.parse(fs.readFileSync(path.join(ws.home, '.coditect', 'settings.json'), 'utf8'));
    expect(settings().archiveMode).toBe('copy');
    await screenshot(page, 'onboarding-7-archive-plan');
    // Back to the default for the import that follows: the export is moved.
    await keep.uncheck();
    await moved.waitFor();
    expect(settings().archiveMode).toBe('move');
  });

  it('First import: scans, imports and commits with progress to the end', async () => {
    await page.click('[data-testid="import-start"]');
    const summary = page.locator('[data-testid="import-summary"]');
    await summary.waitFor({ timeout: 90_000 });
    expect(await summary.getAttribute('data-outcome'), await summary.innerText()).toBe('done');
    const steps = await page.$$eval('[data-testid="import-progress"] [data-step]', (els) =>
      els.map((e) => `${e.getAttribute('data-step')}:${e.getAttribute('data-status')}`),
    );
    expect(steps).toEqual([
      'preflight:succeeded',
      'discover:succeeded',
      'import:succeeded',
      'archive:succeeded',
      'checkpoint:succeeded',
      'git:succeeded',
    ]);
    // The export and the two fixture transcripts.
    expect(await page.locator('[data-testid="import-files"]').innerText()).toMatch(/^Files 3 \/ 3/);
    await screenshot(page, 'onboarding-8-import');
    await next();
    await wizardAt('done');
    expect(await page.locator('[data-testid="done-summary"]').innerText()).toContain(root);
    // The launcher is offered here too; the preview says the desktop app installs it.
    await page.waitForSelector('[data-testid="launcher-unavailable"]');
    await screenshot(page, 'onboarding-9-done');
    await next();
    await page.waitForSelector('main[data-view="dashboard"]');
    expect(errors).toEqual([]);
  });

  it('left a working CODITECT set-up on disk', () => {
    const mem = path.join(memRepo, 'MEMORY-CONTEXT');
    expect(fs.existsSync(path.join(root, '.git'))).toBe(false);
    for (const d of ['checkpoints', 'dedup_state', 'exports-archive', '.local'])
      expect(fs.statSync(path.join(mem, d)).isDirectory(), d).toBe(true);
    expect(fs.existsSync(path.join(mem, 'README.md'))).toBe(true);
    expect(fs.readFileSync(path.join(mem, '.gitignore'), 'utf8')).toMatch(/^\.local\/$/m);
    const settings = JSON.parse(fs.readFileSync(path.join(ws.home, '.coditect', 'settings.json'), 'utf8'));
    expect(settings.projectsRoot).toBe(root);
    expect(settings.memoryDir).toBe(mem);
    expect(fs.readFileSync(path.join(ws.home, '.claude', 'commands', 'export-dedup.md'), 'utf8')).toContain(
      'coditect export-dedup --yes',
    );
    // The first import's checkpoint: its document, its index entry, its commit by the identity set.
    const docs = fs.readdirSync(path.join(mem, 'checkpoints'));
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatch(/-First-Import\.md$/);
    const state = fs.readdirSync(path.join(mem, 'dedup_state', 'checkpoints'));
    expect(state).toEqual([docs[0]!.replace(/\.md$/, '')]);
    expect(fs.readdirSync(path.join(mem, 'exports-archive'), { recursive: true }).join('\n')).toContain(
      'export-v1-macos.txt',
    );
    expect(git(memRepo, 'log', '--format=%an <%ae>|%s')).toMatch(
      /^Ada Lovelace <ada@example\.com>\|.*First import/,
    );
    expect(git(memRepo, 'ls-files', 'MEMORY-CONTEXT/checkpoints')).toBe(
      `MEMORY-CONTEXT/checkpoints/${docs[0]}`,
    );
  });

  it('Settings: the license card shows the license; the launcher card says the desktop app installs it', async () => {
    await page.goto(`${server.url}#/settings`);
    const license = page.locator('section[aria-labelledby="settings-license"]');
    await license.locator('[data-testid="license-details"][data-state="valid"]').waitFor();
    expect(await license.locator('[data-testid="license-org"]').innerText()).toBe('Acme Robotics');
    expect(await license.locator('[data-testid="license-unencrypted"]').innerText()).toMatch(
      /^Stored unencrypted, in a file only you can read: .*license\.key\. An OS credential store would keep it encrypted/,
    );
    expect(await license.locator('[data-testid="license-server-state"]').innerText()).toMatch(
      /^Online activation is off/,
    );
    expect(await page.locator('[data-testid="launcher-unavailable"]').innerText()).toContain(
      'installed by the desktop app',
    );
    await license.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-license');
  });

  it('"Remove CODITECT set-up" asks first, removes what set-up made and keeps the user data', async () => {
    const card = page.locator('section[aria-labelledby="settings-setup"]');
    await card.locator('[data-testid="remove-setup"]').click();
    await card.locator('[role="alertdialog"]').waitFor();
    // Nothing happens before the confirmation.
    expect(fs.existsSync(path.join(ws.home, '.claude', 'commands', 'export-dedup.md'))).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-remove-setup-confirm');
    await card.locator('[data-testid="confirm-remove-setup"]').click();
    const report = card.locator('[data-testid="removal-report"]');
    await report.waitFor();
    const mem = path.join(memRepo, 'MEMORY-CONTEXT');
    const removed = await report.locator('ul[aria-label="Removed"] li').allInnerTexts();
    expect(removed).toEqual(
      expect.arrayContaining([
        path.join(ws.home, '.claude', 'commands', 'export-dedup.md'),
        path.join(mem, 'README.md'),
        path.join(ws.home, '.coditect', 'settings.json'),
      ]),
    );
    const kept = (await report.locator('ul[aria-label="Kept"] li').allInnerTexts()).join('\n');
    expect(kept).toContain(`${path.join(mem, 'checkpoints')} — not empty`);
    expect(kept).toContain(`${memRepo} — the repository has commits`);
    expect(kept).toContain(`${path.join(ws.home, '.coditect')} — not empty`);
    expect(kept).toContain(
      `${path.join(mem, '.gitignore')} — .local/ still keeps machine-local files out of git`,
    );
    // On disk: set-up's own files are gone…
    expect(fs.existsSync(path.join(ws.home, '.claude', 'commands', 'export-dedup.md'))).toBe(false);
    expect(fs.existsSync(path.join(mem, 'README.md'))).toBe(false);
    expect(fs.existsSync(path.join(ws.home, '.coditect', 'settings.json'))).toBe(false);
    // …the user's data stays: checkpoints, dedup state, archived exports, repositories, history, license,
    // and the .gitignore line that keeps the kept index out of git.
    expect(fs.readFileSync(path.join(mem, '.gitignore'), 'utf8')).toMatch(/^\.local\/$/m);
    expect(fs.readdirSync(path.join(mem, 'checkpoints'))).toHaveLength(1);
    expect(fs.readdirSync(path.join(mem, 'dedup_state', 'checkpoints'))).toHaveLength(1);
    expect(fs.readdirSync(path.join(mem, 'exports-archive'), { recursive: true }).join('\n')).toContain(
      'export-v1-macos.txt',
    );
    expect(fs.readFileSync(path.join(root, 'app-one', 'README.md'), 'utf8')).toBe('my project\n');
    expect(fs.existsSync(path.join(root, 'app-two', '.git'))).toBe(true);
    expect(git(memRepo, 'log', '--format=%s')).toContain('First import');
    expect(fs.existsSync(path.join(ws.home, '.coditect', 'license.key'))).toBe(true);
    await screenshot(page, 'settings-remove-setup');
  });

  it('with the set-up removed, the wizard opens again on the next start', async () => {
    await page.goto(server.url);
    await wizardAt('welcome');
    await page.click('[data-testid="wizard-skip"]');
    await page.waitForSelector('main[data-view="dashboard"]');
    await page.reload();
    await page.waitForSelector('main[data-view="dashboard"]');
    expect(await page.locator('[data-testid="wizard"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
