import path from 'node:path';
import { configDir } from '../core/settings/settings';
import type { Workspace } from '../core/workspace/resolve-workspace';
import { IpcFailure } from './errors';
import { canonical, within } from './path-guard';

/**
 * Which folders may become a projects root when the renderer names one (set-up runs `git
 * init` there and writes into it, and the pipeline later walks and moves files under it):
 *
 * - a folder inside the user's home, but not the home itself (a repository over all of ~
 *   would track every file the user has) and not inside a hidden folder of the home
 *   (~/.ssh, ~/.config, ~/.claude, ~/.coditect: configuration, never projects);
 * - or the projects root the settings already name (the user configured it);
 * - or a folder the user picked in the desktop app's native folder dialog this session, and
 *   anything inside it: an explicit choice made outside the renderer, so `/srv/code` or `D:\`
 *   work where a typed path could not reach.
 *
 * The path must be absolute; symlinks and `..` are resolved before the check (canonical),
 * and callers use the canonical path returned, never the text sent.
 */
export class RootGuard {
  private readonly chosen = new Set<string>();

  /** canChoose: the host has a folder dialog to point at (the browser preview has none). */
  constructor(private readonly canChoose = true) {}

  /** A folder the native dialog returned: trusted from now on (this process only). */
  rememberChosen(folder: string): void {
    this.chosen.add(canonical(path.resolve(folder)));
  }

  confine(p: string, field: string, ws: Workspace): string {
    if (p.includes('\0')) throw new IpcFailure('validation', `${field}: contains a NUL byte`, field);
    if (!path.isAbsolute(p))
      throw new IpcFailure('forbidden-path', `${field}: must be an absolute path`, field);
    const real = canonical(path.resolve(p));
    if ([...this.chosen].some((c) => within(real, c))) return real;
    if (ws.settings.projectsRoot && real === canonical(path.resolve(ws.settings.projectsRoot))) return real;
    const problem = homeProblem(
      real,
      canonical(ws.home),
      canonical(configDir(ws.env, ws.home)),
      this.canChoose,
    );
    if (problem) throw new IpcFailure('forbidden-path', `${field}: ${problem}`, field);
    return real;
  }

  /**
   * A folder the settings will name (`projectsRoot`, `memoryDir`, an export location), already
   * confined to the places the app may use (`real` is canonical): the same home rules as
   * set-up — never the home itself, never inside a hidden folder of it — unless the user
   * picked it in the native dialog. Saved settings widen what the renderer may reach (fs:reveal
   * and the pipeline use them), so ~/.ssh must not get in through them.
   */
  checkSettingsFolder(real: string, field: string, ws: Workspace): string {
    if ([...this.chosen].some((c) => within(real, c))) return real;
    const home = canonical(ws.home);
    const problem = within(real, home)
      ? homeProblem(real, home, canonical(configDir(ws.env, ws.home)), this.canChoose)
      : null;
    if (problem) throw new IpcFailure('forbidden-path', `${field}: ${problem}`, field);
    return real;
  }
}

function homeProblem(real: string, home: string, config: string, canChoose: boolean): string | null {
  if (real === home) return 'choose a folder inside your home folder, not the home folder itself';
  if (!within(real, home))
    return canChoose
      ? `must be inside your home folder (${home}), or chosen with "Choose folder…"`
      : `must be inside your home folder (${home})`;
  const first = path.relative(home, real).split(path.sep)[0] ?? '';
  if (first.startsWith('.') || within(real, config))
    return 'is inside a hidden configuration folder; choose a projects folder';
  return null;
}
