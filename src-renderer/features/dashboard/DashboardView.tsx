import { useEffect } from 'react';
import { useAppStore } from '../../app/store';
import type { RunSummary } from '../../bridge/types';
import { Button } from '../../ui/Button';
import { Checkbox, TextField } from '../../ui/Field';
import { basename, bytes, dateTime, duration, num, pct, plural, relative, shortPath } from '../../ui/format';
import { Badge, Card, PageHeader } from '../../ui/PageHeader';
import { ProgressBar } from '../../ui/ProgressBar';
import { RunProgressBar } from './RunProgressBar';
import { valueOf } from '../../ui/resource';
import { Empty, ErrorNotice, Loading, Notice } from '../../ui/states';
import { DedupChart } from './Chart';
import {
  loadDashboard,
  loadPending,
  loadSummary,
  setRunOptions,
  startRun,
  STEP_LABELS,
  STEPS,
  useDashboard,
  type RunState,
  type StepState,
} from './store';

export function DashboardView() {
  const reconnects = useAppStore((s) => s.reconnects);
  useEffect(() => {
    loadDashboard();
  }, [reconnects]);
  return (
    <div className="page page-dashboard">
      <PageHeader title="Dashboard" subtitle="Your Claude Code memory at a glance." />
      <Totals />
      <div className="dash-grid">
        <RunCard />
        <div className="dash-col">
          <PendingCard />
          <ChartCard />
        </div>
      </div>
    </div>
  );
}

function Totals() {
  const summary = useDashboard((s) => s.summary);
  const v = valueOf(summary);
  if (!v) {
    if (summary.status === 'error')
      return <ErrorNotice error={summary.error} onRetry={() => void loadSummary()} />;
    return <Loading label="Loading totals…" />;
  }
  const t = v.totals;
  return (
    <section className="stats" aria-label="Totals">
      {summary.status === 'error' ? <ErrorNotice compact error={summary.error} /> : null}
      <Stat label="Exports" value={num(t.exports)} sub={`${plural(t.transcripts, 'transcript')}`} />
      <Stat
        label="Global unique messages"
        value={num(t.globalUniqueMessages)}
        sub={`${num(t.messagesRead)} read`}
      />
      <Stat label="Dedup rate" value={pct(t.dedupRate)} sub={`${num(t.duplicates)} duplicates`} />
      <Stat
        label="Checkpoints"
        value={num(t.checkpoints)}
        sub={v.perCheckpoint.length ? `last ${relative(lastTime(v.perCheckpoint))}` : 'none yet'}
      />
    </section>
  );
}

function lastTime(points: { createdAt: string }[]): string {
  return points.reduce((a, p) => (p.createdAt > a ? p.createdAt : a), '');
}

function Stat({ label, value, sub }: { label: string; value: string; sub?: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {sub ? <div className="stat-sub">{sub}</div> : null}
    </div>
  );
}

const STEP_TONE: Record<StepState['status'], 'accent' | 'success' | 'danger' | 'muted'> = {
  pending: 'muted',
  running: 'accent',
  succeeded: 'success',
  failed: 'danger',
  skipped: 'muted',
};

const STEP_TEXT: Record<StepState['status'], string> = {
  pending: 'waiting',
  running: 'running…',
  succeeded: 'done',
  failed: 'failed',
  skipped: 'skipped',
};

