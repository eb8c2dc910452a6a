import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  applySecretPatterns,
  mayHoldSecret,
  redactSecrets,
  SECRET_SCREEN_VERSION,
} from '../../../src-main/core/security/redact-secrets';

const PRIVATE_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

// Realistic shapes, made up: none of these is a live credential.
const POSITIVE: [kind: string, secret: string][] = [
  ['private-key', PRIVATE_KEY],
  [
    'private-key',
    '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----',
  ],
  [
    'private-key',
    '-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF0Lq7UBCADGmS1dxVsCbJ1+3n9D\n-----END PGP PRIVATE KEY BLOCK-----',
  ],
  ['aws-access-key', 'AKIAIOSFODNN7EXAMPLE'],
  ['aws-access-key', 'ASIAY34FZKBOKMUTVV7A'],
  ['github-token', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a'],
  ['github-token', 'gho_16C7e42F292c6912E7710c838347Ae178B4a'],
  [
    'github-token',
    'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345',
  ],
  ['gitlab-token', 'glpat-xxxxXXXX1234yyyyZZZZ'],
  ['gitlab-token', 'gldt-AbCdEfGhIjKlMnOpQrStUv'],
  ['slack-token', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'],
  ['slack-token', 'xoxp-1234567890-1234567890-1234567890-abcdef0123456789abcdef0123456789'],
  ['slack-webhook', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
  ['anthropic-key', 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEF_-ghij'],
  ['openai-key', 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789_ABCDEF-ghij'],
  ['openai-key', 'sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL'],
  ['google-api-key', 'AIzaSyA1234567890abcdefghijklmnopqrstuv'],
  [
    'jwt',
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  ],
];

const ASSIGNMENTS: [text: string, secret: string][] = [
  [
    'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ],
  ['export GITHUB_TOKEN="s3cr3t-value-here"', 's3cr3t-value-here'],
  ["DB_PASSWORD='hunter2!hunter2'", 'hunter2!hunter2'],
  ['client_secret: abcDEF123456', 'abcDEF123456'],
  ['{"api_key": "live-0123456789"}', 'live-0123456789'],
  ['STRIPE_SECRET = rk_live_0123456789abc', 'rk_live_0123456789abc'],
  ['password=correct-horse-battery', 'correct-horse-battery'],
  ['MY_APP-KEY=zzz999zzz999', 'zzz999zzz999'],
  ['PASSPHRASE=opensesame42', 'opensesame42'],
];

const OTHERS: [kind: string, text: string, secret: string][] = [
  ['authorization', 'Authorization: Bearer abcdefghijklmnop0123456789', 'abcdefghijklmnop0123456789'],
  ['bearer-token', 'curl -H "X: Bearer abcdefghijklmnop0123456789"', 'abcdefghijklmnop0123456789'],
  [
    'url-credentials',
    'git remote add origin https://alice:tok3nValue99@github.example/x.git',
    'tok3nValue99',
  ],
];

const NEGATIVE = [
  'The AKIA prefix alone is not a key: AKIA123.',
  'ghp_short is too short to be a token',
  'sk-learn-style-estimators and sk-ant-short are fine',
  'glpat-short',
  'xoxb-1',
  'eyJhbGciOi.notajwt',
  'const key = "value"; monkey=5; hotkey: ctrl',
  'the token was revoked; a password is needed',
  'API_KEY=$API_KEY and TOKEN=${GITHUB_TOKEN}',
  'the Bearer of bad news',
  'https://example.com/path:with@colon',
  '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----',
  'ordinary prose with numbers 1234567890 and CAPITALS LIKE THESE',
];

describe('redactSecrets: each kind', () => {
  it.each(POSITIVE)('redacts a %s', (kind, secret) => {
    const r = redactSecrets(`before ${secret} after`);
    expect(r.text).not.toContain(secret);
    expect(r.text).toBe(`before [REDACTED:${kind}] after`);
    expect(r.kinds[kind]).toBe(1);
    expect(r.count).toBe(1);
  });

  it.each(ASSIGNMENTS)('redacts the value of %s, keeping the name', (text, secret) => {
    const r = redactSecrets(text);
    expect(r.text).not.toContain(secret);
    expect(r.text).toContain('[REDACTED:assignment]');
    expect(r.text.slice(0, 6)).toBe(text.slice(0, 6));
  });

  it.each(OTHERS)('redacts a %s, keeping what is not secret', (kind, text, secret) => {
    const r = redactSecrets(text);
    expect(r.text).not.toContain(secret);
    expect(r.kinds[kind]).toBe(1);
  });

  it('redacts a private key block that an export cut short (no END line)', () => {
    const cut = PRIVATE_KEY.split('\n').slice(0, 3).join('\n');
    const r = redactSecrets(`cat id_rsa\n${cut}\n… +25 lines (ctrl+o to expand)`);
    expect(r.text).toBe('cat id_rsa\n[REDACTED:private-key]\n… +25 lines (ctrl+o to expand)');
  });

  it.each(NEGATIVE)('leaves harmless text alone: %s', (text) => {
    const r = redactSecrets(text);
    expect(r.text).toBe(text);
    expect(r.count).toBe(0);
  });

  it('counts every secret and kind in a mixed text', () => {
    const text = `${POSITIVE[3]![1]} and ${POSITIVE[5]![1]}\nAPI_TOKEN=abc123def\n${POSITIVE[3]![1]}`;
    const r = redactSecrets(text);
    expect(r.count).toBe(4);
    expect(r.kinds).toEqual({ 'aws-access-key': 2, 'github-token': 1, assignment: 1 });
  });
});

// ---- properties ----

const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split(''));
const upperDigit = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
const urlsafe = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'.split(''),
);
const str = (chars: fc.Arbitrary<string>, min: number, max: number) =>
  fc.array(chars, { minLength: min, maxLength: max }).map((a) => a.join(''));

/** A secret of every kind, with random bodies. */
const secretArb: fc.Arbitrary<string> = fc.oneof(
  str(upperDigit, 16, 16).map((s) => `AKIA${s}`),
  str(alnum, 36, 40).map((s) => `ghp_${s}`),
  str(urlsafe, 20, 30).map((s) => `glpat-${s}`),
  str(alnum, 20, 30).map((s) => `xoxb-${s}`),
  str(urlsafe, 30, 60).map((s) => `sk-ant-api03-${s}`),
  str(urlsafe, 30, 60).map((s) => `sk-proj-${s}`),
  str(alnum, 48, 48).map((s) => `sk-${s}`),
  fc
    .tuple(str(urlsafe, 10, 30), str(urlsafe, 10, 30), str(urlsafe, 10, 30))
    .map(([a, b, c]) => `eyJ${a}.eyJ${b}.${c}`),
  str(
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('')),
    40,
    64,
  ).map((b) => `-----BEGIN EC PRIVATE KEY-----\n${b}\n-----END EC PRIVATE KEY-----`),
  fc
    .tuple(
      fc.constantFrom('API_KEY', 'db_password', 'GITHUB_TOKEN', 'client_secret', 'x-api-key'),
      str(fc.constantFrom(...'abcXYZ0189!#%&*+,./:;<>?@^_|~-'.split('')), 8, 20),
    )
    // A value that looks generated (letters and digits mixed): a plain word under a key name is code.
    .map(([n, v]) => `${n}=Q7${v}9Zq`),
);

const separator = fc.constantFrom(' ', '\n', '\t', ' (', ') ', ', ', '\n\n');
const fragment = fc.oneof(
  fc.string({ maxLength: 20 }),
  secretArb,
  fc.constantFrom(
    'API_KEY=',
    'password: ',
    '"token": "',
    "'",
    '"',
    '=',
    ':',
    '[REDACTED:jwt]',
    '-----BEGIN RSA PRIVATE KEY-----',
    '\n',
    'Bearer ',
    'https://u:',
  ),
);
const messyText = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''));

describe('redactSecrets: properties', () => {
  it('is idempotent: redacting twice changes nothing more', () => {
    fc.assert(
      fc.property(messyText, (text) => {
        const once = redactSecrets(text);
        const twice = redactSecrets(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.count).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never leaves the original secret in the text, whatever surrounds it', () => {
    fc.assert(
      fc.property(messyText, separator, secretArb, separator, messyText, (before, s1, secret, s2, after) => {
        const out = redactSecrets(`${before}${s1}${secret}${s2}${after}`).text;
        expect(out).not.toContain(secret.includes('=') ? secret.slice(secret.indexOf('=') + 1) : secret);
      }),
      { numRuns: 2000 },
    );
  });

  it('never grows a secret-free text (what it does not match, it returns as it was)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }).filter((s) => redactSecrets(s).count === 0),
        (text) => {
          expect(redactSecrets(text).text).toBe(text);
        },
      ),
    );
  });
});

describe('redactSecrets: the prescreen', () => {
  const everyExample = [
    ...POSITIVE.map(([, t]) => t),
    ...ASSIGNMENTS.map(([t]) => t),
    ...OTHERS.map(([, t]) => t),
  ];

  it.each(everyExample)('lets every known secret through to the patterns: %s', (text) => {
    expect(mayHoldSecret(`x ${text} y`)).toBe(true);
  });

  it('skips only texts on which the full pattern set finds nothing', () => {
    fc.assert(
      fc.property(messyText, (text) => {
        if (!mayHoldSecret(text)) expect(applySecretPatterns(text).count).toBe(0);
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the same result as the unscreened patterns on mixed text', () => {
    fc.assert(
      fc.property(messyText, separator, secretArb, (a, s, secret) => {
        const text = `${a}${s}${secret}`;
        expect(redactSecrets(text)).toEqual(applySecretPatterns(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a token whose prefix a wrap cut in two (`g` | `hp_…`)', () => {
    const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    const line = `⏺ ${'x'.repeat(76)} ${token}`;
    const wrapped = `${line.slice(0, 80)}\n  ${line.slice(80)} done`;
    expect(wrapped.split('\n')[0]!.endsWith('g')).toBe(true);
    expect(mayHoldSecret(wrapped)).toBe(true);
    expect(redactSecrets(wrapped).text).toBe(`⏺ ${'x'.repeat(76)} [REDACTED:github-token] done`);
  });

  it('passes ordinary prose without running a pattern', () => {
    expect(mayHoldSecret('we discussed the token budget, the lock and the license key rotation plan')).toBe(
      false,
    );
    expect(mayHoldSecret(NEGATIVE[7]!)).toBe(false);
  });
});

describe('SECRET_SCREEN_VERSION', () => {
  it('comes with every change to the patterns (the store skips text an equal version passed)', () => {
    // The patterns and prescreen, and what decides them: the value judge and the wrap joiner.
    const dir = path.resolve(__dirname, '../../../src-main/core/security');
    const body = ['redact-secrets.ts', 'secret-value.ts', 'wrapped-lines.ts']
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n')
      .replace(/export const SECRET_SCREEN_VERSION = \d+;/, '');
    const fingerprint = createHash('sha256').update(body).digest('hex').slice(0, 16);
    // Changed? If the patterns, the prescreen or what they match changed, bump
    // SECRET_SCREEN_VERSION (stored flags of the old version are then ignored); either way
    // record the new fingerprint.
    expect({ version: SECRET_SCREEN_VERSION, fingerprint }).toEqual({
      version: 2,
      fingerprint: '6ae0a9a283bb745e',
    });
  });
});
