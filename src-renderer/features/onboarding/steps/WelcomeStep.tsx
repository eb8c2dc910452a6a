import { nextStep, skipWizard, useOnboarding } from '../store';
import { NextButton, WizardNav } from '../WizardNav';

export function WelcomeStep() {
  const status = useOnboarding((s) => s.status);
  return (
    <>
      <p className="wizard-lead">
        CODITECT keeps Claude Code’s working memory in git: it finds your exported conversations and Claude
        Code transcripts, keeps every message once, writes checkpoints and commits them.
      </p>
      <p>This set-up takes a few minutes:</p>
      <ol className="wizard-list">
        <li>choose the folder that holds your repositories (the projects root);</li>
        <li>install CODITECT there — each change is shown before and after it is made;</li>
        <li>activate your license (or skip it);</li>
        <li>check who checkpoint commits are by;</li>
        <li>scan for conversations and import them.</li>
      </ol>
      {status && !status.firstRun ? (
        <p className="muted small" data-testid="wizard-reason">
          {status.reason} Running set-up again changes only what is missing.
        </p>
      ) : null}
      <p className="muted small">
        Everything set-up creates can be removed again from Settings, without touching your own files.
      </p>
      <WizardNav back={false} skip={{ label: 'Skip set-up', onClick: () => void skipWizard() }}>
        <NextButton label="Start set-up" onClick={nextStep} />
      </WizardNav>
    </>
  );
}
