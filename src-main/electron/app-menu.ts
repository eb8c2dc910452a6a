/**
 * The desktop app's menu bar: the platform's standard menus, and Help › Report a problem…,
 * which asks the window to open its report dialog (the report is built and shown there; the
 * menu sends nothing anywhere). Types only from electron: the template is testable without it.
 */
import type { MenuItemConstructorOptions } from 'electron';

export type AppCommand = 'report-problem';

export function appMenuTemplate(
  onCommand: (command: AppCommand) => void,
  isMac: boolean,
): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Report a problem…', click: () => onCommand('report-problem') }],
    },
  ];
}
