/**
 * The layer rule (eslint/layers.mjs) as the project's ESLint configuration applies it: each
 * case lints a small source text as if it lived at the given path.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: REPO });

async function layerMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return result!.messages.filter((m) => m.ruleId === 'coditect/layers').map((m) => m.message);
}

describe('the layer rule', () => {
  it.each([
    ['src-main/core/pipeline/x.ts', "import { a } from '../../ipc/contract';\nexport const b = a;"],
    ['src-main/core/pipeline/x.ts', "import { a } from '../../cli/main';\nexport const b = a;"],
    ['src-main/core/x.ts', "export { a } from '../electron/main';"],
    ['src-main/node/x.ts', "import { a } from '../ipc/contract';\nexport const b = a;"],
    ['src-main/cli/x.ts', "import { a } from '../electron/main';\nexport const b = a;"],
    ['src-renderer/features/x.ts', "import { a } from '../../src-main/ipc/contract';\nexport const b = a;"],
  ])('refuses %s importing upwards or across', async (file, code) => {
    expect(await layerMessages(file, code)).toHaveLength(1);
  });

  it.each([
    ['src-main/node/x.ts', "import { a } from '../core/model';\nexport const b = a;"],
    ['src-main/electron/x.ts', "import { a } from '../ipc/contract';\nexport const b = a;"],
    ['src-main/core/x.ts', "import { version } from '../../package.json';\nexport const v = version;"],
    [
      'src-renderer/features/x.ts',
      "import type { Channel } from '../../src-main/ipc/contract';\nexport type C = Channel;",
    ],
    ['src-renderer/features/x.ts', "export type { Channel } from '../../src-main/ipc/contract';"],
  ])('allows %s its own imports', async (file, code) => {
    expect(await layerMessages(file, code)).toEqual([]);
  });

  it('refuses a file in a folder no layer declares', async () => {
    const messages = await layerMessages('src-main/misc/x.ts', 'export const a = 1;');
    expect(messages).toEqual([expect.stringContaining('src-main/misc is in no declared layer')]);
  });
});
