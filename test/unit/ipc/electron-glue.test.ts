import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSafeExternalUrl, isTrustedUrl } from '../../../src-main/electron/trusted-origin';
import { DEFAULT_STATE, loadWindowState, saveWindowState } from '../../../src-main/electron/window-state';
import { contentSecurityPolicy } from '../../../src-main/ipc/csp';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-window-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state (plain Node part of the Electron glue)', () => {
  it('remembers size, position and maximized', () => {
    const file = path.join(dir, 'a', 'window-state.json');
    saveWindowState(file, { x: 100, y: 50, width: 1300.4, height: 900 }, true);
    expect(loadWindowState(file, screen)).toEqual({
      bounds: { x: 100, y: 50, width: 1300, height: 900 },
      maximized: true,
    });
  });

  it('drops a position that is on no display any more, keeps the size', () => {
    const file = path.join(dir, 'b.json');
    saveWindowState(file, { x: 5000, y: 50, width: 1000, height: 700 }, false);
    expect(loadWindowState(file, screen)).toEqual({ bounds: { width: 1000, height: 700 }, maximized: false });
  });

  it('falls back to the default for a missing or damaged file', () => {
    const file = path.join(dir, 'c.json');
    expect(loadWindowState(file, screen)).toEqual(DEFAULT_STATE);
    fs.writeFileSync(file, '{"x": "left"');
    expect(loadWindowState(file, screen)).toEqual(DEFAULT_STATE);
    fs.writeFileSync(file, JSON.stringify({ x: 0, y: 0, width: 10, height: 10 }));
    expect(loadWindowState(file, screen)).toEqual(DEFAULT_STATE);
  });
});

describe('trusted origins', () => {
  it('trusts app://coditect pages and, in development, the dev server only', () => {
    expect(isTrustedUrl('app://coditect/index.html', null)).toBe(true);
    expect(isTrustedUrl('app://evil/index.html', null)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', null)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedUrl('file:///app/index.html', null)).toBe(false);
    expect(isTrustedUrl('', null)).toBe(false);
    expect(isTrustedUrl('not a url', null)).toBe(false);
  });

  it('opens only plain https links externally', () => {
    expect(isSafeExternalUrl('https://docs.anthropic.com/x')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@example.com')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows only our own scripts and names the preview socket exactly', () => {
    const csp = contentSecurityPolicy({ connect: ['ws://127.0.0.1:4321'] });
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4321");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});
