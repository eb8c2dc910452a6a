import fs from 'node:fs';
import { ReadStore } from '../core/memory/store';

/**
 * One read-only connection to the index, kept open between requests (prepared statements
 * and SQLite's page cache stay warm for search) and reopened when the file is replaced
 * (`coditect reindex`) or the memory folder changes. WAL mode: the pipeline's writer in the
 * worker never blocks these reads.
 */
export class StoreReader {
  private store: ReadStore | null = null;
  private identity = '';

  constructor(private file: string) {}

  /** Point at another index (settings changed); the old connection closes. */
  retarget(file: string): void {
    if (file === this.file) return;
    this.close();
    this.file = file;
  }

  /** `fn` with the open index, or `empty` when there is no index yet (nothing imported). */
  read<T>(fn: (store: ReadStore) => T, empty: () => T): T {
    const store = this.current();
    return store ? fn(store) : empty();
  }

  close(): void {
    this.store?.close();
    this.store = null;
    this.identity = '';
  }

  private current(): ReadStore | null {
    let st: fs.Stats;
    try {
      st = fs.statSync(this.file);
    } catch {
      this.close();
      return null;
    }
    const identity = `${st.dev}:${st.ino}`;
    if (this.store && identity === this.identity) return this.store;
    this.close();
    this.store = ReadStore.openReadOnly(this.file);
    this.identity = identity;
    return this.store;
  }
}
