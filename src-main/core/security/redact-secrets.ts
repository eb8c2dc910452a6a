/**
 * Secrets that must never reach a git-tracked file or a commit. Each match is replaced by a
 * marker naming its kind, so a reader still sees that something was there. The patterns
 * err on the side of redacting: a masked harmless string costs a little readability, a
 * committed token is in the history for good.
 *
 * Idempotent by construction: a marker matches no pattern, and an assignment whose value is
 * already a marker is left alone.
 */
interface SecretPattern {
  readonly kind: string;
  readonly re: RegExp;
  /** For assignments and URLs: keep this group (the name), replace only what follows. */
  readonly keepPrefixGroup?: number;
  /**
   * A cheap necessary condition. The assignment and URL patterns start matching at every word
   * boundary and backtrack; skipping them on text that cannot match keeps redaction of a large
   * import's messages from dominating the run.
   */
  readonly hint?: (text: string) => boolean;
}

// A value in `NAME=value`: quoted, or up to the next space. `$NAME` / `${NAME}` are references, not secrets.
const VALUE = String.raw`("[^"\n]+"|'[^'\n]+'|(?!\$\{?[A-Z_][A-Z0-9_]*\}?(?:[\s"',;]|$))[^\s"'][^\s]*)`;
// Names that say "secret": FOO_KEY, api-key, db.password, TOKEN, client_secret, PASSPHRASE…
const SECRET_NAME = String.raw`(?:[A-Za-z0-9_.-]*[_.-](?:KEY|PWD)|[A-Za-z0-9_.-]*(?:TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIALS?)|API_?KEY)`;

const SECRET_NAME_HINT = /KEY|PWD|TOKEN|SECRET|PASSW|PASSPHRASE|CREDENTIAL/i;

const PATTERNS: readonly SecretPattern[] = [
  {
    kind: 'private-key',
    // Through the END line; a block cut short (exports truncate long tool output) up to where the base64 stops.
    re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|(?:[ \t]*\r?\n[ \t]*(?:[A-Za-z0-9+/=]{8,}|[A-Za-z-]+: ?.*))*)/g,
  },
  { kind: 'aws-access-key', re: /\b(?:AKIA|ASIA|AROA|AIDA|AGPA|ANPA|ANVA|AIPA|ABIA|ACCA)[0-9A-Z]{16,}/g },
  { kind: 'github-token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g },
  { kind: 'gitlab-token', re: /\bgl(?:pat|dt|rt|ptt|cbt|ft|imt|soat|oas|agent)-[A-Za-z0-9_-]{20,}/g },
  { kind: 'slack-token', re: /\bxox[abposre]-[A-Za-z0-9-]{10,}|\bxapp-\d-[A-Za-z0-9-]{10,}/g },
  {
    kind: 'slack-webhook',
    re: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{20,}/g,
  },
  { kind: 'anthropic-key', re: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  // Project / service keys, or a legacy key (one alphanumeric run: `sk-learn-style-names` stay).
  { kind: 'openai-key', re: /\bsk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{32,})/g },
  { kind: 'google-api-key', re: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: 'jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g },
  { kind: 'license-key', re: /\bkey\/[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  { kind: 'bearer-token', re: /(\bBearer[ \t]+)[A-Za-z0-9._~+/-]{16,}=*/gi, keepPrefixGroup: 1 },
  // https://user:token@host: the user stays, the password goes.
  {
    kind: 'url-credentials',
    re: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s/@]+(?=@)/gi,
    keepPrefixGroup: 1,
    hint: (t) => t.includes('://') && t.includes('@'),
  },
  {
    kind: 'assignment',
    // NAME_KEY=value, "api_token": "value", DB_PASSWORD='value' — the name stays, the value goes.
    re: new RegExp(String.raw`(\b${SECRET_NAME}["']?[ \t]*[:=][ \t]*)${VALUE}`, 'gi'),
    keepPrefixGroup: 1,
    hint: (t) => SECRET_NAME_HINT.test(t),
  },
];

const MARKER = '[REDACTED';

/**
 * Necessary conditions of every pattern above, in two passes over the text instead of fifteen:
 * a message that matches neither (nearly all of them) cannot hold a secret. The first is the
 * literal start of each token format; the second, case-insensitive, the bearer, URL and
 * assignment shapes (a secret-sounding name right before `:` or `=`). Keep them in step with
 * PATTERNS: the tests run every pattern's examples through both paths.
 */
const PRESCREEN =
  /-----BEGIN |(?:AKIA|ASIA|AROA|AIDA|AGPA|ANPA|ANVA|AIPA|ABIA|ACCA)[0-9A-Z]{16}|gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt|cbt|ft|imt|soat|oas|agent)-|xox[abposre]-|xapp-\d|hooks\.slack\.com\/|sk-|AIza|eyJ|key\//;
const PRESCREEN_CI =
  /bearer[ \t]|:\/\/[^\s:/@]+:|(?:KEY|PWD|TOKEN|SECRET|PASSW(?:OR)?D|PASSPHRASE|CREDENTIALS?)["']?[ \t]*[:=]/i;

/**
 * Bump with every change to PATTERNS or the prescreen: the store remembers which version found
 * a message clean (messages.clean), and text screened by an older version is screened again.
 */
export const SECRET_SCREEN_VERSION = 1;

/** False when no pattern can match `text`; true means "run the patterns", not "found one". */
export function mayHoldSecret(text: string): boolean {
  return PRESCREEN.test(text) || PRESCREEN_CI.test(text);
}

export interface Redaction {
  readonly text: string;
  readonly count: number;
  readonly kinds: Readonly<Record<string, number>>;
}

const CLEAN: Readonly<Record<string, number>> = Object.freeze({});

export function redactSecrets(text: string): Redaction {
  return mayHoldSecret(text) ? applySecretPatterns(text) : { text, count: 0, kinds: CLEAN };
}

/** Every pattern, unscreened: what `redactSecrets` does once the prescreen lets a text through. */
export function applySecretPatterns(text: string): Redaction {
  let count = 0;
  const kinds: Record<string, number> = {};
  let out = text;
  for (const p of PATTERNS) {
    if (p.hint && !p.hint(out)) continue;
    out = out.replace(p.re, (...args: unknown[]) => {
      const match = args[0] as string;
      const prefix = p.keepPrefixGroup ? ((args[p.keepPrefixGroup] as string | undefined) ?? '') : '';
      const value = match.slice(prefix.length);
      if (value.startsWith(MARKER)) return match;
      count++;
      kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
      return `${prefix}${MARKER}:${p.kind}]`;
    });
  }
  return { text: out, count, kinds };
}
