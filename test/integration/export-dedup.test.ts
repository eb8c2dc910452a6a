import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeExportBytes } from '../../src-main/core/formats/encoding-repair';
import { parseExportText } from '../../src-main/core/formats/export-text';
import { contentHash } from '../../src-main/core/identity/content-hash';
import { MemoryStore } from '../../src-main/core/memory/store';
import { trackedFolders, trackedMessages, trackedText } from '../helpers/tracked-memory';
import {
  CLI,
  FIXTURES,
  makeWorkspace,
  placeFile,
  rmWorkspace,
  runCli,
  type Workspace,
} from '../helpers/workspace';

const spaces: Workspace[] = [];
afterEach(() => spaces.splice(0).forEach(rmWorkspace));

function ws(opts?: Parameters<typeof makeWorkspace>[0]): Workspace {
  const w = makeWorkspace(opts);
  spaces.push(w);
  return w;
}

function hashesOf(file: string): string[] {
  const parsed = parseExportText(decodeExportBytes(fs.readFileSync(path.join(FIXTURES, file))).text);
  return parsed.messages.map((m) => contentHash(m.role, m.text));
}

function run(w: Workspace, extra: string[] = []) {
  const r = runCli(w, ['export-dedup', '--root', w.root, '--yes', '--json', '--no-git', ...extra]);
  expect(r.stderr).not.toMatch(/TypeError|ReferenceError|at .*\.ts:\d+/);
  return { ...r, summary: r.stdout ? JSON.parse(r.stdout) : null };
}

function db(w: Workspace) {
  return new Database(path.join(w.memory, '.local', 'coditect.sqlite'), { readonly: true });
}

