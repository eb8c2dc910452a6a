import { describe, expect, it } from 'vitest';
import { denyAllPermissions, type PermissionHooks } from '../../../src-main/electron/permission-policy';

type RequestHandler = Parameters<PermissionHooks['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PermissionHooks['setPermissionCheckHandler']>[0];
type DeviceHandler = Parameters<PermissionHooks['setDevicePermissionHandler']>[0];

/**
 * The Electron runtime cannot start here: the policy is handed a session that keeps the
 * handlers it is given, and those handlers are called as Electron calls them.
 */
function recordingSession() {
  const set: { request?: RequestHandler; check?: CheckHandler; device?: DeviceHandler } = {};
  const session: PermissionHooks = {
    setPermissionRequestHandler: (h) => void (set.request = h),
    setPermissionCheckHandler: (h) => void (set.check = h),
    setDevicePermissionHandler: (h) => void (set.device = h),
  };
  return { session, set };
}

const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'midiSysex',
  'pointerLock',
  'fullscreen',
  'openExternal',
  'clipboard-read',
  'clipboard-sanitized-write',
  'hid',
  'serial',
  'usb',
  'idle-detection',
  'window-management',
  'unknown',
] as const;

describe('session permissions (Electron glue, plain Node part)', () => {
  it('sets every handler', () => {
    const { session, set } = recordingSession();
    denyAllPermissions(session);
    expect(set.request).toBeTypeOf('function');
    expect(set.check).toBeTypeOf('function');
    expect(set.device).toBeTypeOf('function');
  });

  it.each(['hid', 'serial', 'usb'] as const)('refuses a remembered %s device', (deviceType) => {
    const { session, set } = recordingSession();
    denyAllPermissions(session);
    expect(set.device!({ deviceType, origin: 'app://coditect', device: { deviceId: 'd1' } } as never)).toBe(
      false,
    );
  });

  it.each(PERMISSIONS)('denies the request for %s', (permission) => {
    const { session, set } = recordingSession();
    denyAllPermissions(session);
    const answers: boolean[] = [];
    set.request!(null as never, permission as never, (granted) => answers.push(granted), {
      requestingUrl: 'app://coditect/index.html',
      isMainFrame: true,
    } as never);
    expect(answers).toEqual([false]);
  });

  it.each(PERMISSIONS)('answers no to a check for %s', (permission) => {
    const { session, set } = recordingSession();
    denyAllPermissions(session);
    expect(
      set.check!(null, permission as never, 'app://coditect', {
        requestingUrl: 'app://coditect/index.html',
        isMainFrame: true,
        embeddingOrigin: 'app://coditect',
      } as never),
    ).toBe(false);
  });
});
