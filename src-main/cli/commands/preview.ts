import path from 'node:path';
import type { Command } from 'commander';
import { buildRenderer, DEFAULT_RENDERER_DIR, rendererBuilt } from '../../preview/renderer-build';
import { startPreviewServer } from '../../preview/server';
import { UsageError, type Output } from '../output';

interface Flags {
  root?: string;
  memory?: string;
  port: string;
  build: boolean;
  rendererDir?: string;
}

export function registerPreview(program: Command, o: Output, version: string): void {
  program
    .command('preview')
    .description('serve the app in a browser on this machine (loopback only), against the real core')
    .option('--root <dir>', 'projects root')
    .option('--memory <dir>', 'the MEMORY-CONTEXT directory')
    .option('--port <n>', 'port to listen on (0: any free port)', '0')
    .option('--no-build', 'do not build the renderer when out/renderer is missing')
    .option('--renderer-dir <dir>', 'serve this built renderer instead of out/renderer')
    .action((flags: Flags) => preview(flags, o, version));
}

async function preview(flags: Flags, o: Output, version: string): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${flags.port}"`);
  const rendererDir = path.resolve(flags.rendererDir ?? DEFAULT_RENDERER_DIR);
  if (!rendererBuilt(rendererDir)) {
    // The build writes the default folder only; any other folder must hold a build already.
    if (!flags.build || rendererDir !== DEFAULT_RENDERER_DIR)
      throw new UsageError(`no built renderer at ${rendererDir}: run \`npm run build\` first`);
    o.err(`Building the renderer into ${rendererDir} …`);
    await buildRenderer((line) => o.err(line));
  }
  const server = await startPreviewServer({
    port,
    rendererDir,
    root: flags.root,
    memory: flags.memory,
    version,
  });
  o.out(`CODITECT preview: ${server.url}`);
  o.err('Loopback only; the address carries a one-time token. Ctrl+C stops it.');
  await untilSignal();
  await server.close();
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
