/**
 * The SQL rule (eslint/store-sql.mjs) as the project's ESLint configuration applies it: only
 * src-main/core/memory reaches SQLite; each case lints a small source text as if it lived at
 * the given path.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: REPO });

async function sqlMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, file) });
  return result!.messages.filter((m) => m.ruleId === 'coditect/store-sql').map((m) => m.message);
}

describe('the SQL rule', () => {
  it.each([
    ['src-main/node/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;"],
    [
      'src-main/ipc/handlers/x.ts',
      "import type { Statement } from 'better-sqlite3';\nexport type S = Statement;",
    ],
    ['src-main/core/checkpoint/x.ts', "export { default } from 'better-sqlite3';"],
    ['src-main/host/x.ts', "export const d = import('better-sqlite3');"],
    [
      'src-main/core/pipeline/x.ts',
      "import { connection } from '../memory/connection';\nexport const c = connection;",
    ],
    [
      'src-main/ipc/handlers/x.ts',
      "import { connection } from '../../core/memory/connection.ts';\nexport const c = connection;",
    ],
    ['src-renderer/features/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;"],
  ])('refuses %s reaching SQLite outside core/memory', async (file, code) => {
    expect(await sqlMessages(file, code)).toEqual([
      expect.stringContaining('is for src-main/core/memory only'),
    ]);
  });

  it.each([
    ['src-main/core/memory/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;"],
    ['src-main/core/memory/x.ts', "import { connection } from './connection';\nexport const c = connection;"],
    [
      'src-main/ipc/handlers/x.ts',
      "import { listSessions } from '../../core/memory/session-queries';\nexport const l = listSessions;",
    ],
    ['src-main/host/x.ts', "import { ReadStore } from '../core/memory/store';\nexport const r = ReadStore;"],
  ])('allows %s its imports', async (file, code) => {
    expect(await sqlMessages(file, code)).toEqual([]);
  });

  it('finds no SQLite import outside core/memory in the sources today', async () => {
    const results = await eslint.lintFiles(['src-main/**/*.ts']);
    const found = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'coditect/store-sql')
        .map((m) => `${path.relative(REPO, r.filePath)}: ${m.message}`),
    );
    expect(found).toEqual([]);
  });
});
