/**
 * A checkpoint document too long to hold every new message points to where the rest is kept: the
 * checkpoint's own folder of message parts (memory format 2), not format 1's single state file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { CheckpointRepository } from '../../../src-main/core/memory/checkpoints';
import { renderCheckpointDocument } from '../../../src-main/core/checkpoint/document';
import { MessageWriter } from '../../../src-main/core/memory/message-writer';
import { MemoryStore } from '../../../src-main/core/memory/store';
import { insertExportSource } from '../../helpers/store-rows';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

it('names the checkpoint folder that holds the messages the document leaves out', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-doc-'));
  dirs.push(dir);
  const store = MemoryStore.open(path.join(dir, 'coditect.sqlite'));
  const writer = new MessageWriter(store, insertExportSource(store, 'long.txt'), 0, 'now');
  // Three answers of 400,000 characters: more than the document's million.
  for (const n of [1, 2, 3]) writer.add({ role: 'assistant', text: `answer ${n} ${'word '.repeat(80_000)}` });
  const repo = new CheckpointRepository(store);
  const id = '2026-12-01T10-00-00Z-a1b2c3-Long-answers';
  const c = repo.createFromUnassigned({
    id,
    title: 'Long answers',
    createdAt: 'now',
    document: `checkpoints/${id}.md`,
    author: null,
    machine: null,
  });
  const { markdown } = renderCheckpointDocument(store, c, repo.sourcesOf(id));
  expect(markdown).toContain(`more new messages are in \`dedup_state/checkpoints/${id}/\``);
  expect(markdown).not.toContain('unique_messages.jsonl');
  store.close();
});
