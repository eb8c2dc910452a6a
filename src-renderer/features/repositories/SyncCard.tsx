import { Button } from '../../ui/Button';
import { relative } from '../../ui/format';
import { Card } from '../../ui/PageHeader';
import { ErrorNotice, Notice } from '../../ui/states';
import type { SyncStatus } from '../../bridge/types';
import { syncNow, useSync } from './sync-store';

/** The memory repository with its remote: state, and the Sync action (commit, fetch, rebase, index, push). */
export function SyncCard() {
  const { status, syncing, last } = useSync();
  return (
    <Card title="Sync the memory" labelledBy="sync-title">
      <p className="muted" data-testid="sync-status">
        {status ? statusLine(status) : 'Reading the memory repository…'}
      </p>
      <Button
        variant="primary"
        busy={syncing}
        onClick={() => void syncNow()}
        disabled={status?.state === 'not-in-git'}
      >
        Sync
      </Button>
      <div data-testid={last ? 'sync-result' : undefined} aria-live="polite">
        {last && !last.ok ? <ErrorNotice title="The sync could not start" error={last.error} /> : null}
        {last?.ok ? (
          <Notice kind={last.value.ok ? 'success' : 'warning'}>
            {last.value.problem
              ? `${last.value.problem.message} Fix: ${last.value.problem.fix}.`
              : last.value.summary}
          </Notice>
        ) : null}
      </div>
    </Card>
  );
}

function statusLine(s: SyncStatus): string {
  switch (s.state) {
    case 'not-in-git':
      return `The memory folder ${s.memoryDir} is in no git repository: run \`coditect setup\` to give it one.`;
    case 'no-remote':
      return `${s.repo} has no remote: add the shared memory repository (git remote add origin <url>) to sync.`;
    case 'detached':
      return `${s.repo} is on a detached HEAD: check out its branch to sync.`;
    case 'tracking':
      return `${s.repo} on ${s.branch} with ${s.upstream}: ${s.ahead} to push, ${s.behind} to pull (as of the last fetch). ${
        s.lastSync
          ? `Last synced ${relative(s.lastSync.at)}${s.lastSync.ok ? '' : ' (it stopped with a problem)'}.`
          : 'Never synced.'
      }`;
  }
}
