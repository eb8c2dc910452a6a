/** The desktop menu's template: the standard menus and Help › Report a problem…, which only asks the window. */
import { describe, expect, it } from 'vitest';
import { appMenuTemplate, type AppCommand } from '../../../src-main/electron/app-menu';

describe('the app menu', () => {
  it('has Help › Report a problem…, which asks the window to open the report', () => {
    const asked: AppCommand[] = [];
    const menu = appMenuTemplate((c) => asked.push(c), false);
    const help = menu.find((m) => m.role === 'help');
    const items = help?.submenu as { label?: string; click?: () => void }[];
    const report = items.find((i) => i.label === 'Report a problem…');
    expect(report).toBeDefined();
    report!.click!();
    expect(asked).toEqual(['report-problem']);
  });

  it('keeps the platform menus, with the app menu on macOS only', () => {
    expect(appMenuTemplate(() => {}, true)[0]?.role).toBe('appMenu');
    expect(appMenuTemplate(() => {}, false).some((m) => m.role === 'appMenu')).toBe(false);
    expect(appMenuTemplate(() => {}, false).map((m) => m.role)).toEqual([
      'fileMenu',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ]);
  });
});
