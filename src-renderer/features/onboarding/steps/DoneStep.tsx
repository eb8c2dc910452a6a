import { useAppStore } from '../../../app/store';
import { valueOf } from '../../../ui/resource';
import { useDashboard } from '../../dashboard/store';
import { useIdentity } from '../identity-store';
import { useLicense } from '../../license/store';
import { STATE_LABEL } from '../../license/text';
import { LauncherCard } from '../../settings/LauncherCard';
import { finishWizard, useOnboarding } from '../store';
import { NextButton, WizardNav } from '../WizardNav';

export function DoneStep() {
  const info = valueOf(useAppStore((s) => s.info));
  const license = useLicense((s) => s.status?.view ?? (s.verdict?.stored ? s.verdict : null));
  const identity = useIdentity((s) => s.current);
  const run = useDashboard((s) => s.run.summary);
  const summary = useOnboarding((s) => s.importStarted) ? run : null;
  return (
    <>
      <p className="wizard-lead">CODITECT is set up.</p>
      <dl className="kv" data-testid="done-summary">
        <dt>Projects root</dt>
        <dd className="mono">{info?.projectsRoot ?? '—'}</dd>
        <dt>Memory</dt>
        <dd className="mono">{info?.memoryDir ?? '—'}</dd>
        <dt>License</dt>
        <dd>{license ? `${STATE_LABEL[license.state]}: ${license.license?.org ?? ''}` : 'Unlicensed'}</dd>
        <dt>Commits by</dt>
        <dd>
          {identity?.name && identity.email ? `${identity.name.value} <${identity.email.value}>` : 'not set'}
        </dd>
        <dt>First import</dt>
        <dd>{summary ? `${summary.outcome}: ${summary.counts.newUnique} new unique messages` : 'not run'}</dd>
      </dl>
      {/* Optional: `coditect` on PATH, so Claude Code's /export-dedup works on a machine with no Node.js. */}
      <LauncherCard />
      <p className="muted small">
        From now on run <span className="mono">/export-dedup</span> in Claude Code after an /export, or Run on
        the dashboard. Settings can run this wizard again or remove the set-up.
      </p>
      <WizardNav>
        <NextButton label="Open the dashboard" onClick={finishWizard} />
      </WizardNav>
    </>
  );
}
