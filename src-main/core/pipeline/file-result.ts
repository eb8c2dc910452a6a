import type { DedupCounts, SourceKind } from '../model';

/** What importing one discovered file came to. A union so a failed file cannot carry counts. */
export type FileResult =
  | {
      status: 'imported';
      path: string;
      kind: SourceKind;
      sourceId: number;
      counts: DedupCounts;
      notes: string[];
    }
  | { status: 'already-imported'; path: string; kind: 'export'; sourceId: number; sameAs: string }
  | { status: 'unchanged'; path: string; kind: 'transcript'; sourceId: number }
  | { status: 'failed'; path: string; kind: SourceKind; reason: string };

export function isFailure(r: FileResult): r is Extract<FileResult, { status: 'failed' }> {
  return r.status === 'failed';
}
