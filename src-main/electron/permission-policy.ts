import type { Session } from 'electron';

/** The session hooks the policy sets (a structural slice of Electron's Session). */
export type PermissionHooks = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

/**
 * CODITECT's pages need no browser permission (camera, microphone, notifications, geolocation,
 * clipboard reads, HID, serial, MIDI…): every request is refused and every check says no, so a
 * script that got into the renderer cannot ask the user for any of them either. Kept apart
 * from security.ts, which needs the Electron runtime, so a plain Node test can call it.
 */
export function denyAllPermissions(session: PermissionHooks): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // HID, serial and USB devices remembered from an earlier grant are refused too.
  session.setDevicePermissionHandler(() => false);
}
