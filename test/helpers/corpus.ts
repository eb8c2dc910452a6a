import fs from 'node:fs';
import path from 'node:path';

/**
 * A synthetic corpus shaped like real use: /export text files (v1 and v2 markers) and Claude
 * Code JSONL transcripts, with about a third of the messages repeated across files (overlapping
 * exports, resumed sessions). Deterministic for a given seed.
 */
export interface CorpusOptions {
  exportFiles: number;
  transcriptFiles: number;
  exchangesPerFile: number;
  /** Share of exchanges drawn from a common pool, so they repeat across files. */
  repeatShare: number;
  /** Bytes of filler per assistant answer: makes files bigger without more messages. */
  answerBytes: number;
  /** Assistant lines carry a model and token usage, as real transcripts do (what usage reporters read). */
  usage?: boolean;
  seed?: number;
}

export interface CorpusFiles {
  exports: string[];
  transcripts: string[];
  bytes: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const WORDS =
  'log cap dedup checkpoint archive submodule index manifest transcript export git commit push lock wizard license search session token render window'.split(
    ' ',
  );

function sentence(r: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
}

function filler(r: () => number, bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const l = sentence(r, 12);
    lines.push(l);
    size += l.length + 1;
  }
  return lines.join('\n');
}

interface Exchange {
  prompt: string;
  answer: string;
  tool: string;
  result: string;
}

function exchange(r: () => number, id: string, answerBytes: number): Exchange {
  return {
    prompt: `Task ${id}: ${sentence(r, 10)}`,
    answer: `Working on ${id}. ${filler(r, answerBytes)}`,
    tool: `Bash(grep -rn "${WORDS[Math.floor(r() * WORDS.length)]}-${id}" src/)`,
    result: `src/${id}.ts:1: ${sentence(r, 6)}`,
  };
}

function renderExport(xs: Exchange[], v2: boolean): string {
  const bullet = v2 ? '●' : '⏺';
  const prompt = v2 ? '❯' : '>';
  const banner = v2
    ? ' ▐▛███▜▌   Claude Code v2.1.40\n▝▜█████▛▘  Opus 4.5 · Claude Max\n  ▘▘ ▝▝    ~/PROJECTS/demo\n'
    : '╭──────────────────────────────╮\n│ ✻ Welcome to Claude Code!    │\n│   cwd: /home/u/PROJECTS/demo │\n╰──────────────────────────────╯\n';
  const body = xs.map((x) => {
    const answer = x.answer.split('\n').join('\n  ');
    return `${prompt} ${x.prompt}\n\n${bullet} ${answer}\n\n${bullet} ${x.tool}\n  ⎿  ${x.result}\n`;
  });
  return `${banner}\n${body.join('\n')}`;
}

const USAGE = {
  input_tokens: 4,
  cache_creation_input_tokens: 1834,
  cache_read_input_tokens: 15530,
  output_tokens: 212,
  service_tier: 'standard',
};

function renderTranscript(xs: Exchange[], session: string, fileNo: number, usage: boolean): string {
  const lines: string[] = [];
  let parent: string | null = null;
  xs.forEach((x, i) => {
    const base = {
      sessionId: session,
      cwd: '/home/u/PROJECTS/demo',
      gitBranch: 'main',
      isSidechain: false,
      timestamp: new Date(Date.UTC(2026, 9, 1, 10, 0, i)).toISOString(),
    };
    const u = `${session.slice(0, 8)}-${fileNo}-${i}-u`;
    const a = `${session.slice(0, 8)}-${fileNo}-${i}-a`;
    lines.push(
      JSON.stringify({
        ...base,
        type: 'user',
        uuid: u,
        parentUuid: parent,
        message: { role: 'user', content: x.prompt },
      }),
    );
    lines.push(
      JSON.stringify({
        ...base,
        type: 'assistant',
        uuid: a,
        parentUuid: u,
        message: {
          id: `msg_${a}`,
          role: 'assistant',
          content: [{ type: 'text', text: x.answer }],
          ...(usage ? { model: 'claude-sonnet-4-5-20250929', usage: USAGE } : {}),
        },
        ...(usage ? { requestId: `req_${a}` } : {}),
      }),
    );
    parent = a;
  });
  return lines.join('\n') + '\n';
}

/** The corpus of `npm run bench`: about 200 MB in 1,100 files at scale 1 (700 exports, 400 transcripts). */
export function benchCorpusOptions(scale: number): CorpusOptions {
  return {
    exportFiles: Math.round(700 * scale),
    transcriptFiles: Math.round(400 * scale),
    exchangesPerFile: 40,
    repeatShare: 0.33,
    answerBytes: 4500,
  };
}

/**
 * Message-heavy: about 205 MB and 409,000 messages of ~500 bytes at scale 1, in 2,158 files
 * (1,315 exports, 843 transcripts with token usage): the cost per message, not per byte.
 */
export function heavyCorpusOptions(scale: number): CorpusOptions {
  return {
    exportFiles: Math.round(1315 * scale),
    transcriptFiles: Math.round(843 * scale),
    exchangesPerFile: 59,
    repeatShare: 0.33,
    answerBytes: 1050,
    usage: true,
  };
}

export function generateCorpus(dir: string, o: CorpusOptions): CorpusFiles {
  const r = rng(o.seed ?? 42);
  const pool = Array.from({ length: Math.max(8, o.exchangesPerFile * 2) }, (_, i) =>
    exchange(r, `common-${i}`, o.answerBytes),
  );
  let uniq = 0;
  const pick = (): Exchange =>
    r() < o.repeatShare ? pool[Math.floor(r() * pool.length)]! : exchange(r, `u${uniq++}`, o.answerBytes);
  const out: CorpusFiles = { exports: [], transcripts: [], bytes: 0 };
  const exportsDir = path.join(dir, 'exports');
  const projectsDir = path.join(dir, 'claude', 'projects', '-home-u-PROJECTS-demo');
  fs.mkdirSync(exportsDir, { recursive: true });
  fs.mkdirSync(projectsDir, { recursive: true });
  const past = new Date(Date.now() - 3600_000);
  for (let f = 0; f < o.exportFiles; f++) {
    const file = path.join(exportsDir, `${String(f).padStart(5, '0')}-session-notes.txt`);
    const text = renderExport(Array.from({ length: o.exchangesPerFile }, pick), f % 2 === 1);
    fs.writeFileSync(file, text);
    fs.utimesSync(file, past, past);
    out.exports.push(file);
    out.bytes += Buffer.byteLength(text);
  }
  for (let f = 0; f < o.transcriptFiles; f++) {
    const session = `${String(f).padStart(8, '0')}-aaaa-4bbb-8ccc-dddddddddddd`;
    const file = path.join(projectsDir, `${session}.jsonl`);
    const text = renderTranscript(
      Array.from({ length: o.exchangesPerFile }, pick),
      session,
      f,
      o.usage ?? false,
    );
    fs.writeFileSync(file, text);
    fs.utimesSync(file, past, past);
    out.transcripts.push(file);
    out.bytes += Buffer.byteLength(text);
  }
  return out;
}
