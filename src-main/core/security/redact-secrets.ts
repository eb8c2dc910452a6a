/**
 * Secrets that must never reach a git-tracked file or the log. Each pattern is replaced by
 * a marker naming its kind, so a reader still sees that something was there.
 */
interface SecretPattern {
  readonly kind: string;
  readonly re: RegExp;
  /** For assignments: keep the name, replace only the value. */
  readonly keepPrefixGroup?: number;
}

const PATTERNS: readonly SecretPattern[] = [
  { kind: 'private-key', re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g },
  { kind: 'aws-access-key', re: /\b(?:AKIA|ASIA|AROA|AIDA)[0-9A-Z]{16}\b/g },
  { kind: 'github-token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/g },
  { kind: 'gitlab-token', re: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { kind: 'slack-token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'anthropic-key', re: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: 'openai-key', re: /\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: 'license-key', re: /\bkey\/[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  {
    kind: 'assignment',
    // NAME_KEY=value, api_token: "value", DB_PASSWORD='value' — the name stays, the value goes.
    re: /(\b[A-Za-z0-9_]*(?:_KEY|_TOKEN|_SECRET|_PASSWORD|_PASSWD|_PWD|^PASSWORD|\bPASSWORD|\bSECRET|\bTOKEN)\s*[:=]\s*)("[^"\n]+"|'[^'\n]+'|[^\s"'][^\s]*)/gim,
    keepPrefixGroup: 1,
  },
];

export interface Redaction {
  readonly text: string;
  readonly count: number;
  readonly kinds: Readonly<Record<string, number>>;
}

export function redactSecrets(text: string): Redaction {
  let count = 0;
  const kinds: Record<string, number> = {};
  let out = text;
  for (const p of PATTERNS) {
    out = out.replace(p.re, (...args: unknown[]) => {
      const match = args[0] as string;
      const prefix = p.keepPrefixGroup ? (args[p.keepPrefixGroup] as string) : '';
      const value = match.slice(prefix.length);
      if (value.startsWith('[REDACTED')) return match;
      count++;
      kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
      return `${prefix}[REDACTED:${p.kind}]`;
    });
  }
  return { text: out, count, kinds };
}
