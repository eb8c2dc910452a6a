import { useEffect } from 'react';
import { useAppStore } from '../../app/store';
import { formatHash } from '../../app/router-store';
import { relative } from '../../ui/format';
import { followSync, loadSyncStatus, useSync } from './sync-store';
import type { SyncStatus } from '../../bridge/types';

/** The status bar's sync state: ahead/behind the remote and when it last synced; opens Repositories. */
export function SyncIndicator() {
  const reconnects = useAppStore((s) => s.reconnects);
  const status = useSync((s) => s.status);
  const syncing = useSync((s) => s.syncing);
  useEffect(() => followSync(), []);
  useEffect(() => {
    void loadSyncStatus();
  }, [reconnects]);
  if (!status) return null;
  const { text, tone } = describe(status, syncing);
  return (
    <a
      className={`sync-indicator sync-${tone}`}
      href={formatHash({ view: 'repositories' })}
      data-testid="sync-indicator"
      data-state={status.state}
      title={title(status)}
    >
      {text}
    </a>
  );
}

function describe(s: SyncStatus, syncing: boolean): { text: string; tone: 'ok' | 'warn' | 'busy' } {
  if (syncing) return { text: 'Syncing…', tone: 'busy' };
  switch (s.state) {
    case 'not-in-git':
      return { text: 'Memory not in git', tone: 'warn' };
    case 'no-remote':
      return { text: 'No remote to sync', tone: 'warn' };
    case 'detached':
      return { text: 'Detached HEAD', tone: 'warn' };
    case 'tracking': {
      const counts = `↑${s.ahead} ↓${s.behind}`;
      const when = s.lastSync ? `synced ${relative(s.lastSync.at)}` : 'never synced';
      return { text: `${counts} · ${when}`, tone: s.lastSync && !s.lastSync.ok ? 'warn' : 'ok' };
    }
  }
}

function title(s: SyncStatus): string {
  if (s.state === 'not-in-git') return `${s.memoryDir} is in no git repository: run coditect setup`;
  const last = s.lastSync ? `Last sync: ${s.lastSync.summary}` : 'Not synced yet.';
  return s.state === 'tracking'
    ? `${s.repo} (${s.branch} with ${s.upstream}). ${last}`
    : `${s.repo}. ${last}`;
}
