// Shared by start.mjs and dist.mjs: where the project is, whether the Electron runtime binary
// is installed, and how to run a package's command line with this Node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(path.join(projectRoot, 'package.json'));

/**
 * The Electron executable's path when the runtime is installed, else null. Requiring `electron`
 * from Node returns that path, or throws "Electron failed to install correctly" when the
 * download never happened (it comes from GitHub and is skipped or blocked here).
 */
export function findElectronRuntime() {
  try {
    const executable = requireFromRoot('electron');
    return typeof executable === 'string' && existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

/** Runs `<package>`'s bin with this Node, inheriting stdio; returns its exit code. */
export function runBin(pkg, binName, args, env = process.env) {
  const manifest = requireFromRoot(`${pkg}/package.json`);
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[binName];
  const script = path.join(path.dirname(requireFromRoot.resolve(`${pkg}/package.json`)), rel);
  const result = spawnSync(process.execPath, [script, ...args], { cwd: projectRoot, env, stdio: 'inherit' });
  if (result.error) {
    process.stderr.write(`${binName}: ${result.error.message}\n`);
    return 1;
  }
  return result.status ?? 1;
}

/** Prints a message wrapped to the terminal (or 100 columns), one paragraph. */
export function printParagraph(text, stream = process.stderr) {
  const width = Math.min(stream.columns || 100, 100);
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  stream.write(`\n${lines.join('\n')}\n\n`);
}
