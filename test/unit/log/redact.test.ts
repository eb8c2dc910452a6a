import { describe, expect, it } from 'vitest';
import { isSecretFieldName, redactFields, redactForLog } from '../../../src-main/core/log/redact';
import { leaksSecret, readSecretCases } from '../../helpers/secret-corpus';

const LICENSE = 'key/eyJhY2NvdW50IjoiYWNtZSIsInBsYW4iOiJwcm8ifQ.c2lnbmF0dXJlLW9mLXRoZS1rZXktZm9yLXRlc3Rz';

describe('redactForLog', () => {
  const cases: [string, string, string][] = [
    ['license key', `activating ${LICENSE} now`, 'activating key/*** now'],
    ['bearer token', 'Authorization: Bearer abc.def-ghi_123', 'Authorization: Bearer ***'],
    ['anthropic key', 'using sk-ant-api03-AbC_dEf-123456', 'using sk-ant-***'],
    ['github token', 'push with ghp_0123456789abcdefghijABCDEFGHIJ012345', 'push with ghp_***'],
    ['github fine-grained', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop', 'github_pat_***'],
    ['aws access key', 'aws AKIAIOSFODNN7EXAMPLE region', 'aws AKIA*** region'],
    ['env token', 'GITHUB_TOKEN=abc123 next', 'GITHUB_TOKEN=*** next'],
    ['env secret', 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG', 'AWS_SECRET_ACCESS_KEY=***'],
    ['password', 'DB_PASSWORD="hunter 2" ok', 'DB_PASSWORD=*** ok'],
    ['json key', '{"api_key": "s3cr3t", "n": 1}', '{"api_key": ***, "n": 1}'],
    [
      'url credentials',
      'remote https://me:tok3n@github.com/o/r.git',
      'remote https://me:***@github.com/o/r.git',
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(`masks ${name}`, () => {
      expect(redactForLog(input)).toBe(expected);
    });
  }

  it('masks a PEM private key', () => {
    const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\nBBBB\n-----END OPENSSH PRIVATE KEY-----';
    expect(redactForLog(`k: ${pem}`)).not.toContain('AAAA');
  });

  it('leaves ordinary text alone', () => {
    for (const text of [
      'Committed 3 repos',
      'tokens=1200 input',
      'monkey business',
      'duration_ms=12',
      '/home/u/PROJECTS/a',
    ]) {
      expect(redactForLog(text)).toBe(text);
    }
  });
});

describe('redactFields', () => {
  it('masks fields named like secrets and redacts the other values', () => {
    expect(
      redactFields({
        token: 'abc',
        apiKey: 'x',
        GITHUB_TOKEN: 'y',
        password: 12345,
        tokens: 1200,
        note: 'Bearer zzz',
        n: 3,
        ok: true,
        none: null,
      }),
    ).toEqual({
      token: '***',
      apiKey: '***',
      GITHUB_TOKEN: '***',
      password: '***',
      tokens: 1200,
      note: 'Bearer ***',
      n: 3,
      ok: true,
      none: null,
    });
  });

  it('recognises secret field names', () => {
    for (const name of [
      'token',
      'license_key',
      'client-secret',
      'clientSecret',
      'authorization',
      'PASSWORD',
    ]) {
      expect(isSecretFieldName(name), name).toBe(true);
    }
    for (const name of ['tokens', 'keys', 'monkey', 'duration_ms', 'path', 'keep']) {
      expect(isSecretFieldName(name), name).toBe(false);
    }
  });
});

describe('redactForLog: every format the memory redaction knows', () => {
  it('leaves no piece of any secret of the corpus in a log line', () => {
    const leaked = readSecretCases()
      .filter((c) => leaksSecret(redactForLog(c.text), c.secret))
      .map((c) => c.kind);
    expect(leaked).toEqual([]);
  });
});
