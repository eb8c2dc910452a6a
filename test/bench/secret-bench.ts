/**
 * Throughput of the secret screen and of the guard before git, on the bench corpus's exports.
 *
 * prescreen: `mayHoldSecret` on every message (what the parse worker runs on each one),
 *            against the prescreen of SECRET_SCREEN_VERSION 1 (the two regexes, copied below)
 *            on the same messages.
 * guard:     `guardMemoryFiles` over the exports as archived copies (read, decode, screen,
 *            redact where needed, write back), against `grep -E` of a comparable pattern over
 *            the same files (read and match only).
 * A few secrets are planted, one per 50 files, so the redaction path runs too.
 *
 * Alone, at a small scale: `npx tsx test/bench/secret-bench.ts [files]`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { guardMemoryFiles } from '../../src-main/core/git/secret-guard';
import { mayHoldSecret } from '../../src-main/core/security/redact-secrets';
import { generateCorpus } from '../helpers/corpus';

export interface SecretBenchResult {
  megabytes: number;
  messages: number;
  prescreenMBps: number;
  prescreenV1MBps: number;
  guardMBps: number;
  grepMBps: number;
  redactions: number;
}

// SECRET_SCREEN_VERSION 1, as it was: the baseline of the prescreen.
const V1_PRESCREEN =
  /-----BEGIN |(?:AKIA|ASIA|AROA|AIDA|AGPA|ANPA|ANVA|AIPA|ABIA|ACCA)[0-9A-Z]{16}|gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt|cbt|ft|imt|soat|oas|agent)-|xox[abposre]-|xapp-\d|hooks\.slack\.com\/|sk-|AIza|eyJ|key\//;
const V1_PRESCREEN_CI =
  /bearer[ \t]|:\/\/[^\s:/@]+:|(?:KEY|PWD|TOKEN|SECRET|PASSW(?:OR)?D|PASSPHRASE|CREDENTIALS?)["']?[ \t]*[:=]/i;

const GREP_PATTERN = 'sk-|ghp_|AKIA|eyJ|BEGIN .*PRIVATE|[Bb]earer |[Pp]assword[=:]|_KEY=|TOKEN=|://[^ :/@]+:';

const PLANTED = 'DB_PASSWORD=Wint3r-is-c0ming and ghp_Q7bX2mK9vR4tY8wN3pL6sD1fG5hJ0kZ3aB7c';

export function benchSecrets(opts: { exportFiles: readonly string[]; dir: string }): SecretBenchResult {
  const archive = path.join(opts.dir, 'memory', 'exports-archive');
  fs.mkdirSync(archive, { recursive: true });
  const copies = opts.exportFiles.map((f, i) => {
    const to = path.join(archive, `${i}-${path.basename(f)}`);
    fs.copyFileSync(f, to);
    if (i % 50 === 0) fs.appendFileSync(to, `\n> ${PLANTED}\n`);
    return to;
  });
  const bytes = copies.reduce((n, f) => n + fs.statSync(f).size, 0);
  const megabytes = bytes / (1024 * 1024);
  const messages = copies.flatMap((f) => fs.readFileSync(f, 'utf8').split(/\n\n+/));

  // Interleaved rounds, the median of each: on a shared machine the load changes within seconds.
  const [prescreenMs, v1Ms] = medianOfRounds(5, [
    () => messages.forEach((m) => mayHoldSecret(m)),
    () => messages.forEach((m) => V1_PRESCREEN.test(m) || V1_PRESCREEN_CI.test(m)),
  ]);
  let redactions = 0;
  const [grepMs, guardMs] = medianOfRounds(1, [
    () => spawnSync('grep', ['-cE', GREP_PATTERN, ...copies], { stdio: 'ignore' }),
    () => {
      redactions = guardMemoryFiles(path.join(opts.dir, 'memory'), copies).reduce(
        (n, g) => n + g.redactions,
        0,
      );
    },
  ]);
  const rate = (ms: number) => megabytes / (ms / 1000);
  return {
    megabytes,
    messages: messages.length,
    prescreenMBps: rate(prescreenMs),
    prescreenV1MBps: rate(v1Ms),
    guardMBps: rate(guardMs),
    grepMBps: rate(grepMs),
    redactions,
  };
}

function medianOfRounds(rounds: number, fns: readonly (() => unknown)[]): number[] {
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++)
    fns.forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      times[i]!.push(performance.now() - t0);
    });
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!);
}

/** On a corpus of its own (`exportFiles` generated exports), so no other bench moved them first. */
export function benchSecretsOnCorpus(dir: string, exportFiles: number): SecretBenchResult {
  const corpus = generateCorpus(path.join(dir, 'gen'), {
    exportFiles,
    transcriptFiles: 0,
    exchangesPerFile: 40,
    repeatShare: 0.33,
    answerBytes: 4500,
  });
  return benchSecrets({ exportFiles: corpus.exports, dir });
}

if (require.main === module) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-secret-bench-'));
  try {
    console.log(JSON.stringify(benchSecretsOnCorpus(dir, Number(process.argv[2] ?? '40')), null, 2));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
