/**
 * Secrets that must never reach a git-tracked file or a commit. Each match is replaced by a
 * marker naming its kind, so a reader still sees that something was there. The patterns
 * err on the side of redacting: a masked harmless string costs a little readability, a
 * committed token is in the history for good.
 *
 * Idempotent by construction: a marker matches no pattern, and an assignment whose value is
 * already a marker is left alone.
 */
import { looksLikeSecretValue, secretNameKind } from './secret-value';
import { type Cut, type Edit, joinWrappedLines, restoreCuts, shiftCuts, wrapSeams } from './wrapped-lines';

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
  /** Given the kept prefix and the value, whether this match is a secret (else it stays). */
  readonly accept?: (prefix: string, value: string) => boolean;
}

// A value in `NAME=value`: quoted, or up to the next space. `$NAME` / `${NAME}` are references, not secrets.
const VALUE = String.raw`("[^"\n]+"|'[^'\n]+'|(?!\$\{?[A-Z_][A-Z0-9_]*\}?(?:[\s"',;]|$))[^\s"'][^\s]*)`;
/** `KEY` in any case, for a name that ends in it after a separator (`api-key`, `DB_PASS`). */
const anyCase = (word: string) => [...word].map((c) => `[${c.toUpperCase()}${c.toLowerCase()}]`).join('');
const SEPARATED = ['KEY', 'PWD', 'PASS'].map(anyCase).join('|');
const CAMEL = ['Key', 'Pass', 'Pwd'].join('|');
const ANYWHERE = ['TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'PASSPHRASE', 'CREDENTIALS', 'CREDENTIAL']
  .map(anyCase)
  .join('|');
// Names that say "secret": FOO_KEY, api-key, secretAccessKey, DB_PASS, TOKEN, client_secret, PASSPHRASE…
const SECRET_NAME = String.raw`(?:[A-Za-z0-9_.-]*[_.-](?:${SEPARATED})|[A-Za-z0-9_.-]*[a-z0-9](?:${CAMEL})|[A-Za-z0-9_.-]*(?:${ANYWHERE})|${anyCase('APIKEY')}|${anyCase('PASSWORD')})`;

const SCHEME_BEFORE = /(?:Basic|Bearer|Token|Bot|Digest)[ \t]*$/i;

const SECRET_NAME_HINT = /KEY|PWD|PASS|TOKEN|SECRET|CREDENTIAL/i;

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
  { kind: 'google-oauth-secret', re: /\bGOCSPX-[A-Za-z0-9_-]{20,}/g },
  { kind: 'stripe-key', re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|\bwhsec_[A-Za-z0-9+/=]{20,}/g },
  { kind: 'npm-token', re: /\bnpm_[A-Za-z0-9]{36,}/g },
  { kind: 'huggingface-token', re: /\bhf_[A-Za-z0-9]{30,}/g },
  { kind: 'sendgrid-key', re: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  { kind: 'twilio-key', re: /\bSK[0-9a-f]{32}\b/g },
  { kind: 'jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g },
  { kind: 'license-key', re: /\bkey\/[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  // Azure connection strings and shared access signatures: the name stays, the key goes.
  {
    kind: 'azure-key',
    re: /(\b(?:AccountKey|SharedAccessKey)=)[A-Za-z0-9+/=%]{16,}/g,
    keepPrefixGroup: 1,
  },
  { kind: 'azure-sas', re: /([?&;]sig=)[A-Za-z0-9+/=%]{16,}/g, keepPrefixGroup: 1 },
  {
    kind: 'authorization',
    re: /(\bAuthorization["']?[ \t]*[:=][ \t]*["']?(?:Basic|Bearer|Token|Bot|Digest)?[ \t]*)[A-Za-z0-9._~+/=-]{8,}/gi,
    keepPrefixGroup: 1,
    // After a scheme, whatever follows is the credential; without one, only a value that looks generated.
    accept: (prefix, value) => SCHEME_BEFORE.test(prefix) || looksLikeSecretValue(value, 'key'),
  },
  { kind: 'bearer-token', re: /(\bBearer[ \t]+)[A-Za-z0-9._~+/-]{16,}=*/gi, keepPrefixGroup: 1 },
  // `mysql -uroot -pS3cret db`, `mysqldump --password=S3cret`: the password sits glued to -p.
  {
    kind: 'command-password',
    re: /(\bmysql(?:dump|admin|sh)?\b[^\n]*?[ \t](?:-p|--password=))(?!\$)[^\s'"]+/g,
    keepPrefixGroup: 1,
  },
  // `curl -u user:pass`, `curl --user "user:pass"`: the user stays, the password goes.
  {
    kind: 'command-password',
    re: /(\bcurl\b[^\n]*?[ \t](?:-u|--user)[ \t=]*["']?[^\s:'"]*:)(?!\$)[^\s'"]+/g,
    keepPrefixGroup: 1,
  },
  // https://user:token@host: the user stays, the password (which may hold an `@`) goes. Brackets
  // are never in a URL's password (RFC 3986 has them percent-encoded there), but are in markers.
  {
    kind: 'url-credentials',
    re: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s/[\]]*[^\s/@[\]](?=@[^\s@/]*(?:[/\s:?#"'`)]|$))/gim,
    keepPrefixGroup: 1,
    hint: (t) => t.includes('://') && t.includes('@'),
  },
  {
    kind: 'assignment',
    // NAME_KEY=value, "api_token": "value", DB_PASSWORD='value' — the name stays, the value goes.
    re: new RegExp(String.raw`(\b${SECRET_NAME}["']?[ \t]*[:=][ \t]*)${VALUE}`, 'g'),
    keepPrefixGroup: 1,
    hint: (t) => SECRET_NAME_HINT.test(t),
    accept: (name, value) => looksLikeSecretValue(value, secretNameKind(name)),
  },
];

const MARKER = '[REDACTED';
/**
 * A value an earlier pass redacted: nothing but the log's `***` mask or a marker, or, after a
 * kept name, a value holding a marker (passed over, and what follows the name is scanned again,
 * so a secret beside the marker is still found). A block that swallows a marker (a key block
 * around one) is redacted whole.
 */
function isRedacted(value: string, p: SecretPattern): boolean {
  if (/^\*{3,}$/.test(value) || value.startsWith(MARKER)) return true;
  return p.keepPrefixGroup !== undefined && value.includes(MARKER);
}

/**
 * Necessary conditions of every pattern above, in two passes over the text instead of fifteen:
 * a message that matches neither (nearly all of them) cannot hold a secret. The first is the
 * literal start of each token format; the second, case-insensitive, the bearer, URL and
 * assignment shapes (a secret-sounding name right before `:` or `=`). Keep them in step with
 * PATTERNS: the tests run every pattern's examples through both paths.
 */
const PRESCREEN =
  /-----BEGIN |(?:AKIA|ASIA|AROA|AIDA|AGPA|ANPA|ANVA|AIPA|ABIA|ACCA)[0-9A-Z]|gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt|cbt|ft|imt|soat|oas|agent)-|xox[abposre]-|xapp-\d|hooks\.slack\.com\/|sk-|AIza|OCSPX-|k_live_|k_test_|hsec_|npm_|hf_|G\.|K[0-9a-f]|eyJ|key\/|Key=|[?&;]sig=/;
const PRESCREEN_CI =
  /bearer[ \t]|authorization|mysql|curl[ \t]|:\/\/[^\s:/@]*:|(?:KEY|PWD|PASS|TOKEN|SECRET|PASSW(?:OR)?D|PASSPHRASE|CREDENTIALS?)["']?[ \t]*[:=]/i;

/**
 * Bump with every change to PATTERNS or the prescreen: the store remembers which version found
 * a message clean (messages.clean), and text screened by an older version is screened again.
 */
export const SECRET_SCREEN_VERSION = 2;

/** False when no pattern can match `text`; true means "run the patterns", not "found one". */
export function mayHoldSecret(text: string): boolean {
  if (PRESCREEN.test(text) || PRESCREEN_CI.test(text)) return true;
  // A wrap can cut a token's prefix itself (`gh` | `p_…`): look again across each break.
  const seams = wrapSeams(text);
  return seams !== '' && (PRESCREEN.test(seams) || PRESCREEN_CI.test(seams));
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

/**
 * Every pattern, unscreened: what `redactSecrets` does once the prescreen lets a text through.
 * First on the text with wrapped tokens joined (the line breaks no redaction swallowed are put
 * back), then on the lines as they are: a break that only looked like a wrap (two tokens on
 * adjacent lines, the second losing its word boundary when joined) hides nothing.
 */
export function applySecretPatterns(text: string): Redaction {
  const { joined, cuts, continuations } = joinWrappedLines(text);
  if (!cuts.length) return runPatterns(text, []);
  const first = runPatterns(joined, cuts);
  // Only a line that continued a wrapped one can start a secret the joined view hid.
  if (!PRESCREEN.test(continuations) && !PRESCREEN_CI.test(continuations)) return first;
  const second = runPatterns(first.text, []);
  const kinds: Record<string, number> = { ...first.kinds };
  for (const [kind, n] of Object.entries(second.kinds)) kinds[kind] = (kinds[kind] ?? 0) + n;
  return { text: second.text, count: first.count + second.count, kinds };
}

/** The patterns in order on `text`, where `cuts` are the line breaks to put back. */
function runPatterns(text: string, initialCuts: readonly Cut[]): Redaction {
  let count = 0;
  const kinds: Record<string, number> = {};
  let out = text;
  let cuts = initialCuts;
  for (const p of PATTERNS) {
    if (p.hint && !p.hint(out)) continue;
    const pass = redactMatches(out, p);
    if (!pass.edits.length) continue;
    out = pass.text;
    count += pass.edits.length;
    kinds[p.kind] = (kinds[p.kind] ?? 0) + pass.edits.length;
    cuts = shiftCuts(cuts, pass.edits);
  }
  return { text: restoreCuts(out, cuts), count, kinds };
}

/**
 * One pattern over the text. A match the pattern does not accept (a key name with a value that
 * is code) is passed over from the end of its name on, not from its end: what followed the name
 * may hold another assignment.
 */
function redactMatches(text: string, p: SecretPattern): { text: string; edits: Edit[] } {
  const edits: Edit[] = [];
  const marker = `${MARKER}:${p.kind}]`;
  const re = p.re;
  re.lastIndex = 0;
  let out = '';
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const prefix = p.keepPrefixGroup ? (m[p.keepPrefixGroup] ?? '') : '';
    const value = m[0].slice(prefix.length);
    if (isRedacted(value, p) || (p.accept && !p.accept(prefix, value))) {
      re.lastIndex = m.index + Math.max(prefix.length, 1);
      continue;
    }
    out += text.slice(from, m.index) + prefix + marker;
    from = m.index + m[0].length;
    edits.push({ at: m.index + prefix.length, removed: value.length, added: marker.length });
  }
  return { text: out + text.slice(from), edits };
}
