/**
 * STAND-IN FOR THE REMOTE LICENSE SERVICE (Keygen's API), for tests only.
 *
 * A local HTTP server on 127.0.0.1 implementing the Keygen endpoints the app calls —
 * `POST /v1/accounts/<acct>/licenses/actions/validate-key`, `POST …/machines`,
 * `DELETE …/machines/<id>` — and signing every response the way Keygen documents it:
 * `Keygen-Signature: keyid, algorithm="ed25519", signature, headers="(request-target) host
 * date digest"` over those lines, with `Digest: sha-256=<base64>` of the body. Its signing
 * code is written here on purpose, apart from the app's verifier, so a shared mistake in
 * both cannot make the tests pass. `mode` makes it misbehave: tampered, unsigned, signed by
 * another key, slow, failing, or replaying.
 *
 * As Keygen's validate-key does, the signed answer carries what was asked: `meta.nonce` (the
 * request's integer nonce, echoed), `meta.scope`, `meta.ts`, and the license in `data` (its
 * id, and its key in `attributes.key`); a machine's answer names its license in
 * `relationships`. Mode `replay` answers every validate-key with the last signed VALID answer
 * it sent, byte for byte: a recorded answer played back within the signature's date window.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandinMode = 'normal' | 'tamper' | 'unsigned' | 'wrong-key' | 'slow' | 'fail' | 'replay';

export interface StandinLicense {
  id: string;
  key: string;
  maxMachines: number;
  status: 'ACTIVE' | 'SUSPENDED';
}

interface Machine {
  id: string;
  licenseId: string;
  fingerprint: string;
}

export interface KeygenStandin {
  accountUrl: string;
  /** The server's public key as Keygen shows it: 64 hex digits. */
  publicKeyHex: string;
  licenses: StandinLicense[];
  machines: Machine[];
  requests: { method: string; url: string; body: string }[];
  mode: StandinMode;
  slowMs: number;
  /** The last signed VALID validate-key answer, as sent (mode `replay` sends it again). */
  recordedValid: SentResponse | null;
  close(): Promise<void>;
}

export interface SentResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const ACCOUNT = 'acct-standin';

