/**
 * A long list fetched a page at a time as the user scrolls (a checkpoint can hold 100,000
 * messages). Pages are cached; a page that failed can be retried. One instance per list.
 */
import type { IpcError, IpcResult } from '../../bridge/types';
import { findInRows, type LocateTarget } from './locate';

export type PageState<T> =
  { status: 'loading' } | { status: 'ready'; rows: T[] } | { status: 'error'; error: IpcError };

export interface PagedSnapshot<T> {
  pages: Record<number, PageState<T>>;
  /** Total rows, when known (a checkpoint's messageCount); else grows as pages arrive. */
  count: number;
  /** True once a short page showed where the end is. */
  complete: boolean;
}

export type FetchPage<T> = (offset: number, limit: number) => Promise<IpcResult<T[]>>;

export class PagedRows<T extends { role: string; text: string }> {
  private snap: PagedSnapshot<T>;
  private listeners = new Set<() => void>();
  private disposed = false;

  constructor(
    private readonly fetchPage: FetchPage<T>,
    readonly pageSize: number,
    knownCount: number | null,
  ) {
    this.snap = { pages: {}, count: knownCount ?? 0, complete: knownCount !== null };
  }

  snapshot = (): PagedSnapshot<T> => this.snap;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private update(pages: Record<number, PageState<T>>, patch: Partial<PagedSnapshot<T>> = {}): void {
    if (this.disposed) return;
    this.snap = { ...this.snap, ...patch, pages };
    for (const l of this.listeners) l();
  }

  row(index: number): T | undefined {
    const p = this.snap.pages[Math.floor(index / this.pageSize)];
    return p?.status === 'ready' ? p.rows[index % this.pageSize] : undefined;
  }

  pageState(index: number): PageState<T> | undefined {
    return this.snap.pages[Math.floor(index / this.pageSize)];
  }

  /** Makes sure the pages covering rows [from, to] are loaded or loading. */
  ensure(from: number, to: number): void {
    const first = Math.max(0, Math.floor(from / this.pageSize));
    const last = Math.floor(Math.max(from, to) / this.pageSize);
    for (let p = first; p <= last; p++) {
      const st = this.snap.pages[p];
      if (!st) void this.load(p);
    }
  }

  retry(page: number): void {
    void this.load(page);
  }

  private async load(page: number): Promise<void> {
    if (this.snap.complete && page * this.pageSize >= this.snap.count && page > 0) return;
    this.update({ ...this.snap.pages, [page]: { status: 'loading' } });
    const r = await this.fetchPage(page * this.pageSize, this.pageSize);
    if (this.disposed) return;
    if (!r.ok) {
      this.update({ ...this.snap.pages, [page]: { status: 'error', error: r.error } });
      return;
    }
    this.accept(page, r.value);
  }

  private accept(page: number, rows: T[]): void {
    const end = page * this.pageSize + rows.length;
    const patch: Partial<PagedSnapshot<T>> = {};
    if (!this.snap.complete) {
      patch.count = Math.max(this.snap.count, end);
      if (rows.length < this.pageSize) patch.complete = true;
    }
    this.update({ ...this.snap.pages, [page]: { status: 'ready', rows } }, patch);
  }

  /**
   * Scans from the start, a big block at a time (filling the cache), for the target message.
   * Returns its index or -1; `isCancelled` stops the scan early.
   */
  async locate(
    target: LocateTarget,
    blockSize: number,
    isCancelled: () => boolean,
    onProgress: (scanned: number) => void = () => {},
  ): Promise<number> {
    // First narrowed by the snippet (fast); then, if that found nothing, by the hash alone.
    const found = await this.scan(target, blockSize, isCancelled, true, onProgress);
    if (found >= 0 || !target.snippet || isCancelled()) return found;
    return this.scan(target, blockSize, isCancelled, false, onProgress);
  }

  private async scan(
    target: LocateTarget,
    blockSize: number,
    isCancelled: () => boolean,
    useSnippet: boolean,
    onProgress: (scanned: number) => void,
  ): Promise<number> {
    const perBlock = Math.max(1, Math.floor(blockSize / this.pageSize));
    for (let block = 0; ; block++) {
      if (isCancelled() || this.disposed) return -1;
      const firstPage = block * perBlock;
      // Use cached pages where the whole block is cached, else fetch it in one request.
      let rows: T[] = [];
      let cached = true;
      for (let p = firstPage; p < firstPage + perBlock; p++) {
        const st = this.snap.pages[p];
        if (st?.status !== 'ready') {
          cached = false;
          break;
        }
        rows = rows.concat(st.rows);
        if (st.rows.length < this.pageSize) break;
      }
      if (!cached) {
        const r = await this.fetchPage(firstPage * this.pageSize, perBlock * this.pageSize);
        if (!r.ok || isCancelled() || this.disposed) return -1;
        rows = r.value;
        for (let p = 0; p * this.pageSize < rows.length; p++)
          this.accept(firstPage + p, rows.slice(p * this.pageSize, (p + 1) * this.pageSize));
        if (rows.length === 0 && !this.snap.complete) this.update(this.snap.pages, { complete: true });
      }
      const i = await findInRows(rows, target, useSnippet);
      if (i >= 0) return firstPage * this.pageSize + i;
      onProgress(firstPage * this.pageSize + rows.length);
      if (rows.length < perBlock * this.pageSize) return -1;
    }
  }
}
