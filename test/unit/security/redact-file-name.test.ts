import { describe, expect, it } from 'vitest';
import { redactFileName } from '../../../src-main/core/security/redact-file-name';

describe('redactFileName', () => {
  it.each([
    ['session-ghp_16C7e42F292c6912E7710c838347Ae178B4a.txt', 'session-REDACTED-github-token.txt'],
    ['key-sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345.txt', 'key-REDACTED-anthropic-key.txt'],
    ['API_KEY=Q7x9Zk2mLp4v.txt', 'API_KEY=REDACTED-assignment.txt'],
  ])('redacts the token in %s, keeping the extension', (name, expected) => {
    expect(redactFileName(name)).toBe(expected);
  });

  it.each([
    '2025-12-01-caveat-the-messages-below-were-generated-by-the-u.txt',
    '2025-12-01-this-session-is-being-continued-from-a-previous-co.txt',
    'export-api-key-rotation.txt',
    'token-budget-notes.txt',
    'conversation-2025-12-01-123456.txt',
  ])('leaves an ordinary export name alone: %s', (name) => {
    expect(redactFileName(name)).toBe(name);
  });
});
