import { RunProgressBar } from '../../dashboard/RunProgressBar';
import { Button } from '../../../ui/Button';
import { num, plural } from '../../../ui/format';
import { Badge } from '../../../ui/PageHeader';
import { ErrorNotice } from '../../../ui/states';
import { STEP_LABELS, STEPS, useDashboard } from '../../dashboard/store';
import { nextStep, startImport, useOnboarding } from '../store';
import { NextButton, WizardNav } from '../WizardNav';
import { ArchivePlan } from './ArchivePlan';

/** The first scan and import: the same run as the dashboard's (pipeline:start and its events). */
export function ImportStep() {
  const run = useDashboard((s) => s.run);
  const busy = run.running || run.starting;
  const started = useOnboarding((s) => s.importStarted);
  return (
    <>
      <p className="wizard-lead">
        Find your /export files (Downloads, Desktop, the projects root) and Claude Code’s transcripts, import
        every message once, write the first checkpoint and commit it.
      </p>
      {!started ? <ArchivePlan /> : null}
      {!started ? (
        <div className="form-actions">
          <Button variant="primary" onClick={() => void startImport()} data-testid="import-start">
            Scan and import
          </Button>
        </div>
      ) : null}
      {run.startError ? <ErrorNotice title="The import did not start" error={run.startError} /> : null}
      {started ? (
        <div className="run-progress" aria-live="polite" data-testid="import-progress">
          <RunProgressBar run={run} label="Import progress" />
          <ul className="plain-list import-steps">
            {STEPS.map((s) => (
              <li key={s} data-step={s} data-status={run.steps[s].status}>
                <span className="step-name">{STEP_LABELS[s]}</span>{' '}
                <span className="muted small">
                  {run.steps[s].status}
                  {run.steps[s].detail ? ` — ${run.steps[s].detail}` : ''}
                </span>
              </li>
            ))}
          </ul>
          {run.filesTotal ? (
            <p className="small" data-testid="import-files">
              Files {num(run.filesDone)} / {num(run.filesTotal)}
              {run.totals ? ` · ${num(run.totals.read)} read · ${num(run.totals.newUnique)} new` : ''}
            </p>
          ) : null}
        </div>
      ) : null}
      {started && run.summary ? (
        <p data-testid="import-summary" data-outcome={run.summary.outcome}>
          <Badge
            tone={
              run.summary.outcome === 'done'
                ? 'success'
                : run.summary.outcome === 'partial'
                  ? 'warning'
                  : 'danger'
            }
          >
            {run.summary.outcome}
          </Badge>{' '}
          {plural(run.summary.counts.newUnique, 'new unique message')} of {num(run.summary.counts.read)} read
          {run.summary.error ? ` — ${run.summary.error}` : '.'}
        </p>
      ) : null}
      <WizardNav skip={started ? undefined : { label: 'Skip', onClick: nextStep }}>
        <NextButton disabled={!started || !run.summary || busy} onClick={nextStep} />
      </WizardNav>
    </>
  );
}
