/**
 * The parse worker (src-main/node/parse-worker.ts) in a real worker thread: it must give
 * exactly the events the inline parser gives, resume a transcript where the last import
 * stopped, let a job be dropped halfway, and survive its own death without losing a job.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { runParseJob, type ParseEvent, type ParseJob } from '../../src-main/core/pipeline/parse-job';
import type { SourceParser } from '../../src-main/core/pipeline/source-parser';
import { WorkerParser } from '../../src-main/node/worker-parser';
import { FIXTURES } from '../helpers/fixtures';

const TRANSCRIPTS = path.join(FIXTURES, 'claude-projects', '-Users-demo-PROJECTS-demo-master');
const EXPORTS = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'));

const parsers: SourceParser[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(parsers.splice(0).map((p) => p.close()));
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function workerParser(): SourceParser {
  const p = WorkerParser.create({ ...process.env, CODITECT_PARSE_WORKER: '1' });
  parsers.push(p);
  expect(p).toBeInstanceOf(WorkerParser);
  return p;
}

async function collect(events: AsyncIterable<ParseEvent>): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

function exportJob(name: string): ParseJob {
  return { kind: 'export', path: path.join(FIXTURES, name) };
}

function transcriptJobs(): ParseJob[] {
  return fs
    .readdirSync(TRANSCRIPTS)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => ({ kind: 'transcript', path: path.join(TRANSCRIPTS, f), resume: null }));
}

describe('WorkerParser', () => {
  it('gives the inline parser’s events for every fixture, several jobs in flight at once', async () => {
    const parser = workerParser();
    const jobs = [...EXPORTS.map(exportJob), ...transcriptJobs()];
    const streams = jobs.map((j) => parser.events(j)); // all started before any is read
    for (const [i, job] of jobs.entries()) {
      const viaWorker = await collect(streams[i]!);
      expect(viaWorker).toEqual(await collect(runParseJob(job)));
      expect(viaWorker.at(-1)!.type).not.toBe('failed');
    }
    expect(parser.describe()).toBe('in a worker thread');
  });

  it('resumes a grown transcript after the bytes already imported, hashing the whole prefix', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-parse-'));
    dirs.push(dir);
    const file = path.join(dir, 'session.jsonl');
    const lines = fs.readFileSync(transcriptJobs()[0]!.path, 'utf8').split('\n').filter(Boolean);
    const half = Math.floor(lines.length / 2);
    fs.writeFileSync(file, lines.slice(0, half).join('\n') + '\n');
    const parser = workerParser();
    const first = await collect(parser.events({ kind: 'transcript', path: file, resume: null }));
    const end1 = first.at(-1) as Extract<ParseEvent, { type: 'transcript-end' }>;
    fs.appendFileSync(file, lines.slice(half).join('\n') + '\n');
    const resume = { endOffset: end1.stats.endOffset, prefixSha256: end1.prefixSha256 };
    const second = await collect(parser.events({ kind: 'transcript', path: file, resume }));
    expect(second[0]).toEqual({ type: 'transcript-start', startOffset: end1.stats.endOffset });
    const end2 = second.at(-1) as Extract<ParseEvent, { type: 'transcript-end' }>;
    expect(end2.prefixSha256).toBe(createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    // A changed prefix (the file was rewritten) is read again from the start.
    const stale = { endOffset: end1.stats.endOffset, prefixSha256: '0'.repeat(64) };
    const again = await collect(parser.events({ kind: 'transcript', path: file, resume: stale }));
    expect(again[0]).toEqual({ type: 'transcript-start', startOffset: 0 });
  });

  it('drops a job read only halfway and goes on with the next', async () => {
    const parser = workerParser();
    const [a, b] = transcriptJobs();
    const first = parser.events(a!);
    const second = parser.events(b!);
    for await (const e of first) if (e.type === 'items') break;
    expect(await collect(second)).toEqual(await collect(runParseJob(b!)));
  });

  it('parses inline what the worker had not begun to answer when it died; names the failure', async () => {
    const parser = workerParser();
    const job = exportJob('export-v1-macos.txt');
    const events = parser.events(job);
    await (parser as unknown as { worker: Worker }).worker.terminate();
    expect(await collect(events)).toEqual(await collect(runParseJob(job)));
    expect(await collect(parser.events(job))).toEqual(await collect(runParseJob(job)));
    expect(parser.describe()).toMatch(/^inline after the parse worker stopped/);
  });

  it('reports an unreadable file as a failed event, by reason', async () => {
    const parser = workerParser();
    const events = await collect(parser.events({ kind: 'export', path: path.join(FIXTURES, 'nope.txt') }));
    expect(events).toEqual([{ type: 'failed', reason: 'vanished before it could be read' }]);
  });
});
