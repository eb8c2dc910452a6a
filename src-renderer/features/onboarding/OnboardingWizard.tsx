import { useEffect, useRef } from 'react';
import { ErrorNotice, Loading } from '../../ui/states';
import './onboarding.css';
import { DoneStep } from './steps/DoneStep';
import { IdentityStep } from './steps/IdentityStep';
import { ImportStep } from './steps/ImportStep';
import { InstallStep } from './steps/InstallStep';
import { LicenseStep } from './steps/LicenseStep';
import { MemoryStep } from './steps/MemoryStep';
import { RootStep } from './steps/RootStep';
import { WelcomeStep } from './steps/WelcomeStep';
import { Button } from '../../ui/Button';
import { leaveWizard, startWizard, STEP_TITLES, useOnboarding, WIZARD_STEPS, type WizardStep } from './store';

const STEP_VIEWS: Record<WizardStep, () => React.JSX.Element> = {
  welcome: WelcomeStep,
  root: RootStep,
  memory: MemoryStep,
  install: InstallStep,
  license: LicenseStep,
  identity: IdentityStep,
  import: ImportStep,
  done: DoneStep,
};

/** The set-up wizard, full window: the steps on the left, the current one beside them. */
export default function OnboardingWizard() {
  const step = useOnboarding((s) => s.step);
  const status = useOnboarding((s) => s.status);
  const statusError = useOnboarding((s) => s.statusError);
  useEffect(() => {
    void startWizard();
  }, []);
  // A new step: focus its title, so keyboard and screen-reader users start at the top of it.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus({ preventScroll: true }), [step]);
  // Esc leaves the wizard at any step, like its "Finish later" button (a dialog open inside a
  // step handles its own Esc first and marks it handled).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) leaveWizard();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const View = STEP_VIEWS[step];
  return (
    <div className="wizard" data-testid="wizard" data-step={step}>
      <aside className="wizard-side">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <span className="brand-name">CODITECT</span>
        </div>
        <ol className="wizard-steps" aria-label="Set-up steps">
          {WIZARD_STEPS.map((s, i) => (
            <li
              key={s}
              className={`wizard-step${s === step ? ' wizard-step-current' : ''}${i < WIZARD_STEPS.indexOf(step) ? ' wizard-step-past' : ''}`}
              aria-current={s === step ? 'step' : undefined}
            >
              <span className="wizard-step-num" aria-hidden="true">
                {i + 1}
              </span>
              {STEP_TITLES[s]}
            </li>
          ))}
        </ol>
        <Button variant="ghost" className="wizard-leave" onClick={leaveWizard} data-testid="wizard-leave">
          Finish later
        </Button>
      </aside>
      <main className="wizard-main" id="main" tabIndex={-1}>
        <section className="wizard-page" aria-labelledby="wizard-title">
          <h1 className="page-title" id="wizard-title" tabIndex={-1} ref={title} data-page-title>
            {STEP_TITLES[step]}
          </h1>
          {statusError ? (
            <ErrorNotice error={statusError} onRetry={() => void startWizard()} />
          ) : !status ? (
            <Loading label="Starting set-up…" />
          ) : (
            <View />
          )}
        </section>
      </main>
    </div>
  );
}
