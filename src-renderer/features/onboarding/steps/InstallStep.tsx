import { Button } from '../../../ui/Button';
import { Notice } from '../../../ui/states';
import { installDone, nextStep, runInstall, useOnboarding, type InstallStep as Step } from '../store';
import { NextButton, WizardNav } from '../WizardNav';

const STATUS_TEXT: Record<Step['status'], string> = {
  pending: 'to do',
  running: 'working…',
  done: 'done',
  failed: 'failed',
};

export function InstallStep() {
  const { install, installing, plan } = useOnboarding();
  const done = installDone(install);
  const failed = install.some((s) => s.status === 'failed');
  return (
    <>
      <p className="wizard-lead">
        Into <span className="mono">{plan?.root}</span>. Each step makes only what is missing and lists what
        it changed.
      </p>
      <ol className="plain-list install-steps" aria-label="Install steps">
        {install.map((s) => (
          <li
            key={s.id}
            className={`install-step install-${s.status}`}
            data-install-step={s.id}
            data-status={s.status}
          >
            <div className="install-head">
              <span className="step-name">{s.title}</span>
              <span className="step-status">{STATUS_TEXT[s.status]}</span>
            </div>
            {s.changes.length ? (
              <ul className="change-list">
                {s.changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            ) : (
              <p className="muted small">
                {s.status === 'done' ? 'Nothing to change: already in place.' : 'Nothing to do.'}
              </p>
            )}
            {s.notes.map((n) => (
              <p key={n} className="muted small">
                Note: {n}
              </p>
            ))}
            {s.error ? <Notice kind="error">{s.error}</Notice> : null}
          </li>
        ))}
      </ol>
      {done ? (
        <Notice kind="success">
          <span data-testid="install-done">CODITECT is installed in this projects root.</span>
        </Notice>
      ) : null}
      <WizardNav>
        {done ? (
          <NextButton onClick={nextStep} autoFocus />
        ) : (
          <Button
            variant="primary"
            busy={installing}
            onClick={() => void runInstall()}
            data-testid="install-run"
          >
            {failed ? 'Try again' : 'Install CODITECT'}
          </Button>
        )}
      </WizardNav>
    </>
  );
}
