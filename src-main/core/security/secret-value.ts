/**
 * Whether the value in `NAME = value` looks like a secret. A secret-sounding name alone is not
 * enough: code is full of `STORAGE_KEY = 'todos'`, `TOKEN_HEADER = 'x-auth-token'` and
 * `password: string`, and masking those made the memory unreadable for nothing. A password may
 * be any word, so password names only need a value that is not code; key, token and secret
 * names need a value that looks generated (not a few plain words).
 */
export type SecretNameKind = 'password' | 'key';

/** Names whose value a person chose: any non-code value of a few characters is the secret. */
const PASSWORD_NAME = /(?:PASS|PWD|PASSPHRASE)(?:WORD|WD)?$/i;

export function secretNameKind(name: string): SecretNameKind {
  return PASSWORD_NAME.test(name.replace(/["'\s:=]+$/, '')) ? 'password' : 'key';
}

// Type names, literals and placeholders written where a value would go.
const NOT_A_VALUE = new Set(
  'true false null nil none undefined string str number int bool boolean bytes any object optional required'.split(
    ' ',
  ),
);

/** Placeholders and templates, quoted or not: `<your-key>`, `***`, `xxxx`, `{{ secret }}`, `${SECRET}`. */
const PLACEHOLDER = /^(?:<[^>]*>|\*+|x+|X+|\.+|\{\{.*\}\}|\$\{.*\})$/;

/** A template filled in at run time: `f"user:{id}"`, `todos:${userId}`, `{{ secrets.X }}`. */
const TEMPLATE = /\{[^}]*\}/;

/** A file path: `~/.ssh/id_ed25519.pub`, `./certs/key.pem`, `/etc/ssl/private/site.key`. */
const FILE_PATH = /^(?:~|\.\.?|\/(?:home|Users|etc|var|usr|tmp|opt|run|srv|mnt))\/[^\s]*$/;

/**
 * Unquoted, these are code rather than a value: a property path (`process.env.X`), a call or
 * an index (`getPass()`, `os.environ["X"]`), a camelCase variable without digits (`userInput`),
 * a snake_case variable or an UPPER_SNAKE constant.
 */
const CODE_EXPRESSION =
  /^(?:[A-Za-z_$][A-Za-z_$]*\d{0,2}(?:\.[A-Za-z_$][A-Za-z_$]*\d{0,2})+|[A-Za-z_$][\w$.]*[([].*|[{[(`].*|[a-z]+(?:[A-Z][a-z]*)+|[a-z]+(?:_[a-z]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$/;

/**
 * One plain word of a name: a lower- or upper-case word, a camelCase run, or a short number
 * (`v2`, `10`). Generated values mix letters and digits or cases in no such order.
 */
const PLAIN_PART = /^(?:[A-Za-z][a-z]*(?:[A-Z][a-z]+)*|[A-Z]{1,16}|v?\d{1,3})$/;

export function looksLikeSecretValue(rawValue: string, kind: SecretNameKind): boolean {
  const { value, quoted } = unquote(rawValue);
  if (
    NOT_A_VALUE.has(value.toLowerCase()) ||
    PLACEHOLDER.test(value) ||
    TEMPLATE.test(value) ||
    FILE_PATH.test(value)
  )
    return false;
  if (!quoted && CODE_EXPRESSION.test(value)) return false;
  if (kind === 'password') return value.length >= 4;
  return value.length >= 8 && !value.split(/[-_./: ]+/).every((part) => part === '' || PLAIN_PART.test(part));
}

function unquote(raw: string): { value: string; quoted: boolean } {
  const v = raw.replace(/[,;]+$/, '');
  const q = v[0];
  if ((q === '"' || q === "'") && v.length >= 2 && v.endsWith(q))
    return { value: v.slice(1, -1), quoted: true };
  return { value: v, quoted: false };
}