describe('coditect export-dedup (real process, real files, real SQLite)', () => {
  it('deduplicates overlapping exports and transcripts, archives the exports and writes a checkpoint', () => {
    const w = ws();
    const { code, summary } = run(w, ['--description', 'First import']);
    expect(code).toBe(0);
    const v1 = hashesOf('export-v1-macos.txt');
    const v2 = hashesOf('export-v2-linux-overlap.txt');
    const exportsUnique = new Set([...v1, ...v2]);
    // v2's opening exchanges repeat v1's closing ones: every one of them is a duplicate.
    const v2Result = summary.files.find((f: { path: string }) =>
      f.path.endsWith('export-v2-linux-overlap.txt'),
    );
    const v1Result = summary.files.find((f: { path: string }) => f.path.endsWith('export-v1-macos.txt'));
    const [first, second] = [v1Result, v2Result].sort(
      (a, b) => summary.files.indexOf(a) - summary.files.indexOf(b),
    );
    expect(first.counts.read + second.counts.read).toBe(v1.length + v2.length);
    expect(first.counts.newUnique + second.counts.newUnique).toBe(exportsUnique.size);
    const overlap = v2.filter((h) => v1.includes(h)).length;
    expect(overlap).toBeGreaterThanOrEqual(16);

    const d = db(w);
    const uuids = d
      .prepare('SELECT COUNT(DISTINCT uuid) FROM occurrences WHERE uuid IS NOT NULL AND uuid NOT LIKE ?')
      .pluck()
      .get('%#%');
    expect(uuids).toBe(30); // expected.json: jsonl_distinct_message_uuids
    const globalUnique = d.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number;
    expect(globalUnique).toBe(summary.counts.newUnique);
    expect(summary.counts.read).toBe(summary.counts.newUnique + summary.counts.duplicates);
    expect(d.prepare('SELECT COUNT(*) FROM compactions').pluck().get()).toBe(1);
    // A first import leaves out the indexes it never reads; its checkpoint builds them (bulk-indexes.ts).
    const built = d
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (?, ?, ?) ORDER BY name")
      .pluck()
      .all('occurrences_checkpoint_order', 'occurrences_message', 'occurrences_session');
    expect(built).toHaveLength(3);
    d.close();
    expect(fs.readFileSync(path.join(w.memory, '.local', 'coditect.log'), 'utf8')).toMatch(
      /\[import\] indexes occurrences_checkpoint_order, occurrences_session, occurrences_message left out during this import; the checkpoint builds them/,
    );

    // Archive: both exports moved, originals gone, nothing overwritten.
    const archived = fs.readdirSync(path.join(w.memory, 'exports-archive')).sort();
    expect(archived).toEqual(['export-v1-macos.txt', 'export-v2-linux-overlap.txt']);
    expect(fs.existsSync(path.join(w.master, 'export-v1-macos.txt'))).toBe(false);
    expect(fs.existsSync(path.join(w.downloads, 'export-v2-linux-overlap.txt'))).toBe(false);
    // Transcripts are never moved, and a compressed copy is kept.
    const project = path.join(w.claudeProjects, '-Users-demo-PROJECTS-demo-master');
    expect(fs.readdirSync(project).filter((f) => f.endsWith('.jsonl'))).toHaveLength(2);
    expect(
      fs.readdirSync(path.join(w.memory, '.local', 'raw-transcripts', '-Users-demo-PROJECTS-demo-master')),
    ).toHaveLength(2);

    // Checkpoint artifacts.
    expect(summary.checkpoint.document).toMatch(
      /^checkpoints\/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-[0-9a-f]{6}-First-Import\.md$/,
    );
    const doc = fs.readFileSync(path.join(w.memory, summary.checkpoint.document), 'utf8');
    expect(doc).toContain('# First import');
    expect(trackedMessages(w.memory)).toHaveLength(globalUnique);
    // Derived totals and the combined index are machine-local, never tracked.
    const manifest = JSON.parse(fs.readFileSync(path.join(w.memory, '.local', 'MANIFEST.json'), 'utf8'));
    expect(manifest.totals.global_unique_messages).toBe(globalUnique);
    expect(manifest.totals.exports).toBe(2);
    const index = JSON.parse(fs.readFileSync(path.join(w.memory, '.local', 'checkpoint_index.json'), 'utf8'));
    expect(index.checkpoints).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(path.join(w.memory, 'FORMAT.json'), 'utf8'))).toEqual({ format: 2 });
    expect(fs.readFileSync(path.join(w.memory, '.gitignore'), 'utf8')).toContain('.local/');
  });

  it('a second run with nothing new writes no checkpoint and changes no counts', () => {
    const w = ws();
    expect(run(w).code).toBe(0);
    const before = trackedText(w.memory);
    const again = run(w);
    expect(again.code).toBe(0);
    expect(again.summary.checkpoint).toBeNull();
    expect(again.summary.counts.read).toBe(0);
    expect(trackedText(w.memory)).toEqual(before);
  });

  it('imports only what was appended to a transcript since the last run', () => {
    const w = ws({ exports: [] });
    expect(run(w).code).toBe(0);
    const file = path.join(
      w.claudeProjects,
      '-Users-demo-PROJECTS-demo-master',
      'cd613e30-d8f1-6adf-91b7-584a2265b1f5.jsonl',
    );
    const line = {
      type: 'user',
      uuid: 'ffffffff-0000-4000-8000-000000000001',
      parentUuid: null,
      sessionId: 'cd613e30-d8f1-6adf-91b7-584a2265b1f5',
      timestamp: '2026-10-02T10:00:00.000Z',
      cwd: '/Users/demo/PROJECTS/demo-master',
      message: { role: 'user', content: 'A brand new question appended later' },
    };
    fs.appendFileSync(file, JSON.stringify(line) + '\n');
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(file, past, past);
    const second = run(w);
    expect(second.code).toBe(0);
    const imported = second.summary.files.filter((f: { status: string }) => f.status === 'imported');
    expect(imported).toHaveLength(1);
    expect(imported[0].counts).toEqual({ read: 1, newUnique: 1, duplicates: 0 });
    expect(imported[0].notes.join(' ')).toMatch(/incremental from byte \d+/);
  });

  it('the same export in two places is imported once and both copies are archived', () => {
    const w = ws({ exports: ['export-v1-macos.txt'], transcripts: false });
    fs.copyFileSync(path.join(w.master, 'export-v1-macos.txt'), path.join(w.downloads, 'copy-of-v1.txt'));
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(w.downloads, 'copy-of-v1.txt'), past, past);
    const r = run(w);
    expect(r.code).toBe(0);
    expect(r.summary.files.map((f: { status: string }) => f.status).sort()).toEqual([
      'already-imported',
      'imported',
    ]);
    expect(fs.readdirSync(path.join(w.memory, 'exports-archive')).sort()).toEqual([
      'copy-of-v1.txt',
      'export-v1-macos.txt',
    ]);
  });

  it('repairs mojibake and stray bytes and keeps the text', () => {
    const w = ws({
      exports: ['export-macroman-mojibake.txt', 'export-cp1252-mojibake.txt', 'export-stray-byte.txt'],
      transcripts: false,
    });
    const r = run(w);
    expect(r.code).toBe(0);
    const d = db(w);
    const texts = d.prepare('SELECT text FROM messages').pluck().all() as string[];
    d.close();
    expect(texts.some((t) => t.includes('©'))).toBe(true);
    expect(texts.join('\n')).not.toMatch(/‚è∫|â�º|‚éø/);
    expect(texts).toContain(
      "I'll check installer smoke test first.\nThe current behaviour looks wrong in case 1.",
    );
  });

  it('reports a vanished or unreadable file by name, goes on, and exits 3 (partial)', () => {
    const w = ws({ exports: ['export-v1-macos.txt'], transcripts: false });
    const bad = path.join(w.master, 'bad-export.txt');
    fs.writeFileSync(bad, '> hello\n\n⏺ hi\n');
    fs.utimesSync(bad, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    fs.chmodSync(bad, 0o000);
    const r = run(w);
    if (process.getuid?.() === 0) {
      // root reads anything: the file imports fine, which is still a complete run.
      expect(r.code).toBe(0);
    } else {
      expect(r.code).toBe(3);
      expect(JSON.stringify(r.summary.files)).toContain('bad-export.txt');
    }
    expect(fs.existsSync(path.join(w.memory, 'exports-archive', 'export-v1-macos.txt'))).toBe(true);
  });

  it('secrets in messages never reach git-tracked files', () => {
    const w = ws({ exports: [], transcripts: false });
    const secret = 'sk-ant-api03-' + 'A'.repeat(40);
    const aws = 'AKIA' + 'ABCDEFGHIJKLMNOP';
    const text = `> please store ANTHROPIC_API_KEY=${secret} and ${aws}\n\n⏺ I will not store ${secret}.\n`;
    const f = path.join(w.master, 'secret-export.txt');
    fs.writeFileSync(f, text);
    fs.utimesSync(f, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const r = run(w, ['--description', `Rotate ${secret}`]);
    expect(r.code).toBe(0);
    expect(r.summary.redactions).toBeGreaterThanOrEqual(3);
    expect(r.summary.checkpoint.document).not.toContain('sk-ant');
    const tracked = [
      trackedText(w.memory),
      fs.readFileSync(path.join(w.memory, r.summary.checkpoint.document), 'utf8'),
      ...trackedFolders(w.memory).map((f) => f.messages.map((m) => m.t).join('\n')),
    ];
    for (const content of tracked) {
      expect(content).not.toContain(secret);
      expect(content).not.toContain(aws);
      expect(content).toContain('[REDACTED:');
    }
  });

  it('reindex rebuilds the same store from the git-tracked files alone', () => {
    const w = ws();
    const first = run(w);
    expect(first.code).toBe(0);
    const snapshot = () => {
      const d = db(w);
      const r = {
        messages: d.prepare('SELECT COUNT(*) FROM messages').pluck().get(),
        occurrences: d.prepare('SELECT COUNT(*) FROM occurrences').pluck().get(),
        checkpoints: d.prepare('SELECT id, read_count, new_count, dup_count FROM checkpoints').all(),
        hashes: d.prepare('SELECT hash FROM messages ORDER BY hash').pluck().all(),
      };
      d.close();
      return r;
    };
    const before = snapshot();
    fs.rmSync(path.join(w.memory, '.local', 'coditect.sqlite'));
    for (const ext of ['-wal', '-shm'])
      fs.rmSync(path.join(w.memory, '.local', `coditect.sqlite${ext}`), { force: true });
    const r = runCli(w, ['reindex', '--root', w.root, '--json']);
    expect(r.code).toBe(0);
    expect(snapshot()).toEqual(before);
    const s = runCli(w, ['search', 'symlink', 'loops', '--root', w.root, '--json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).hits.length).toBeGreaterThan(0);
  });

  it('a store failure mid-import undoes its commit group: nothing archived, all imported by the next run', () => {
    const w = ws();
    const poisoned = path.join(w.home, 'Downloads', 'export-poisoned.txt');
    fs.writeFileSync(
      poisoned,
      fs.readFileSync(path.join(FIXTURES, 'export-v1-macos.txt'), 'utf8') +
        '\n> POISON-PILL a prompt the store refuses\n',
    );
    fs.utimesSync(poisoned, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    // A real SQLite error in the middle of an export's writes, as a full disk would raise.
    const storeFile = path.join(w.memory, '.local', 'coditect.sqlite');
    MemoryStore.open(storeFile).close();
    const raw = new Database(storeFile);
    raw.exec(`CREATE TRIGGER poison BEFORE INSERT ON messages WHEN NEW.text LIKE '%POISON-PILL%'
      BEGIN SELECT RAISE(ABORT, 'database or disk is full (simulated)'); END;`);
    raw.close();

    const failed = run(w);
    expect(failed.code).toBe(1);
    const store = db(w);
    // Every file of the group was undone with it, not only the poisoned one.
    expect(store.prepare('SELECT COUNT(*) FROM sources').pluck().get()).toBe(0);
    expect(store.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(0);
    // The indexes the import had dropped are there again (bulk-indexes.ts).
    expect(
      store
        .prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name LIKE 'occurrences_%'")
        .pluck()
        .get(),
    ).toBe(4);
    store.close();
    expect(fs.existsSync(poisoned)).toBe(true);
    expect(fs.existsSync(path.join(w.memory, 'exports-archive'))).toBe(false);
    const undone = failed.summary.files.filter((f: { reason?: string }) => /undone/.test(f.reason ?? ''));
    expect(undone.length).toBeGreaterThan(0);
    expect(failed.summary.counts.read).toBe(0);

    const fix = new Database(storeFile);
    fix.exec('DROP TRIGGER poison');
    fix.close();
    const next = run(w);
    expect(next.code).toBe(0);
    const after = db(w);
    const unique = after.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number;
    after.close();
    expect(next.summary.counts.newUnique).toBe(unique);
    expect(unique).toBeGreaterThan(0);
    expect(next.summary.files.every((f: { status: string }) => f.status === 'imported')).toBe(true);
    expect(fs.existsSync(poisoned)).toBe(false);
  });

  it('says clearly who holds the lock when another run is going', () => {
    const w = ws({ exports: [], transcripts: false });
    const local = path.join(w.memory, '.local');
    fs.mkdirSync(path.join(local, 'pipeline.lock'), { recursive: true });
    fs.writeFileSync(
      path.join(local, 'pipeline.owner.json'),
      JSON.stringify({ pid: 4242, host: 'desk', command: 'CODITECT app', startedAt: 'now' }),
    );
    const r = run(w, ['--wait', '0']);
    expect(r.code).toBe(1);
    expect(r.summary.error).toContain('pid 4242 on desk (CODITECT app)');
  });
});

describe('coditect command line', () => {
  it('exits 2 with a message naming the flag on bad usage', () => {
    const w = ws({ exports: [], transcripts: false });
    const r = runCli(w, ['search', 'x', '--limit', 'many', '--root', w.root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--limit');
    expect(runCli(w, ['no-such-command']).code).toBe(2);
  });

  it('scan changes nothing; checkpoints list/show, log path/tail and doctor work', () => {
    const w = ws();
    const scan = runCli(w, ['scan', '--root', w.root, '--json']);
    expect(scan.code).toBe(0);
    expect(JSON.parse(scan.stdout).files).toHaveLength(4);
    expect(fs.existsSync(path.join(w.master, 'export-v1-macos.txt'))).toBe(true);
    expect(run(w).code).toBe(0);
    const list = JSON.parse(runCli(w, ['checkpoints', 'list', '--root', w.root, '--json']).stdout);
    expect(list).toHaveLength(1);
    const show = JSON.parse(
      runCli(w, ['checkpoints', 'show', list[0].id, '--root', w.root, '--json']).stdout,
    );
    expect(show.messages.length).toBeGreaterThan(0);
    const logPath = runCli(w, ['log', 'path', '--root', w.root]).stdout.trim();
    expect(logPath).toBe(path.join(w.memory, '.local', 'coditect.log'));
    const tail = runCli(w, ['log', 'tail', '-n', '5', '--root', w.root]).stdout.trim().split('\n');
    expect(tail).toHaveLength(5);
    expect(tail.at(-1)).toMatch(/INFO \[run\] export-dedup done/);
    const log = fs.readFileSync(logPath, 'utf8');
    for (const step of ['preflight', 'discover', 'import', 'archive', 'checkpoint']) {
      expect(log).toMatch(new RegExp(`INFO \\[${step}\\] started`));
      expect(log).toMatch(new RegExp(`INFO \\[${step}\\] succeeded: .* duration_ms=\\d+`));
    }
    const doctor = runCli(w, ['doctor', '--root', w.root, '--json']);
    expect(JSON.parse(doctor.stdout).ok).toBe(true);
  });
});

describe('bad inputs', () => {
  it('a binary or empty file named like an /export is reported by name; the run goes on and exits 3', () => {
    const w = ws({ exports: ['export-v1-macos.txt'], transcripts: false });
    const past = new Date(Date.now() - 60_000);
    const binary = path.join(w.downloads, '2026-11-20-fix-the-log-cap.txt');
    const empty = path.join(w.downloads, '2026-11-21-empty-session.txt');
    fs.writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8]));
    fs.writeFileSync(empty, '');
    for (const f of [binary, empty]) fs.utimesSync(f, past, past);
    const r = run(w);
    expect(r.code).toBe(3);
    expect(r.summary.outcome).toBe('partial');
    const problems = r.summary.problems
      .map((p: { path: string; reason: string }) => `${p.path}: ${p.reason}`)
      .join('\n');
    expect(problems).toContain(`${binary}: named like an /export but holds no conversation`);
    expect(problems).toContain(`${empty}: named like an /export but empty`);
    // The good export was still imported and archived; the bad files were left untouched.
    expect(fs.existsSync(path.join(w.memory, 'exports-archive', 'export-v1-macos.txt'))).toBe(true);
    expect(fs.existsSync(binary) && fs.existsSync(empty)).toBe(true);
  });

  it('an export truncated mid-message imports what is there', () => {
    const w = ws({ exports: [], transcripts: false });
    const full = fs.readFileSync(path.join(FIXTURES, 'export-v1-macos.txt'));
    const cut = path.join(w.master, 'truncated.txt');
    fs.writeFileSync(cut, full.subarray(0, Math.floor(full.length / 2) + 1));
    fs.utimesSync(cut, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const r = run(w);
    expect(r.code).toBe(0);
    expect(r.summary.counts.read).toBeGreaterThan(3);
  });
});

describe('settings', () => {
  it('exportLocations from ~/.coditect/settings.json are searched; a broken settings file is named and defaults used', () => {
    const w = ws({ exports: [], transcripts: false });
    const extra = path.join(w.home, 'exports-here');
    fs.mkdirSync(extra);
    fs.copyFileSync(path.join(FIXTURES, 'export-v1-macos.txt'), path.join(extra, 'chat.txt'));
    fs.utimesSync(path.join(extra, 'chat.txt'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const settings = path.join(w.home, '.coditect', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ exportLocations: ['~/exports-here'] }));
    const scan = runCli(w, ['scan', '--root', w.root, '--json']);
    expect(
      JSON.parse(scan.stdout).files.map((f: { path: string; source: string }) => [f.source, f.path]),
    ).toEqual([['export-location', path.join(extra, 'chat.txt')]]);
    fs.writeFileSync(settings, JSON.stringify({ logMaxLines: 'many' }));
    const r = runCli(w, ['scan', '--root', w.root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${settings}: field "logMaxLines"`);
  });
});

describe('on a terminal', () => {
  // `script` (util-linux) gives the command a real pseudo-terminal, as a person's shell would.
  const hasScript = spawnSync('sh', ['-c', 'command -v script']).status === 0;
  it.skipIf(!hasScript)('asks once before importing; "n" changes nothing', () => {
    const w = ws({ exports: ['export-v1-macos.txt'], transcripts: false });
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} export-dedup --root ${JSON.stringify(w.root)} --no-git`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
      input: 'n\n',
      env: w.env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stdout).toContain('Import 1 export(s) and 0 transcript(s)?');
    expect(r.stdout).toContain('cancelled at the prompt; nothing was imported');
    expect(r.status).toBe(1);
    expect(fs.existsSync(path.join(w.master, 'export-v1-macos.txt'))).toBe(true);
    expect(fs.existsSync(path.join(w.memory, 'exports-archive'))).toBe(false);
  });
});

describe('archive', () => {
  it('a name already in the archive gets a suffix; nothing is overwritten', () => {
    const w = ws({ exports: ['export-v1-macos.txt'], transcripts: false });
    expect(run(w).code).toBe(0);
    // A different export under the same name arrives later.
    const again = path.join(w.downloads, 'export-v1-macos.txt');
    fs.copyFileSync(path.join(FIXTURES, 'export-v2-linux-overlap.txt'), again);
    fs.utimesSync(again, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(run(w).code).toBe(0);
    const archive = path.join(w.memory, 'exports-archive');
    expect(fs.readdirSync(archive).sort()).toEqual(['export-v1-macos-2.txt', 'export-v1-macos.txt']);
    expect(fs.readFileSync(path.join(archive, 'export-v1-macos.txt'))).toEqual(
      fs.readFileSync(path.join(FIXTURES, 'export-v1-macos.txt')),
    );
    expect(fs.readFileSync(path.join(archive, 'export-v1-macos-2.txt'))).toEqual(
      fs.readFileSync(path.join(FIXTURES, 'export-v2-linux-overlap.txt')),
    );
  });

  it('two different exports under one name in the same run both reach the archive, neither overwritten', () => {
    const w = ws({ exports: [], transcripts: false });
    const a = path.join(w.master, 'notes.txt');
    const b = path.join(w.downloads, 'notes.txt');
    placeFile(path.join(FIXTURES, 'export-v1-macos.txt'), a);
    placeFile(path.join(FIXTURES, 'export-v2-linux-overlap.txt'), b);
    const { code, summary } = run(w);
    expect(code).toBe(0);
    expect(summary.archived.map((r: { status: string }) => r.status)).toEqual(['archived', 'archived']);
    const archive = path.join(w.memory, 'exports-archive');
    expect(fs.readdirSync(archive).sort()).toEqual(['notes-2.txt', 'notes.txt']);
    const contents = ['notes.txt', 'notes-2.txt']
      .map((n) => fs.readFileSync(path.join(archive, n), 'utf8'))
      .sort();
    const originals = ['export-v1-macos.txt', 'export-v2-linux-overlap.txt']
      .map((n) => fs.readFileSync(path.join(FIXTURES, n), 'utf8'))
      .sort();
    expect(contents).toEqual(originals);
    expect(fs.existsSync(a) || fs.existsSync(b)).toBe(false);
  });
});
