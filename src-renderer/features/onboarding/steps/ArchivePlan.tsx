import { useEffect, useState } from 'react';
import { useAppStore } from '../../../app/store';
import { call } from '../../../bridge';
import type { PendingFile } from '../../../bridge/types';
import { Checkbox } from '../../../ui/Field';
import { valueOf } from '../../../ui/resource';
import { loadPending, useDashboard } from '../../dashboard/store';
import { loadSettings, useSettings } from '../../settings/store';

/** More than this many paths in one list is a wall of text; the rest are counted. */
const SHOWN = 8;

/**
 * Before the first import: which exports will be moved and where, which stay (and why), and
 * the choice to copy instead of move (the `archiveMode` setting, also in Settings).
 */
export function ArchivePlan() {
  const pending = valueOf(useDashboard((s) => s.pending));
  const info = valueOf(useAppStore((s) => s.info));
  const saved = useSettings((s) => s.saved);
  // The box shows the choice at once, not after the save and the reload of the plan.
  const [choice, setChoice] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void loadPending();
    void loadSettings();
  }, []);
  const exports = (pending?.files ?? []).filter((f) => f.kind === 'export');
  const moved = exports.filter((f) => f.archive?.action === 'move');
  const kept = exports.filter((f) => f.archive?.action === 'copy');
  const archive = info ? `${info.memoryDir}/exports-archive` : 'the memory’s exports-archive folder';

  async function keepOriginals(keep: boolean): Promise<void> {
    setChoice(keep);
    const r = await call('settings:update', { archiveMode: keep ? 'copy' : 'move' });
    setError(r.ok ? null : r.error.message || r.error.code);
    await Promise.all([loadSettings(), loadPending()]);
    setChoice(null);
  }

  if (!pending || !saved) return null;
  return (
    <section className="archive-plan" data-testid="archive-plan">
      {moved.length ? (
        <>
          <p>
            {moved.length === 1 ? 'This export' : `These ${moved.length} exports`} will be{' '}
            <strong>moved</strong> into <code>{archive}</code> after the import:
          </p>
          <PathList files={moved} testId="archive-moved" />
        </>
      ) : (
        <p data-testid="archive-none-moved">No file will be moved: every original stays where it is.</p>
      )}
      {kept.length ? (
        <>
          <p>
            {kept.length === 1 ? 'This file stays' : `These ${kept.length} files stay`} where{' '}
            {kept.length === 1 ? 'it is' : 'they are'}; a copy goes into the archive:
          </p>
          <PathList files={kept} testId="archive-kept" />
        </>
      ) : null}
      <Checkbox
        label="Keep the originals (copy them into the archive instead of moving them)"
        hint="Files git tracks are never moved, whatever you choose. You can change this later in Settings."
        checked={choice ?? saved.archiveMode === 'copy'}
        disabled={choice !== null}
        error={error}
        onChange={(keep) => void keepOriginals(keep)}
      />
    </section>
  );
}

function PathList({ files, testId }: { files: PendingFile[]; testId: string }) {
  return (
    <ul className="plain-list small" data-testid={testId}>
      {files.slice(0, SHOWN).map((f) => (
        <li key={f.path}>
          <code>{f.path}</code>
          {f.archive?.action === 'copy' ? <span className="muted"> — {f.archive.reason}</span> : null}
        </li>
      ))}
      {files.length > SHOWN ? <li className="muted">and {files.length - SHOWN} more</li> : null}
    </ul>
  );
}
