/**
 * Several real processes writing one log at once, and writers killed with SIGKILL mid-run.
 *
 * Writers are started as `node --import tsx test/helpers/log-writer.ts …` rather than through
 * `npx tsx`: both npx and the tsx CLI run the script in a child process, so a kill -9 would hit
 * the wrapper and leave the real writer running.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseLogLine } from '../../../src-main/core/log/log-line';

const WRITER = path.resolve(__dirname, '../../helpers/log-writer.ts');

let dir: string;
let file: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-conc-'));
  file = path.join(dir, 'coditect.log');
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Writer {
  child: ChildProcess;
  started: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startWriter(id: string, count: number, cap: number, barrier = 0, lockKind = 'symlink'): Writer {
  const args = ['--import', 'tsx', WRITER, file, id, String(count), String(cap)];
  if (barrier) args.push(String(barrier));
  const env = { ...process.env, LOG_WRITER_LOCK_KIND: lockKind };
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const started = new Promise<void>((resolve) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('started') && resolve());
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
    },
  );
  return { child, started, exited };
}

interface WriterLine {
  w: string;
  seq: number;
}

/** Every complete line must be a whole event written by a writer: no tearing, no interleaving. */
function readWriterLines(): { lines: WriterLine[]; raw: string } {
  const raw = fs.readFileSync(file, 'utf8');
  const complete = raw.slice(0, raw.lastIndexOf('\n') + 1);
  const lines = complete
    .split('\n')
    .slice(0, -1)
    .map((text) => {
      const p = parseLogLine(text);
      expect(p, text).not.toBeNull();
      expect([p?.step, p?.message], text).toEqual(['writer', 'line']);
      const seq = Number(p?.fields.seq);
      // The padding is a function of seq, so a line spliced from two writes would not match.
      expect([p?.fields.pad === 'x'.repeat(seq % 40) || p?.fields.pad === 'last'], text).toEqual([true]);
      return { w: p?.fields.w ?? '', seq };
    });
  return { lines, raw };
}

/** Each writer's lines appear in its own order with no gap: nothing newer was lost. */
function expectContiguousPerWriter(lines: WriterLine[]): Map<string, number[]> {
  const byWriter = new Map<string, number[]>();
  for (const l of lines) byWriter.set(l.w, [...(byWriter.get(l.w) ?? []), l.seq]);
  for (const [w, seqs] of byWriter) {
    seqs.forEach((seq, i) => expect(seq, `writer ${w} line ${i}`).toBe(seqs[0] + i));
  }
  return byWriter;
}

async function runWriters(ids: string[], count: number, cap: number, lockKind: string): Promise<void> {
  const writers = ids.map((id) => startWriter(id, count, cap, ids.length, lockKind));
  for (const w of writers) {
    const r = await w.exited;
    expect(r, r.stderr).toMatchObject({ code: 0 });
  }
}

describe('several processes writing one log', () => {
  it.each([
    [5000, 2000, 'symlink'],
    [500, 2000, 'symlink'],
    [500, 2000, 'file'],
  ])(
    'cap %i, 3 writers x %i lines (%s lock): every line whole, the newest kept',
    async (cap, count, lockKind) => {
      const ids = ['A', 'B', 'C'];
      await runWriters(ids, count, cap, lockKind);
      const { lines, raw } = readWriterLines();
      expect(raw.endsWith('\n')).toBe(true);
      expect(lines).toHaveLength(Math.min(cap, ids.length * count));
      const byWriter = expectContiguousPerWriter(lines);
      for (const id of ids) {
        expect(byWriter.get(id)?.at(-1), `last line of ${id}`).toBe(count - 1);
      }
      expect(fs.readdirSync(dir).filter((f) => !f.includes('.done.'))).toEqual(['coditect.log']);
    },
  );
});

describe('writers killed with SIGKILL', () => {
  it('never leave a broken line or more than the cap, and never block later writers', async () => {
    const cap = 300;
    for (let round = 0; round < 8; round++) {
      // Odd rounds stay below a large cap, so the kill lands in the append path; even rounds
      // are at the cap, so it lands in the rewrite (temp file + rename) path.
      const roundCap = round % 2 ? 1_000_000 : cap;
      const pair = [
        startWriter(`k${round}a`, 1_000_000, roundCap),
        startWriter(`k${round}b`, 1_000_000, roundCap),
      ];
      await Promise.all(pair.map((w) => w.started));
      for (const victim of round % 4 < 2 ? pair : [...pair].reverse()) {
        await new Promise((r) => setTimeout(r, Math.random() * 150));
        victim.child.kill('SIGKILL');
        expect((await victim.exited).signal).toBe('SIGKILL');
        const { lines } = readWriterLines();
        expect(lines.length).toBeLessThanOrEqual(roundCap);
        expectContiguousPerWriter(lines);
      }
    }
    // A writer after all those crashes finishes (stale locks broken), trims to the cap, and
    // leaves a clean file: complete last line, no lock, no temp file.
    const last = startWriter('final', 500, cap);
    expect((await last.exited).code).toBe(0);
    const { lines, raw } = readWriterLines();
    expect(raw.endsWith('\n')).toBe(true);
    expect(lines).toEqual(Array.from({ length: cap }, (_, i) => ({ w: 'final', seq: 500 - cap + i })));
    expect(fs.readdirSync(dir)).toEqual(['coditect.log']);
  });
});
