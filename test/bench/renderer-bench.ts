/**
 * The renderer's speed, measured with Playwright in Debian's Chromium against the preview host:
 *  - start-up JavaScript: gzipped bytes the built index.html loads (target ≤ 350 KB);
 *  - a checkpoint of 100,000 messages: time from opening it to its first rows (target ≤ 500 ms);
 *  - the log viewer holding 5,000 lines and taking 100 new lines a second: every frame under 50 ms.
 * Nothing is asserted here: `benchRenderer()` returns the figures and `npm run bench` prints them.
 * Run alone: `npx tsx test/bench/renderer-bench.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openLog } from '../../src-main/core/log/open-log';
import { startPreviewServer } from '../../src-main/preview/server';
import { ensureRendererBuilt, launchBrowser, newContext, startupJsGzipBytes } from '../helpers/browser';
import { generateCorpus } from '../helpers/corpus';
import { makeWorkspace, rmWorkspace, runCli } from '../helpers/workspace';

export interface RendererFigures {
  startupJs: { files: string[]; rawBytes: number; gzipBytes: number; targetBytes: number; met: boolean };
  firstRows: {
    messages: number;
    importMs: number;
    /** Opening the checkpoint from the list, page already loaded: click → first message row painted. */
    samplesMs: number[];
    medianMs: number;
    /** Loading the page straight at the checkpoint: navigation start → first message row. */
    coldMs: number;
    targetMs: number;
    met: boolean;
  };
  logFrames: {
    linesBefore: number;
    linesPerSecond: number;
    seconds: number;
    linesShown: number;
    frames: number;
    maxFrameMs: number;
    p95FrameMs: number;
    longTasks: number;
    targetMs: number;
    met: boolean;
  };
}

const MESSAGES = 100_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))] ?? NaN;
}

/** In the page: ms from opening `hash` until a message row is painted. (A string: no DOM types here.) */
const TIME_OPEN = `(hash) => new Promise((resolve, reject) => {
  const t0 = performance.now();
  const done = () => {
    if (document.querySelector('[role="feed"] article.msg')) {
      obs.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
      return true;
    }
    return false;
  };
  const obs = new MutationObserver(done);
  obs.observe(document.body, { subtree: true, childList: true });
  location.hash = hash;
  setTimeout(() => { obs.disconnect(); reject(new Error('no rows within 20 s')); }, 20000);
})`;

async function timeOpen(page: Page, hash: string): Promise<number> {
  return (await page.evaluate(`(${TIME_OPEN})(${JSON.stringify(hash)})`)) as number;
}

