import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { statement } from '../../../src-main/core/memory/connection';
import { MemoryStore } from '../../../src-main/core/memory/store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function store(): MemoryStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-stmt-'));
  dirs.push(dir);
  return MemoryStore.open(path.join(dir, 'coditect.sqlite'));
}

describe('statements prepared once per connection', () => {
  it('gives the same statement for the same SQL on one store, another on another store', () => {
    const a = store();
    const b = store();
    const sql = 'SELECT COUNT(*) FROM messages';
    expect(statement(a, sql)).toBe(statement(a, sql));
    expect(statement(b, sql)).not.toBe(statement(a, sql));
    expect(statement(a, sql).pluck().get()).toBe(0);
    a.close();
    b.close();
  });
});
