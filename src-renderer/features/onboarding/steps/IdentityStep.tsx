import { useEffect } from 'react';
import { Button } from '../../../ui/Button';
import { Checkbox, TextField } from '../../../ui/Field';
import { ErrorNotice, Loading, Notice } from '../../../ui/states';
import {
  editIdentity,
  hasIdentity,
  loadIdentity,
  saveIdentity,
  scopeText,
  useIdentity,
} from '../identity-store';
import { nextStep } from '../store';
import { NextButton, WizardNav } from '../WizardNav';

/** Keeping the identity is one action (Next), and so is setting one ("Save and continue"). */
export function IdentityStep() {
  const { current, loadError, name, email, global, saving, errors, saved } = useIdentity();
  useEffect(() => {
    void loadIdentity();
  }, []);
  const changed =
    Boolean(current) && (name !== (current?.name?.value ?? '') || email !== (current?.email?.value ?? ''));
  const saveAndContinue = async () => {
    await saveIdentity();
    if (useIdentity.getState().saved) nextStep();
  };
  if (loadError) return <ErrorNotice error={loadError} onRetry={() => void loadIdentity()} />;
  if (!current) return <Loading />;
  return (
    <>
      <p className="wizard-lead">
        Checkpoints are committed in <span className="mono">{current.repo}</span>. Git needs a name and an
        email for the author of those commits.
      </p>
      <Current />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void saveAndContinue();
        }}
        noValidate
      >
        <TextField
          label="Name"
          value={name}
          error={errors.name}
          autoComplete="name"
          onChange={(v) => editIdentity({ name: v })}
        />
        <TextField
          label="Email"
          value={email}
          error={errors.email}
          autoComplete="email"
          inputMode="email"
          onChange={(v) => editIdentity({ email: v })}
        />
        <Checkbox
          label="Use it for all my repositories (writes ~/.gitconfig)"
          hint="Off: only the memory repository gets it, and your other repositories keep their own."
          checked={global}
          error={errors.scope}
          onChange={(v) => editIdentity({ global: v })}
        />
        {errors[''] ? <Notice kind="error">{errors['']}</Notice> : null}
        {saved ? (
          <span className="muted" role="status" data-testid="identity-saved">
            Saved.
          </span>
        ) : null}
      </form>
      <WizardNav skip={hasIdentity(current) ? undefined : { label: 'Skip', onClick: nextStep }}>
        {changed || !hasIdentity(current) ? (
          <Button
            variant="primary"
            busy={saving}
            disabled={!name.trim() || !email.trim()}
            onClick={() => void saveAndContinue()}
            data-testid="identity-save"
          >
            Save and continue
          </Button>
        ) : (
          <NextButton onClick={nextStep} />
        )}
      </WizardNav>
    </>
  );
}

function Current() {
  const current = useIdentity((s) => s.current)!;
  if (!hasIdentity(current))
    return (
      <Notice kind="warning">
        <span data-testid="identity-missing">
          No commit identity is set{current.name || current.email ? ' completely' : ''}: checkpoint commits
          would fail until one is.
        </span>
      </Notice>
    );
  return (
    <p data-testid="identity-current">
      Commits are by <strong>{current.name!.value}</strong> &lt;{current.email!.value}&gt; (from{' '}
      {scopeText(current.name!.scope)}). Keep it, or set another one for the memory repository.
    </p>
  );
}