export async function benchRenderer(opts: { log?: (line: string) => void } = {}): Promise<RendererFigures> {
  const say = opts.log ?? ((line: string) => console.log(line));
  const rendererDir = await ensureRendererBuilt();
  const js = startupJsGzipBytes(rendererDir);
  const startupJs = { ...js, targetBytes: 350 * 1024, met: js.gzipBytes <= 350 * 1024 };

  const ws = makeWorkspace({ exports: [], transcripts: false });
  const browser = await launchBrowser();
  let server: Awaited<ReturnType<typeof startPreviewServer>> | null = null;
  try {
    say(`Generating and importing a checkpoint of ${MESSAGES.toLocaleString('en')} messages …`);
    const corpus = generateCorpus(path.join(ws.base, 'gen'), {
      exportFiles: 1,
      transcriptFiles: 0,
      exchangesPerFile: MESSAGES / 4, // prompt, answer, tool call, tool result
      repeatShare: 0,
      answerBytes: 120,
    });
    fs.renameSync(corpus.exports[0]!, path.join(ws.master, 'hundred-thousand.txt'));
    const t0 = Date.now();
    const imported = runCli(ws, [
      'export-dedup',
      '--yes',
      '--no-git',
      '--no-transcripts',
      '--description',
      'Bench',
    ]);
    const importMs = Date.now() - t0;
    if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);

    fs.mkdirSync(path.join(ws.base, 'tmp'), { recursive: true });
    server = await startPreviewServer({
      rendererDir,
      root: ws.root,
      env: ws.env,
      serviceOptions: { tmpdir: path.join(ws.base, 'tmp') },
    });
    await server.service.watching();
    const context = await newContext(browser);
    const page = await context.newPage();

    // Cold: the page opened straight at the checkpoint.
    const list = await server.service.dispatch('checkpoints:list', {});
    if (!list.ok) throw new Error(list.error.message);
    const cp = (list.value as { id: string }[])[0]!;
    const t1 = Date.now();
    await page.goto(`${server.url}#/checkpoints/${encodeURIComponent(cp.id)}`);
    await page.locator('[role="feed"] article.msg').first().waitFor({ timeout: 30_000 });
    const coldMs = Date.now() - t1;

    // Warm: the app already open (on the dashboard), the checkpoint opened from a link.
    const samplesMs: number[] = [];
    for (let i = 0; i < 7; i++) {
      await page.click('a[data-nav="dashboard"]');
      await page.waitForSelector('main[data-view="dashboard"] .stat');
      samplesMs.push(await timeOpen(page, `#/checkpoints/${encodeURIComponent(cp.id)}`));
    }
    const firstRows = {
      messages: MESSAGES,
      importMs,
      samplesMs: samplesMs.map((x) => Math.round(x)),
      medianMs: Math.round(median(samplesMs)),
      coldMs,
      targetMs: 500,
      met: median(samplesMs) <= 500,
    };

    // The log viewer: a full log of 5,000 lines, then 100 lines a second while frames are timed.
    const logFile = server.service.ctx.workspace.layout.logFile;
    const logger = openLog(logFile, { env: ws.env });
    for (let i = 0; i < 5000; i++) logger.info('bench', `filler line ${i}`, { i });
    logger.flush();
    await page.click('a[data-nav="log"]');
    await page.locator('[data-testid="log-lines"] .log-row').first().waitFor();
    const linesBefore = Number(
      ((await page.locator('.log-toolbar .muted').innerText()).match(/of ([\d,]+)/)?.[1] ?? '0').replace(
        /,/g,
        '',
      ),
    );
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__longTasks = 0;
      try {
        new PerformanceObserver((l) => { window.__longTasks += l.getEntries().length; }).observe({ type: 'longtask' });
      } catch {}
      let last = performance.now();
      const tick = (t) => { window.__frames.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const seconds = 8;
    const perTick = 5;
    let written = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        for (let i = 0; i < perTick; i++) logger.info('bench', `live line ${written++}`, { n: written });
        logger.flush();
        if (written >= seconds * 100) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    logger.close();
    await page
      .locator('.log-row', { hasText: `live line ${written - 1} ` })
      .first()
      .waitFor({ timeout: 5000 })
      .catch(() => {});
    await page.waitForTimeout(300);
    const m = (await page.evaluate(
      `(() => { window.__stop = true; return { frames: window.__frames, longTasks: window.__longTasks }; })()`,
    )) as {
      frames: number[];
      longTasks: number;
    };
    const frames = m.frames.slice(1);
    const shown = await page.locator('.log-toolbar .muted').innerText();
    const logFrames = {
      linesBefore,
      linesPerSecond: 100,
      seconds,
      linesShown: Number((shown.match(/of ([\d,]+)/)?.[1] ?? '0').replace(/,/g, '')),
      frames: frames.length,
      maxFrameMs: Math.round(Math.max(...frames) * 10) / 10,
      p95FrameMs: Math.round(percentile(frames, 0.95) * 10) / 10,
      longTasks: m.longTasks,
      targetMs: 50,
      met: Math.max(...frames) < 50,
    };
    await context.close();
    return { startupJs, firstRows, logFrames };
  } finally {
    await browser.close();
    await server?.close();
    rmWorkspace(ws);
  }
}

if (require.main === module) {
  benchRenderer()
    .then((f) => {
      console.log(JSON.stringify(f, null, 2));
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
