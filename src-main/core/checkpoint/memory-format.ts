import fs from 'node:fs';
import type { MemoryLayout } from '../workspace/memory-layout';
import { writeFileAtomic } from '../workspace/atomic-write';
import { MEMORY_FORMAT } from './tracked-format';

/** The memory on disk was written by a newer CODITECT: reading or writing it could lose data. */
class NewerFormatError extends Error {
  constructor(file: string, format: unknown) {
    super(
      `${file} says the memory is in format ${String(format)}, newer than this version of CODITECT reads (${MEMORY_FORMAT}); update CODITECT on this machine`,
    );
    this.name = 'NewerFormatError';
  }
}

/** The format the memory declares; null when it declares none (new, or written before format 2). */
export function readMemoryFormat(layout: MemoryLayout): number | null {
  if (!fs.existsSync(layout.formatFile)) return null;
  let format: unknown;
  try {
    format = (JSON.parse(fs.readFileSync(layout.formatFile, 'utf8')) as { format?: unknown }).format;
  } catch {
    format = undefined;
  }
  if (typeof format !== 'number' || !Number.isInteger(format))
    throw new Error(`${layout.formatFile} is damaged: it should say {"format": ${MEMORY_FORMAT}}`);
  if (format > MEMORY_FORMAT) throw new NewerFormatError(layout.formatFile, format);
  return format;
}

const FORMAT_TEXT = JSON.stringify({ format: MEMORY_FORMAT }, null, 2) + '\n';

const ATTRIBUTES = [
  '# CODITECT: checkpoint parts are compressed and never change; no diff, no merge',
  'dedup_state/checkpoints/**/*.gz binary',
];

/**
 * Declare the format (the same bytes on every machine, so two machines adding it never
 * conflict) and the attributes of its files. Returns the files it wrote.
 */
export function writeFormatFiles(layout: MemoryLayout): string[] {
  const written: string[] = [];
  const current = fs.existsSync(layout.formatFile) ? fs.readFileSync(layout.formatFile, 'utf8') : null;
  if (current !== FORMAT_TEXT) {
    writeFileAtomic(layout.formatFile, FORMAT_TEXT);
    written.push(layout.formatFile);
  }
  const attrs = fs.existsSync(layout.gitattributesFile)
    ? fs.readFileSync(layout.gitattributesFile, 'utf8')
    : '';
  const have = new Set(attrs.split(/\r?\n/).map((l) => l.trim()));
  const missing = ATTRIBUTES.filter((l) => !have.has(l));
  if (missing.length) {
    const sep = attrs === '' || attrs.endsWith('\n') ? '' : '\n';
    writeFileAtomic(layout.gitattributesFile, attrs + sep + missing.join('\n') + '\n');
    written.push(layout.gitattributesFile);
  }
  return written;
}
