import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { partName } from './tracked-format';

const gzip = promisify(zlib.gzip);

/** Lines are compressed in chunks of about this size, each a gzip member of its own. */
const CHUNK_BYTES = 1024 * 1024;
/** Chunks being compressed or written at once: libuv's pool works on several while rows are read. */
const IN_FLIGHT = 3;

/**
 * Writes the parts of one kind (`messages-001.jsonl.gz`, …) into a folder as their lines
 * arrive, a new part begun before one would pass `limit` bytes of text. What it holds is a few
 * chunks, whatever the checkpoint's size (it held every part, compressed and not, until issue
 * 16: 260 MB of a 205 MB import).
 *
 * Each chunk is compressed on its own (gzip level 1) on libuv's pool and the members are written
 * in order: a gzip file may hold several members, which gunzip (and Node's, Python's, git's
 * readers) read as one text. One stream compressed one chunk at a time and left the reading
 * thread idle 1.3 s of a checkpoint's 4 s; members cost under 1% of the compression.
 * Level 1: a fifth of level 6's CPU for this text (87 against 438 ms per 16 MB, measured), and
 * the memory still comes to a quarter of its input against a target of a half.
 */
export class PartFiles {
  readonly names: string[] = [];
  private fd: number | null = null;
  private partBytes = 0;
  private chunk: string[] = [];
  private chunkBytes = 0;
  /** The chunks compressed or being written, oldest first; each settles once on disk. */
  private readonly writes: Promise<void>[] = [];
  /** Settles once everything handed over so far is written, the parts ended synced and closed. */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly kind: 'messages' | 'occurrences',
    private readonly limit: number,
  ) {}

  /**
   * Adds one line (newline included). Returns true when enough is in flight: the caller awaits
   * `drained()` before the next line, which bounds the memory. Lines are kept as text and
   * encoded a chunk at a time: a Buffer per line cost more than the rest of the write.
   */
  add(line: string): boolean {
    const bytes = Buffer.byteLength(line);
    if (this.partBytes + bytes > this.limit && this.partBytes > 0) this.endPart();
    if (this.fd === null) this.beginPart();
    this.chunk.push(line);
    this.chunkBytes += bytes;
    this.partBytes += bytes;
    if (this.chunkBytes >= CHUNK_BYTES) this.flushChunk();
    return this.writes.length >= IN_FLIGHT;
  }

  /** Waits until fewer than IN_FLIGHT chunks are on their way; a failed write throws here. */
  async drained(): Promise<void> {
    while (this.writes.length >= IN_FLIGHT) await this.writes.shift();
  }

  /** Ends the last part; every part is on disk and synced when this resolves. Returns the names. */
  async finish(): Promise<string[]> {
    if (this.fd !== null) this.endPart();
    await this.tail;
    return this.names;
  }

  /**
   * After a failure: the open part is closed once the writes queued before it are done (never
   * while one may still use its descriptor). The folder is the caller's to remove. Resolves
   * once closed; never rejects.
   */
  abandon(): Promise<void> {
    if (this.fd !== null) {
      const fd = this.fd;
      this.fd = null;
      const close = () => fs.closeSync(fd);
      this.tail = this.tail.then(close, close);
    }
    // Parts ended before the failure are closed by the same chain.
    return this.tail.catch(() => undefined);
  }

  private beginPart(): void {
    const name = partName(this.kind, this.names.length + 1);
    this.names.push(name);
    this.fd = fs.openSync(path.join(this.dir, name), 'w', 0o644);
    this.partBytes = 0;
  }

  private endPart(): void {
    this.flushChunk();
    const fd = this.fd!;
    this.fd = null;
    this.tail = this.tail.then(
      () => {
        try {
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
      },
      (err: unknown) => {
        fs.closeSync(fd);
        throw err;
      },
    );
    this.tail.catch(() => undefined);
  }

  /** Compression starts now; the write waits for the chunks before it (members stay in order). */
  private flushChunk(): void {
    if (!this.chunkBytes) return;
    const compressed = gzip(Buffer.from(this.chunk.join(''), 'utf8'), { level: 1 });
    this.chunk = [];
    this.chunkBytes = 0;
    const fd = this.fd!;
    const written = this.tail.then(async () => {
      fs.writeFileSync(fd, await compressed);
    });
    // Seen by finish() or drained(); never an unhandled rejection in between.
    compressed.catch(() => undefined);
    written.catch(() => undefined);
    this.tail = written;
    this.writes.push(written);
  }
}
