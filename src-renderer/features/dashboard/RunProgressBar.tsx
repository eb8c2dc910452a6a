import { ProgressBar } from '../../ui/ProgressBar';
import { STEPS, type RunState } from './store';

/** Steps finished one way or another (a failed or skipped step is done too). */
export function stepsFinished(run: RunState): number {
  return STEPS.filter((s) => ['succeeded', 'failed', 'skipped'].includes(run.steps[s].status)).length;
}

/** A run's progress by steps, as the dashboard and the wizard's first import show it. */
export function RunProgressBar({ run, label }: { run: RunState; label: string }) {
  const busy = run.running || run.starting;
  const finished = stepsFinished(run);
  return (
    <ProgressBar
      label={label}
      value={busy && finished === 0 ? null : finished / STEPS.length}
      valueText={`${finished} of ${STEPS.length} steps`}
      tone={run.summary?.outcome === 'failed' ? 'danger' : run.summary ? 'success' : 'accent'}
    />
  );
}
