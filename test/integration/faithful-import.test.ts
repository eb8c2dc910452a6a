import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import {
  makeWorkspace,
  placeFile,
  rmWorkspace,
  runCli,
  spawnCli,
  type Workspace,
} from '../helpers/workspace';

/**
 * Issue 13 "Import": real transcripts and exports in the shapes people's archives hold, run
 * through the real `coditect` command against a real store.
 */

const spaces: Workspace[] = [];
afterEach(() => spaces.splice(0).forEach(rmWorkspace));

function ws(): Workspace {
  const w = makeWorkspace({ exports: [], transcripts: false });
  spaces.push(w);
  return w;
}

function run(w: Workspace, extra: string[] = []) {
  const r = runCli(w, ['export-dedup', '--root', w.root, '--yes', '--json', '--no-git', ...extra]);
  expect(r.stderr).not.toMatch(/TypeError|ReferenceError|at .*\.ts:\d+/);
  return { ...r, summary: r.stdout ? JSON.parse(r.stdout) : null };
}

const row = (uuid: string, text: string, extra: object = {}): string =>
  JSON.stringify({
    type: 'user',
    uuid,
    parentUuid: null,
    sessionId: 'sess-1',
    cwd: '/Users/someone/PROJECTS/app',
    timestamp: '2026-11-01T10:00:00.000Z',
    message: { role: 'user', content: text },
    ...extra,
  });

/** A transcript placed where Claude Code keeps them, settled (modified an hour ago). */
function placeTranscript(w: Workspace, name: string, content: string): string {
  const file = path.join(w.claudeProjects, '-Users-someone-PROJECTS-app', name);
  const staging = path.join(w.base, name);
  fs.writeFileSync(staging, content);
  placeFile(staging, file);
  return file;
}

describe('a transcript with a bad line near its start', () => {
  it('is recognised by its valid lines, imports the rest, names the bad line, and later runs are done', () => {
    const w = ws();
    const lines = [
      row('u1', 'first question'),
      row('u2', 'second question'),
      row('u3', 'third question'),
      row('u4', 'fourth question').slice(0, 40),
      row('u5', 'fifth question'),
      row('u6', 'sixth question'),
    ];
    const file = placeTranscript(w, 'sess-1.jsonl', `${lines.join('\n')}\n`);

    const first = run(w);
    expect(first.summary.problems).toEqual([]);
    const result = first.summary.files.find((f: { path: string }) => f.path === file);
    expect(result).toMatchObject({ status: 'imported', counts: { read: 5, newUnique: 5 } });
    expect(result.notes).toContain('1 bad line(s) skipped (line 4)');
    expect(first.code).toBe(0);

    const second = run(w);
    expect(second.code).toBe(0);
    expect(second.summary.outcome).toBe('done');
  });

  it('says so in the text summary too', () => {
    const w = ws();
    const file = placeTranscript(
      w,
      'sess-1.jsonl',
      `${row('u1', 'one')}\n{"type":"user","uu\n${row('u3', 'three')}\n`,
    );
    const r = runCli(w, ['export-dedup', '--root', w.root, '--yes', '--no-git']);
    expect(r.stdout).toContain(`  note: ${file}: 1 bad line(s) skipped (line 2)`);
    expect(r.code).toBe(0);
  });
});

