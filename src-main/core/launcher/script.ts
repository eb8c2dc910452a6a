/**
 * The `coditect` launcher for installed apps, like VS Code's `code`: a tiny script on the PATH
 * that runs the CLI bundled in the app with the app's own binary in Node mode
 * (ELECTRON_RUN_AS_NODE=1), so `/export-dedup` works on machines without Node.js. Pure text
 * and path rules here; install.ts writes and removes the file.
 */
import path from 'node:path';

/** First line after the shebang: how we recognise (and only ever remove) our own launcher. */
export const LAUNCHER_MARKER = 'coditect-launcher: written by CODITECT Desktop';

export interface PackagedCli {
  /** The app executable (process.execPath), run as Node. */
  runtime: string;
  /** The bundled CLI entry inside the asar. */
  script: string;
}

/**
 * Where the installed app keeps its CLI: electron-vite bundles src-main/cli to out/main/cli.js
 * and the asar keeps it at resources/app.asar/out/main/cli.js (Electron's Node mode reads asar).
 */
export function packagedCli(execPath: string, resourcesPath: string, platform: NodeJS.Platform): PackagedCli {
  const p = platform === 'win32' ? path.win32 : path.posix;
  return { runtime: execPath, script: p.join(resourcesPath, 'app.asar', 'out', 'main', 'cli.js') };
}

export function launcherFileName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'coditect.cmd' : 'coditect';
}

/** POSIX single quotes: nothing inside is expanded; a quote is closed, escaped and reopened. */
function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** cmd.exe has no escape inside double quotes; Windows paths cannot contain `"` anyway. */
function cmdQuote(value: string): string {
  if (value.includes('"')) throw new Error(`unsupported character in path: ${value}`);
  return `"${value.replace(/%/g, '%%')}"`;
}

function posixLauncher(cli: PackagedCli): string {
  return [
    '#!/bin/sh',
    `# ${LAUNCHER_MARKER}. Remove it from Settings, or delete this file.`,
    // exec: the CLI's exit code and signals reach the caller directly.
    `ELECTRON_RUN_AS_NODE=1 exec ${shQuote(cli.runtime)} ${shQuote(cli.script)} "$@"`,
    '',
  ].join('\n');
}

export function windowsLauncher(cli: PackagedCli): string {
  return [
    '@echo off',
    `rem ${LAUNCHER_MARKER}. Remove it from Settings, or delete this file.`,
    'setlocal',
    'set ELECTRON_RUN_AS_NODE=1',
    `${cmdQuote(cli.runtime)} ${cmdQuote(cli.script)} %*`,
    // endlocal on the same line keeps the CLI's exit code past the scope change.
    'endlocal & exit /b %ERRORLEVEL%',
    '',
  ].join('\r\n');
}

export function launcherScript(platform: NodeJS.Platform, cli: PackagedCli): string {
  return platform === 'win32' ? windowsLauncher(cli) : posixLauncher(cli);
}

export interface DirChoice {
  home: string;
  env: Record<string, string | undefined>;
  /** True when the directory exists and we may write to it. */
  canWrite(dir: string): boolean;
}

/**
 * Linux: ~/.local/bin (XDG, on the default PATH of most distributions). macOS: /usr/local/bin
 * when writable (on PATH by default), else ~/bin. Windows: a bin folder under the per-user
 * install root, which the user adds to PATH once.
 */
export function launcherDir(platform: NodeJS.Platform, choice: DirChoice): string {
  if (platform === 'win32') {
    const local = choice.env.LOCALAPPDATA ?? path.win32.join(choice.home, 'AppData', 'Local');
    return path.win32.join(local, 'Programs', 'CODITECT', 'bin');
  }
  if (platform === 'darwin' && choice.canWrite('/usr/local/bin')) return '/usr/local/bin';
  if (platform === 'darwin') return path.posix.join(choice.home, 'bin');
  return path.posix.join(choice.home, '.local', 'bin');
}

export function isOnPath(dir: string, pathValue: string | undefined, platform: NodeJS.Platform): boolean {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const norm = (d: string): string => {
    const resolved = p.normalize(d).replace(/[\\/]+$/, '');
    return platform === 'win32' ? resolved.toLowerCase() : resolved;
  };
  const separator = platform === 'win32' ? ';' : ':';
  return (pathValue ?? '')
    .split(separator)
    .filter(Boolean)
    .some((entry) => norm(entry) === norm(dir));
}

/** What Settings shows when the folder is not on PATH yet. */
export function pathNote(dir: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') {
    return (
      `Add ${dir} to your user PATH (Settings › System › About › Advanced system settings › ` +
      'Environment Variables › Path for your account), then open a new terminal.'
    );
  }
  return `Add ${dir} to your PATH, e.g. append  export PATH="${dir}:$PATH"  to your shell profile.`;
}