function RunCard() {
  const run = useDashboard((s) => s.run);
  const options = useDashboard((s) => s.options);
  const busy = run.running || run.starting;
  const showProgress = busy || run.runId !== null || run.summary !== null;
  const hasSteps = STEPS.some((s) => run.steps[s].status !== 'pending');
  return (
    <Card title="Run export-dedup" labelledBy="run-title" className="run-card">
      <form
        className="run-form"
        onSubmit={(e) => {
          e.preventDefault();
          void startRun();
        }}
      >
        <TextField
          label="Checkpoint title (optional)"
          value={options.description}
          maxLength={200}
          placeholder="e.g. Search UI and log viewer"
          onChange={(description) => setRunOptions({ description })}
          disabled={busy}
        />
        <div className="run-options">
          <Checkbox
            label="Include Claude Code transcripts"
            checked={options.includeTranscripts}
            onChange={(includeTranscripts) => setRunOptions({ includeTranscripts })}
            disabled={busy}
          />
          <Checkbox
            label="Commit to git"
            checked={options.git}
            onChange={(git) => setRunOptions({ git })}
            disabled={busy}
          />
        </div>
        <div>
          <Button type="submit" variant="primary" busy={busy} data-testid="run-button">
            {busy ? 'Running…' : 'Run'}
          </Button>
        </div>
      </form>
      {run.startError ? <ErrorNotice title="The run did not start" error={run.startError} /> : null}
      {showProgress && (hasSteps || busy) ? (
        <div className="run-progress" aria-live="polite" data-testid="run-progress">
          <RunProgressBar run={run} label="Run progress" />
          <ol className="steps">
            {STEPS.map((step) => {
              const st = run.steps[step];
              return (
                <li key={step} className={`step step-${st.status}`} data-step={step} data-status={st.status}>
                  <span className="step-name">{STEP_LABELS[step]}</span>
                  <ProgressBar
                    label={`${STEP_LABELS[step]} step`}
                    value={
                      st.status === 'running'
                        ? step === 'import' && run.filesTotal
                          ? run.filesDone / run.filesTotal
                          : null
                        : st.status === 'pending'
                          ? 0
                          : 1
                    }
                    tone={STEP_TONE[st.status]}
                    valueText={STEP_TEXT[st.status]}
                  />
                  <span className="step-status">
                    {STEP_TEXT[st.status]}
                    {st.durationMs != null && Number.isFinite(st.durationMs)
                      ? ` · ${duration(st.durationMs)}`
                      : ''}
                  </span>
                  {st.detail ? (
                    <span className="step-detail" title={st.detail}>
                      {st.detail}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ol>
          <FileProgressView run={run} />
        </div>
      ) : null}
      {run.summary ? <RunSummaryView summary={run.summary} /> : !showProgress ? <LastRun /> : null}
    </Card>
  );
}

function FileProgressView({ run }: { run: RunState }) {
  if (!run.file && !run.filesTotal) return null;
  const f = run.file;
  return (
    <div className="file-progress" data-testid="file-progress">
      <div className="step-head">
        <span className="step-name">
          Files {num(run.filesDone)} / {num(run.filesTotal)}
        </span>
        {run.totals ? (
          <span className="step-status">
            {num(run.totals.read)} read · {num(run.totals.newUnique)} new · {num(run.totals.duplicates)}{' '}
            duplicates
          </span>
        ) : null}
      </div>
      <ProgressBar
        label="Files imported"
        tone={run.failedFiles.length ? 'danger' : run.summary ? 'success' : 'accent'}
        value={run.filesTotal ? run.filesDone / run.filesTotal : null}
        valueText={`${run.filesDone} of ${run.filesTotal} files`}
      />
      {f ? (
        <div className="step-detail" title={f.path}>
          {f.done ? 'Imported' : 'Importing'} {basename(f.path)} ({bytes(f.bytes)})
          {f.status && f.status !== 'imported' ? ` — ${f.status}` : ''}
        </div>
      ) : null}
      {run.failedFiles.length ? (
        <ul className="failed-files">
          {run.failedFiles.map((ff) => (
            <li key={ff.path}>
              <strong title={ff.path}>{shortPath(ff.path)}</strong>: {ff.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const OUTCOME_TONE = { done: 'success', partial: 'warning', failed: 'danger' } as const;

function RunSummaryView({ summary: s, title = 'Last run' }: { summary: RunSummary; title?: string }) {
  const problems = [
    ...s.files.flatMap((f) => (f.status === 'failed' ? [{ path: f.path, reason: f.reason }] : [])),
    ...s.problems,
    ...('failures' in s.git ? s.git.failures : []).map((f) => ({ path: f.repository, reason: f.reason })),
  ];
  const git = 'skipped' in s.git ? `skipped: ${s.git.skipped}` : s.git.summary;
  return (
    <div className="run-summary" data-testid="run-summary" data-outcome={s.outcome}>
      <div className="run-summary-head">
        <h3>{title}</h3>
        <Badge tone={OUTCOME_TONE[s.outcome]}>{s.outcome}</Badge>
        <span className="muted">in {duration(s.durationMs)}</span>
      </div>
      <dl className="kv">
        <dt>Messages read</dt>
        <dd>{num(s.counts.read)}</dd>
        <dt>New unique</dt>
        <dd>{num(s.counts.newUnique)}</dd>
        <dt>Duplicates</dt>
        <dd>{num(s.counts.duplicates)}</dd>
        <dt>Files</dt>
        <dd>{num(s.files.length)}</dd>
        {s.checkpoint?.title ? (
          <>
            <dt>Checkpoint</dt>
            <dd>{s.checkpoint.title}</dd>
          </>
        ) : null}
        {git ? (
          <>
            <dt>Git</dt>
            <dd>{git}</dd>
          </>
        ) : null}
      </dl>
      {s.error ? <div className="field-error">{s.error}</div> : null}
      {s.memoryNotInGit ? (
        <div data-testid="memory-not-in-git">
          <Notice kind="warning">{s.memoryNotInGit}</Notice>
        </div>
      ) : null}
      {problems.length ? (
        <ul className="failed-files" aria-label="Problems">
          {problems.slice(0, 20).map((p, i) => (
            <li key={i}>
              <strong title={p.path}>{shortPath(p.path)}</strong>: {p.reason}
            </li>
          ))}
        </ul>
      ) : null}
      <ArchiveNotes summary={s} />
      {s.skippedLinks.length ? (
        <details className="skipped-links" data-testid="skipped-links">
          <summary>{plural(s.skippedLinks.length, 'link')} not followed</summary>
          <ul className="plain-list small">
            {s.skippedLinks.map((l) => (
              <li key={l.path}>
                <strong title={l.path}>{shortPath(l.path)}</strong> → <span title={l.target}>{l.target}</span>
                : {l.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/** Exports the archive did not simply move: kept in place (copied), or already imported. */
function ArchiveNotes({ summary: s }: { summary: RunSummary }) {
  const notes = s.archived.flatMap((a) => {
    if (a.status === 'copied')
      return [{ path: a.from, text: `kept in place, copied into the archive: ${a.reason}` }];
    if (a.status === 'duplicate-archived')
      return [{ path: a.from, text: `already imported (same as ${basename(a.sameAs)}), archived` }];
    if (a.status === 'duplicate-kept')
      return [{ path: a.from, text: `already imported (same as ${basename(a.sameAs)}), kept in place` }];
    return [];
  });
  if (!notes.length) return null;
  return (
    <ul className="plain-list small" aria-label="Archive" data-testid="archive-notes">
      {notes.slice(0, 20).map((n) => (
        <li key={n.path}>
          <strong title={n.path}>{shortPath(n.path)}</strong>: {n.text}
        </li>
      ))}
    </ul>
  );
}

function LastRun() {
  const summary = useDashboard((s) => valueOf(s.summary));
  if (!summary?.lastRun) return <p className="muted">No run yet in this session of the app.</p>;
  return <RunSummaryView summary={summary.lastRun} />;
}

function PendingCard() {
  const pending = useDashboard((s) => s.pending);
  const v = valueOf(pending);
  const files = v?.files ?? [];
  const waiting = v?.waiting ?? [];
  return (
    <Card
      title="Exports waiting"
      labelledBy="pending-title"
      actions={
        <Button
          size="sm"
          variant="ghost"
          onClick={() => void loadPending()}
          busy={pending.status === 'loading'}
        >
          Refresh
        </Button>
      }
    >
      {pending.status === 'error' ? (
        <ErrorNotice compact error={pending.error} onRetry={() => void loadPending()} />
      ) : null}
      {!v && pending.status !== 'error' ? <Loading /> : null}
      {v && files.length === 0 && waiting.length === 0 ? (
        <Empty title="Nothing waiting">New exports and transcripts show up here as soon as they land.</Empty>
      ) : null}
      {files.length ? (
        <ul className="file-list" aria-label="Ready to import">
          {files.slice(0, 50).map((f) => (
            <li key={f.path} title={f.path}>
              <Badge tone={f.kind === 'export' ? 'accent' : 'neutral'}>{f.kind}</Badge>
              <span className="file-name">{basename(f.path)}</span>
              <span className="muted">
                {bytes(f.size)} · {relative(new Date(f.mtimeMs).toISOString())}
              </span>
            </li>
          ))}
          {files.length > 50 ? <li className="muted">and {num(files.length - 50)} more</li> : null}
        </ul>
      ) : null}
      {waiting.length ? (
        <>
          <h3 className="subhead">Still being written</h3>
          <ul className="file-list" aria-label="Still being written">
            {waiting.map((f) => (
              <li key={f.path} title={f.path}>
                <span className="file-name">{basename(f.path)}</span>
                <span className="muted">{bytes(f.size)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

function ChartCard() {
  const summary = useDashboard((s) => s.summary);
  const v = valueOf(summary);
  return (
    <Card title="New unique vs duplicates per checkpoint" labelledBy="chart-title">
      {!v ? (
        summary.status === 'error' ? null : (
          <Loading />
        )
      ) : v.perCheckpoint.length === 0 ? (
        <Empty title="No checkpoints yet">Run export-dedup to write the first one.</Empty>
      ) : (
        <>
          <DedupChart points={v.perCheckpoint} />
          <p className="muted small">
            {plural(v.perCheckpoint.length, 'checkpoint')}, the latest on{' '}
            {dateTime(lastTime(v.perCheckpoint))}.
          </p>
        </>
      )}
    </Card>
  );
}