describe('a complete last line without a trailing newline', () => {
  it('is imported once the file has settled, and not read twice when the line is later ended', () => {
    const w = ws();
    const file = placeTranscript(w, 'sess-1.jsonl', `${row('u1', 'one')}\n${row('u2', 'two, the last')}`);
    const first = run(w);
    const result = first.summary.files.find((f: { path: string }) => f.path === file);
    expect(result).toMatchObject({ status: 'imported', counts: { read: 2, newUnique: 2 } });
    expect(result.notes.join(' ')).not.toMatch(/bad line|waiting/);

    fs.appendFileSync(file, `\n${row('u3', 'three')}\n`);
    fs.utimesSync(file, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const second = run(w);
    const again = second.summary.files.find((f: { path: string }) => f.path === file);
    expect(again).toMatchObject({ status: 'imported', counts: { read: 1, newUnique: 1 } });
  });

  it('an unfinished last line is waiting for its end, not a bad line', () => {
    const w = ws();
    const file = placeTranscript(w, 'sess-1.jsonl', `${row('u1', 'one')}\n{"type":"user","uuid":"u2","mess`);
    const { summary, code } = run(w);
    const result = summary.files.find((f: { path: string }) => f.path === file);
    expect(result).toMatchObject({ status: 'imported', counts: { read: 1 } });
    expect(result.notes).toContain('the last line is waiting for its end (read on a later run)');
    expect(result.notes.join(' ')).not.toMatch(/bad line/);
    expect(code).toBe(0);
  });
});

describe('a bad file that stays bad', () => {
  it('is reported once (partial), then passed over while unchanged and listed by doctor', () => {
    const w = ws();
    placeTranscript(w, 'sess-1.jsonl', `${row('u1', 'fine')}\n`);
    const bad = placeTranscript(w, 'other.jsonl', '{"level":"info","msg":"started"}\n{"level":"warn"}\n');

    const first = run(w);
    expect(first.code).toBe(3);
    expect(first.summary.problems.map((p: { path: string }) => p.path)).toEqual([bad]);

    const second = run(w);
    expect(second.summary.problems).toEqual([]);
    expect(second.code).toBe(0);
    const doctor = runCli(w, ['doctor', '--root', w.root]);
    expect(doctor.stdout).toContain(`${bad}: not a Claude Code transcript`);

    // Changed: judged afresh, and reported again.
    fs.appendFileSync(bad, '{"level":"error"}\n');
    fs.utimesSync(bad, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(run(w).code).toBe(3);
  });
});

describe('an export damaged by a Mac Roman decoder', () => {
  it('gives the same unique messages as its clean original, U+FFFD included', () => {
    const w = ws();
    const clean = [
      '> why does the log show \ufffd?',
      '',
      '⏺ A byte was lost before the log was written: \ufffd stands for it.',
      '',
      '⏺ Bash(grep -c $"\\xef\\xbf\\xbd" app.log)',
      '  ⎿  3 lines with \ufffd',
      '',
      '> thanks — and café?',
      '',
      '⏺ That one is fine.',
      '',
    ].join('\n');
    const damaged = iconv.encode(iconv.decode(Buffer.from(clean, 'utf8'), 'macintosh'), 'utf8');
    fs.writeFileSync(path.join(w.base, 'clean.txt'), clean);
    fs.writeFileSync(path.join(w.base, 'damaged.txt'), damaged);
    placeFile(path.join(w.base, 'clean.txt'), path.join(w.master, '2026-11-01-why-does-the-log.txt'));
    placeFile(
      path.join(w.base, 'damaged.txt'),
      path.join(w.downloads, '2026-11-01-why-does-the-log-mac.txt'),
    );
    const { summary, code } = run(w);
    expect(code).toBe(0);
    const byName = (end: string) => summary.files.find((f: { path: string }) => f.path.endsWith(end));
    const [a, b] = [byName('log.txt'), byName('log-mac.txt')];
    expect(a.counts.read).toBe(6);
    expect(b.counts.read).toBe(6);
    expect(a.counts.newUnique + b.counts.newUnique).toBe(6);
    expect(b.notes).toContain('repaired macroman mojibake');
    const search = runCli(w, ['search', 'lost', '--json', '--root', w.root]);
    expect(JSON.parse(search.stdout).hits[0].snippet).toContain('\ufffd');
  });
});

describe('an explicit run right after /export', () => {
  it('waits for an export still being written to settle, says so, then imports all of it', async () => {
    const w = ws();
    const file = path.join(w.master, '2026-11-01-fresh-export.txt');
    fs.writeFileSync(file, '> first question\n\n⏺ First answer.\n');
    const child = spawnCli(w, ['export-dedup', '--root', w.root, '--yes', '--no-git']);
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Keep writing, as /export would, until the run says it waits; then stop and let it settle.
    let k = 0;
    while (!stderr.includes('still being written')) {
      fs.appendFileSync(file, `\n> question ${k}\n\n⏺ Answer ${k}.\n`);
      k++;
      await new Promise((r) => setTimeout(r, 200));
      if (child.exitCode !== null) break;
    }
    const code = await exited;
    expect(stderr).toMatch(
      /discover: waiting up to 15 s for 1 export\(s\) still being written: 2026-11-01-fresh-export\.txt/,
    );
    expect(stdout).toContain(`Done: ${2 + 2 * k} messages read, ${2 + 2 * k} new unique`);
    expect(stdout).not.toMatch(/still being written/);
    expect(fs.existsSync(file)).toBe(false); // imported, then archived
    expect(code).toBe(0);
  }, 120_000);
});

describe('who said it, through import, search and the checkpoint document', () => {
  it('stores kinds, labels them in the document, and search includes or leaves them out', () => {
    const w = ws();
    const session = '5e55a0b1-1111-4222-8333-444455556666';
    const at = {
      sessionId: session,
      cwd: '/Users/someone/PROJECTS/app',
      timestamp: '2026-11-01T10:00:00.000Z',
    };
    let k = 0;
    const u = (content: unknown, extra: object = {}) =>
      JSON.stringify({
        ...at,
        type: 'user',
        uuid: `w${k++}`,
        parentUuid: 'x',
        message: { role: 'user', content },
        ...extra,
      });
    placeTranscript(
      w,
      `${session}.jsonl`,
      `${[
        JSON.stringify({ type: 'summary', summary: 'Zebra migration plan', leafUuid: 'w3' }),
        u(
          '<command-name>/review</command-name>\n<command-message>review</command-message>\n<command-args>zebra</command-args>',
        ),
        u('Review the zebra pull request carefully.', { isMeta: true }),
        u('please look at the zebra tests'),
        u('Summary of the zebra work so far.', { isCompactSummary: true }),
        u('[Request interrupted by user]'),
      ].join('\n')}\n`,
    );
    expect(run(w).code).toBe(0);

    const search = (...extra: string[]) =>
      JSON.parse(runCli(w, ['search', 'zebra', '--json', '--root', w.root, ...extra]).stdout).hits.map(
        (h: { kind: string | null; role: string }) => `${h.role}/${h.kind ?? '-'}`,
      );
    expect(search().sort()).toEqual(
      ['system/compaction-summary', 'system/title', 'user/-', 'user/command', 'user/command'].sort(),
    );
    expect(search('--no-meta')).toEqual(['user/-']);
    expect(search('--kind', 'title')).toEqual(['system/title']);
    const bad = runCli(w, ['search', 'zebra', '--kind', 'gossip', '--root', w.root]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--kind must be one of');

    const docs = fs.readdirSync(path.join(w.memory, 'checkpoints'));
    const doc = fs.readFileSync(path.join(w.memory, 'checkpoints', docs[0]), 'utf8');
    expect(doc).toMatch(/\*\*Session title \(System\)\*\*[^\n]*\n\n```text\nZebra migration plan/);
    expect(doc).toMatch(/\*\*Command \(User\)\*\*[^\n]*\n\n```text\n\/review zebra/);
    expect(doc).toContain('**Conversation compacted (System)**');
    expect(doc).toMatch(/\*\*Marker \(System\)\*\*[^\n]*\n\n```text\n\[Request interrupted by user\]/);
    expect(doc).toMatch(/\*\*User\*\*[^\n]*\n\n```text\nplease look at the zebra tests/);
    expect(doc).not.toContain('<command-name>');

    // Kinds travel with the git-tracked memory: a reindex (another machine, a fresh clone) keeps them.
    const before = search().sort();
    // The summary row titles its session (its leaf is one of the session's lines), before and after a reindex.
    const titles = () =>
      JSON.parse(runCli(w, ['search', 'zebra', '--no-meta', '--json', '--root', w.root]).stdout).hits.map(
        (h: { sessionTitle: string | null }) => h.sessionTitle,
      );
    expect(titles()).toEqual(['Zebra migration plan']);
    expect(runCli(w, ['reindex', '--root', w.root]).code).toBe(0);
    expect(search().sort()).toEqual(before);
    expect(titles()).toEqual(['Zebra migration plan']);
  });
});

describe('a store whose transcripts an older reader imported', () => {
  it('reads them again once: nothing stored twice, and old messages learn who said them', () => {
    const w = ws();
    const cmd = '<command-name>/review</command-name>\n<command-args>now</command-args>';
    placeTranscript(
      w,
      'sess-1.jsonl',
      `${row('u1', 'Expand this command, please.', { isMeta: true })}\n${row('u2', 'plain')}\n`,
    );
    placeTranscript(w, 'sess-2.jsonl', `${row('v1', cmd)}\n`);
    expect(run(w).code).toBe(0);
    // What a store of the previous reader looks like: no kinds, no reader version.
    const db = new Database(path.join(w.memory, '.local', 'coditect.sqlite'));
    db.exec("UPDATE messages SET kind = NULL; DELETE FROM meta WHERE key = 'transcript_parser_version'");
    const before = db.prepare('SELECT COUNT(*) FROM messages').pluck().get();
    db.close();

    const again = run(w);
    expect(again.code).toBe(0);
    expect(again.summary.counts).toMatchObject({ read: 3, newUnique: 0, duplicates: 3 });
    const after = new Database(path.join(w.memory, '.local', 'coditect.sqlite'), { readonly: true });
    expect(after.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(before);
    expect(after.prepare("SELECT kind FROM messages WHERE text LIKE 'Expand%'").pluck().get()).toBe(
      'command',
    );
    after.close();
    // Once only.
    expect(run(w).summary.counts.read).toBe(0);
  });
});

describe('a sub-agent transcript', () => {
  it('is imported right after the session that started it and labelled with its agent in the document', () => {
    const w = ws();
    const session = 'c0ffee00-1111-4222-8333-444455556666';
    const at = {
      sessionId: session,
      cwd: '/Users/someone/PROJECTS/app',
      timestamp: '2026-11-01T10:00:00.000Z',
    };
    const main = [
      JSON.stringify({
        ...at,
        type: 'user',
        uuid: 'm1',
        parentUuid: null,
        message: { content: 'find the loader' },
      }),
      JSON.stringify({
        ...at,
        type: 'assistant',
        uuid: 'm2',
        parentUuid: 'm1',
        message: {
          id: 'x1',
          content: [{ type: 'tool_use', id: 't1', name: 'Task', input: { prompt: 'Find it.' } }],
        },
      }),
    ];
    const agent = [
      JSON.stringify({
        ...at,
        type: 'user',
        uuid: 's1',
        parentUuid: null,
        isSidechain: true,
        message: { content: 'Find it.' },
      }),
      JSON.stringify({
        ...at,
        type: 'assistant',
        uuid: 's2',
        parentUuid: 's1',
        isSidechain: true,
        message: { id: 'x2', content: [{ type: 'text', text: 'It is in loader.ts.' }] },
      }),
    ];
    const mainFile = placeTranscript(w, `${session}.jsonl`, `${main.join('\n')}\n`);
    // An older Claude Code's layout: beside the session, sorting before it by name.
    const agentFile = placeTranscript(w, 'agent-a1.jsonl', `${agent.join('\n')}\n`);
    const { summary, code } = run(w);
    expect(code).toBe(0);
    expect(summary.files.map((f: { path: string }) => f.path)).toEqual([mainFile, agentFile]);
    const docs = fs.readdirSync(path.join(w.memory, 'checkpoints'));
    const doc = fs.readFileSync(path.join(w.memory, 'checkpoints', docs[0]), 'utf8');
    expect(doc.indexOf('find the loader')).toBeLessThan(doc.indexOf('Agent prompt (User) · agent a1'));
    expect(doc).toMatch(/\*\*Assistant · agent a1\*\*[^\n]*\n\n```text\nIt is in loader.ts./);
  });
});
