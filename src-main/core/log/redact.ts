/**
 * Secrets never reach the log. Every message and field value passes through `redactForLog`
 * before it is formatted; fields whose name says "secret" are masked whole. The patterns err
 * on the side of masking: a masked harmless word costs nothing, a logged token is a breach.
 * The marker keeps the kind visible (`ghp_***`, `Bearer ***`) so a reader still sees what
 * was there.
 */
import { redactSecrets } from '../security/redact-secrets';
import { wrapSeams } from '../security/wrapped-lines';
import type { LogFields } from './log-line';

const REDACTED = '***';

interface Rule {
  re: RegExp;
  replace: string;
}

const SECRET_NAME = String.raw`[A-Za-z0-9_.-]*(?:token|secret|password|passwd|pwd|key|credentials?)`;

const RULES: readonly Rule[] = [
  {
    re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
    replace: '-----PRIVATE KEY ***-----',
  },
  // License keys: key/<base64url payload>.<base64url signature>
  { re: /\bkey\/[A-Za-z0-9_\-+/=]{16,}(?:\.[A-Za-z0-9_\-+/=]+)?/g, replace: 'key/***' },
  { re: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, replace: '$1 ***' },
  { re: /\bsk-ant-[A-Za-z0-9_-]+/g, replace: 'sk-ant-***' },
  { re: /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}/g, replace: 'sk-***' },
  { re: /\b(gh[pousr]_)[A-Za-z0-9]{16,}/g, replace: '$1***' },
  { re: /\bgithub_pat_[A-Za-z0-9_]{20,}/g, replace: 'github_pat_***' },
  { re: /\bglpat-[A-Za-z0-9_-]{16,}/g, replace: 'glpat-***' },
  { re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: 'xox*-***' },
  { re: /\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/g, replace: '$1***' },
  // Credentials inside URLs, e.g. a git remote https://user:token@github.com/…
  { re: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s/@]+@/gi, replace: `$1${REDACTED}@` },
  // NAME_TOKEN=value, "api_key": "value", password: value — the name stays, the value goes.
  {
    re: new RegExp(
      String.raw`(\b${SECRET_NAME}"?\s*[=:]\s*)("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"',;&]+)`,
      'gi',
    ),
    replace: `$1${REDACTED}`,
  },
];

// One cheap test first: almost no log text contains any hint, and the full rule set is the
// costliest part of logging a line.
const HINT =
  /key|token|secret|passw|pwd|credential|bearer|basic|sk-|gh[pousr]_|github_pat|glpat|xox|A[KSGIRNP][A-Z]{2}[0-9A-Z]{16}|:\/\/|PRIVATE/i;

// Singular only: `tokens` / `keys` are counts (token usage, keys processed), not secrets.
const SECRET_FIELD =
  /(?:^|[^a-z])(?:token|secret|password|passwd|pwd|key|apikey|credentials?|authorization|cookie)$/i;

export function redactForLog(value: string): string {
  // A token wrapped across lines (export text) is found whole only by the memory's rules, which
  // join such lines: they go first there, or the rules below would mask its first line alone.
  let out = wrapSeams(value) ? redactSecrets(value).text : value;
  if (HINT.test(out)) for (const rule of RULES) out = out.replace(rule.re, rule.replace);
  // Then every format the memory's redaction knows (Stripe, npm, Azure, wrapped tokens…):
  // one rule set to keep complete, with its own prescreen for the lines that hold none.
  return redactSecrets(out).text;
}

/** True for field names like `token`, `api_key`, `GITHUB_TOKEN`, `clientSecret`, `password`. */
export function isSecretFieldName(name: string): boolean {
  return SECRET_FIELD.test(name) || /[a-z](?:Token|Secret|Password|Key)$/.test(name);
}

export function redactFields(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return fields;
  // fromEntries defines own properties, so a field named `__proto__` cannot touch the prototype.
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, redactField(name, value)]));
}

function redactField(name: string, value: LogFields[string]): LogFields[string] {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (isSecretFieldName(name)) return REDACTED;
  return typeof value === 'string' ? redactForLog(value) : value;
}
