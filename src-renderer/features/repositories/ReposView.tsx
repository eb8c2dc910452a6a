import { useEffect } from 'react';
import { useAppStore } from '../../app/store';
import type { RepoStatus } from '../../bridge/types';
import { Button } from '../../ui/Button';
import { Checkbox, TextField } from '../../ui/Field';
import { plural, relative, relativeTo } from '../../ui/format';
import { Badge, Card, PageHeader } from '../../ui/PageHeader';
import { valueOf } from '../../ui/resource';
import { Empty, ErrorNotice, Loading, Notice } from '../../ui/states';
import { commitCheckpoint, loadRepos, setCommitOptions, useRepos } from './store';
import { SyncCard } from './SyncCard';
import { loadSyncStatus } from './sync-store';
import { listKeys } from '../../ui/list-keys';

export function ReposView() {
  const reconnects = useAppStore((s) => s.reconnects);
  const info = valueOf(useAppStore((s) => s.info));
  const list = useRepos((s) => s.list);
  const commit = useRepos((s) => s.commit);
  useEffect(() => {
    void loadRepos();
    void loadSyncStatus();
  }, [reconnects]);

  const repos = valueOf(list);
  const unavailable =
    (list.status === 'error' && list.error.code === 'unavailable') ||
    (commit && !commit.ok && commit.error.code === 'unavailable');
  const failures = new Map<string, string>();
  if (commit?.ok) for (const f of commit.value.failures) failures.set(f.repository, f.reason);

  return (
    <div className="page page-repos">
      <PageHeader
        title="Repositories"
        subtitle={
          info ? (
            <>
              Every git repository under <span className="mono">{info.projectsRoot}</span>.
            </>
          ) : undefined
        }
        actions={
          <Button onClick={() => void loadRepos()} busy={list.status === 'loading'}>
            Refresh
          </Button>
        }
      />
      {unavailable ? (
        <Notice kind="warning">
          Git support is not available in this build of the app, so repositories cannot be listed or
          committed.
        </Notice>
      ) : null}
      {!unavailable ? <SyncCard /> : null}
      {!unavailable ? <CommitCard /> : null}
      {list.status === 'error' && !unavailable ? (
        <ErrorNotice error={list.error} onRetry={() => void loadRepos()} />
      ) : null}
      {!repos && list.status === 'loading' ? <Loading label="Reading every repository's status…" /> : null}
      {repos && repos.length === 0 ? (
        <Empty title="No repositories found">Nothing under the projects root has a .git yet.</Empty>
      ) : null}
      {repos && repos.length ? (
        <div className="table-wrap card">
          <table
            className="table"
            aria-label="Repositories"
            onKeyDown={listKeys('tr[data-testid="repo-row"]')}
          >
            <thead>
              <tr>
                <th scope="col">Repository</th>
                <th scope="col">Branch</th>
                <th scope="col">Status</th>
                <th scope="col">Last commit</th>
              </tr>
            </thead>
            <tbody>
              {repos.map((r) => (
                <RepoRow key={r.path} r={r} root={info?.projectsRoot} failure={failures.get(r.path)} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function RepoRow({ r, root, failure }: { r: RepoStatus; root?: string; failure?: string }) {
  const changes: string[] = [];
  if (r.staged) changes.push(`${r.staged} staged`);
  if (r.modified) changes.push(`${r.modified} modified`);
  if (r.untracked) changes.push(`${r.untracked} untracked`);
  if (r.conflicted) changes.push(`${r.conflicted} conflicted`);
  const error = r.error ?? failure;
  return (
    // Focusable, so the arrow keys can walk the table; the path is its tooltip and first cell.
    <tr className={error ? 'row-error' : undefined} data-testid="repo-row" tabIndex={0}>
      <td title={r.path}>
        <div className="repo-name">{relativeTo(root, r.path)}</div>
        <div className="muted small">{r.kind}</div>
      </td>
      <td>
        {r.detached ? <Badge tone="warning">detached</Badge> : <code>{r.branch ?? '—'}</code>}
        {r.upstream ? (
          <div className="muted small">
            {r.upstream}
            {r.ahead ? ` ↑${r.ahead}` : ''}
            {r.behind ? ` ↓${r.behind}` : ''}
          </div>
        ) : (
          <div className="muted small">no upstream</div>
        )}
      </td>
      <td>
        {r.operation ? <Badge tone="warning">{r.operation}</Badge> : null}
        {r.conflicted ? <Badge tone="danger">conflicts</Badge> : null}
        {changes.length ? <span>{changes.join(', ')}</span> : <Badge tone="success">clean</Badge>}
        {error ? (
          <div className="field-error" role="note">
            {error}
          </div>
        ) : null}
      </td>
      <td>
        {r.lastCommit ? (
          <>
            <div className="ellipsis" title={r.lastCommit.subject}>
              <code>{r.lastCommit.hash.slice(0, 7)}</code> {r.lastCommit.subject}
            </div>
            <div className="muted small">{relative(r.lastCommit.time)}</div>
          </>
        ) : (
          <span className="muted">no commits</span>
        )}
      </td>
    </tr>
  );
}

const SHOWN_FILES = 12;

/** Before committing: the files each repository would record, like GitHub Desktop's changes list. */
function CommitPreviewList() {
  const preview = useRepos((s) => s.preview);
  const root = valueOf(useAppStore((s) => s.info))?.projectsRoot;
  const value = valueOf(preview);
  if (preview.status === 'error' && preview.error.code === 'unavailable') return null;
  if (preview.status === 'error') return <ErrorNotice compact error={preview.error} />;
  if (!value) return <Loading label="Looking at what would be committed…" />;
  if (!value.repos.length)
    return (
      <p className="muted small" data-testid="commit-preview">
        Nothing to commit: every checkpoint is committed.
      </p>
    );
  return (
    <div className="commit-preview" data-testid="commit-preview">
      <h3 className="subhead">Will commit</h3>
      {value.repos.map((r) => (
        <details key={r.repository} open={value.repos.length <= 3}>
          <summary>
            <strong>{relativeTo(root, r.repository)}</strong> — {plural(r.files.length, 'file')}
          </summary>
          <ul className="path-list" aria-label={`Files to commit in ${relativeTo(root, r.repository)}`}>
            {r.files.slice(0, SHOWN_FILES).map((f) => (
              <li key={f} className="mono small">
                {f}
              </li>
            ))}
            {r.files.length > SHOWN_FILES ? (
              <li className="muted small">and {plural(r.files.length - SHOWN_FILES, 'more file')}</li>
            ) : null}
          </ul>
        </details>
      ))}
    </div>
  );
}

function CommitCard() {
  const { message, push, committing, commit } = useRepos();
  return (
    <Card title="Commit the checkpoint" labelledBy="commit-title">
      <form
        className="commit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void commitCheckpoint();
        }}
      >
        <TextField
          label="Commit message (optional)"
          value={message}
          maxLength={200}
          placeholder="checkpoint: …"
          onChange={(m) => setCommitOptions({ message: m })}
        />
        <Checkbox
          label="Push after committing"
          checked={push}
          onChange={(p) => setCommitOptions({ push: p })}
        />
        <Button type="submit" variant="primary" busy={committing}>
          Commit checkpoint
        </Button>
      </form>
      <CommitPreviewList />
      <div data-testid={commit ? 'commit-result' : undefined} aria-live="polite">
        {commit && !commit.ok && commit.error.code !== 'unavailable' ? (
          <ErrorNotice title="The commit failed" error={commit.error} />
        ) : null}
        {commit?.ok ? (
          <Notice kind={commit.value.ok ? 'success' : 'warning'}>
            {commit.value.summary}
            {commit.value.failures.length
              ? ` — ${plural(commit.value.failures.length, 'repository', 'repositories')} failed.`
              : ''}
          </Notice>
        ) : null}
        {commit?.ok && commit.value.failures.length ? (
          <ul className="failed-files" aria-label="Repositories that failed">
            {commit.value.failures.map((f) => (
              <li key={f.repository}>
                <strong>{f.repository}</strong>: {f.reason}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </Card>
  );
}