export async function startKeygenStandin(licenses: StandinLicense[] = []): Promise<KeygenStandin> {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const other = crypto.generateKeyPairSync('ed25519').privateKey;
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      standin.requests.push({ method: req.method!, url: req.url!, body });
      if (standin.mode === 'replay' && standin.recordedValid && req.url?.endsWith('/validate-key')) {
        const r = standin.recordedValid;
        res.writeHead(r.status, r.headers).end(r.body);
        return;
      }
      const reply = route(standin, req, body);
      const key = standin.mode === 'wrong-key' ? other : privateKey;
      const send = () => {
        const sent = respond(req, res, reply, key, standin.mode);
        if (sent && isValidAnswer(req, sent)) standin.recordedValid = sent;
      };
      if (standin.mode === 'slow') setTimeout(send, standin.slowMs).unref();
      else send();
    });
  });
  const standin: KeygenStandin = {
    accountUrl: '',
    publicKeyHex: raw.toString('hex'),
    licenses,
    machines: [],
    requests: [],
    mode: 'normal',
    slowMs: 3000,
    recordedValid: null,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standin.accountUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/accounts/${ACCOUNT}`;
  return standin;
}

interface Reply {
  status: number;
  doc: unknown;
}

type State = { licenses: StandinLicense[]; machines: Machine[] };

function route(s: State, req: http.IncomingMessage, body: string): Reply {
  const base = `/v1/accounts/${ACCOUNT}`;
  const url = req.url ?? '';
  if (req.method === 'POST' && url === `${base}/licenses/actions/validate-key`) return validate(s, body);
  if (req.method === 'POST' && url === `${base}/machines`) return activate(s, req, body);
  const m = new RegExp(`^${base}/machines/([^/]+)$`).exec(url);
  if (req.method === 'DELETE' && m) return deactivate(s, req, decodeURIComponent(m[1]!));
  return { status: 404, doc: { errors: [{ title: 'Not found', code: 'NOT_FOUND' }] } };
}

interface ValidateMeta {
  key: string;
  nonce?: number;
  scope?: { fingerprint?: string };
}

function validate(s: State, body: string): Reply {
  const asked = (JSON.parse(body) as { meta: ValidateMeta }).meta;
  const answer = (valid: boolean, code: string, detail: string, data: unknown): Reply => ({
    status: 200,
    doc: {
      meta: {
        ts: new Date().toISOString(),
        valid,
        detail,
        code,
        ...(asked.nonce !== undefined ? { nonce: asked.nonce } : {}),
        ...(asked.scope ? { scope: asked.scope } : {}),
      },
      data,
    },
  });
  const lic = s.licenses.find((l) => l.key === asked.key);
  if (!lic) return answer(false, 'NOT_FOUND', 'license not found', null);
  const data = { id: lic.id, type: 'licenses', attributes: { key: lic.key, status: lic.status } };
  if (lic.status === 'SUSPENDED') return answer(false, 'SUSPENDED', 'is suspended', data);
  const mine = s.machines.filter((m) => m.licenseId === lic.id);
  if (mine.length > lic.maxMachines)
    return answer(false, 'TOO_MANY_MACHINES', 'has too many associated machines', data);
  const fp = asked.scope?.fingerprint;
  if (fp && mine.some((m) => m.fingerprint === fp)) return answer(true, 'VALID', 'is valid', data);
  if (!mine.length) return answer(false, 'NO_MACHINE', 'must have exactly 1 associated machine', data);
  return answer(false, 'FINGERPRINT_SCOPE_MISMATCH', 'fingerprint is not activated', data);
}

function isValidAnswer(req: http.IncomingMessage, sent: SentResponse): boolean {
  return Boolean(req.url?.endsWith('/validate-key')) && sent.body.includes('"valid":true');
}

function licenseOf(s: State, req: http.IncomingMessage): StandinLicense | undefined {
  const auth = req.headers.authorization ?? '';
  return s.licenses.find((l) => auth === `License ${l.key}`);
}

function activate(s: State, req: http.IncomingMessage, body: string): Reply {
  const lic = licenseOf(s, req);
  if (!lic) return { status: 401, doc: { errors: [{ code: 'TOKEN_INVALID' }] } };
  const attrs = (JSON.parse(body) as { data: { attributes: { fingerprint: string } } }).data.attributes;
  const mine = s.machines.filter((m) => m.licenseId === lic.id);
  if (mine.some((m) => m.fingerprint === attrs.fingerprint))
    return {
      status: 422,
      doc: { errors: [{ code: 'FINGERPRINT_TAKEN', detail: 'has already been taken' }] },
    };
  if (mine.length >= lic.maxMachines)
    return {
      status: 422,
      doc: {
        errors: [{ code: 'MACHINE_LIMIT_EXCEEDED', detail: 'machine count has exceeded maximum allowed' }],
      },
    };
  const machine = { id: crypto.randomUUID(), licenseId: lic.id, fingerprint: attrs.fingerprint };
  s.machines.push(machine);
  return {
    status: 201,
    doc: {
      data: {
        id: machine.id,
        type: 'machines',
        attributes: { fingerprint: machine.fingerprint },
        relationships: { license: { data: { type: 'licenses', id: lic.id } } },
      },
    },
  };
}

function deactivate(s: State, req: http.IncomingMessage, id: string): Reply {
  const lic = licenseOf(s, req);
  const i = s.machines.findIndex((m) => m.id === id && m.licenseId === lic?.id);
  if (i < 0) return { status: 404, doc: { errors: [{ code: 'NOT_FOUND' }] } };
  s.machines.splice(i, 1);
  return { status: 204, doc: null };
}

function respond(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  reply: Reply,
  key: crypto.KeyObject,
  mode: StandinMode,
): SentResponse | null {
  if (mode === 'fail') {
    res.writeHead(503, { 'Content-Type': 'text/plain' }).end('service unavailable');
    return null;
  }
  const body = reply.doc === null ? '' : JSON.stringify(reply.doc);
  const date = new Date().toUTCString();
  const digest = `sha-256=${crypto.createHash('sha256').update(body).digest('base64')}`;
  const signed = [
    `(request-target): ${req.method!.toLowerCase()} ${req.url}`,
    `host: ${req.headers.host}`,
    `date: ${date}`,
    `digest: ${digest}`,
  ].join('\n');
  const signature = crypto.sign(null, Buffer.from(signed), key).toString('base64');
  const headers: Record<string, string> = {
    'Content-Type': 'application/vnd.api+json',
    Date: date,
    Digest: digest,
  };
  if (mode !== 'unsigned')
    headers['Keygen-Signature'] =
      `keyid="${ACCOUNT}", algorithm="ed25519", signature="${signature}", headers="(request-target) host date digest"`;
  // Tampering after signing: what a meddling proxy would do to turn "not valid" into "valid".
  const sent = mode === 'tamper' ? tamper(body) : body;
  res.writeHead(reply.status, headers).end(sent);
  return { status: reply.status, headers, body: sent };
}

function tamper(body: string): string {
  return body.includes('"valid":false')
    ? body.replace('"valid":false', '"valid":true ').replace(/"code":"[A-Z_]+"/, '"code":"VALID"')
    : body.replace(/"id":"[^"]*"/, '"id":"forged-machine"');
}
