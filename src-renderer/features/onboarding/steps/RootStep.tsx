import { Button } from '../../../ui/Button';
import { TextField } from '../../../ui/Field';
import { plural } from '../../../ui/format';
import { chooseFolder, nextFromRoot, planRoot, setRootInput, useOnboarding, type SetupPlan } from '../store';
import { NextButton, WizardNav } from '../WizardNav';

export function RootStep() {
  const { status, rootInput, rootError, plan, planning, choosing } = useOnboarding();
  return (
    <>
      <p className="wizard-lead">
        Every repository below this folder is tracked. If it does not exist yet, set-up creates it.
      </p>
      <form
        className="root-form"
        onSubmit={(e) => {
          e.preventDefault();
          void planRoot();
        }}
        noValidate
      >
        <TextField
          label="Projects root"
          hint={
            status?.canChooseFolder
              ? 'A folder in your home folder, or any folder you choose with “Choose folder…”.'
              : `Type the full path of a folder inside your home folder (${status?.home ?? '~'}); the browser preview cannot open a folder dialog.`
          }
          value={rootInput}
          error={rootError}
          spellCheck={false}
          onChange={setRootInput}
          data-testid="root-input"
        />
        <div className="form-actions">
          <Button type="submit" busy={planning} data-testid="root-look">
            Look in this folder
          </Button>
          {status?.canChooseFolder ? (
            <Button busy={choosing} onClick={() => void chooseFolder()}>
              Choose folder…
            </Button>
          ) : null}
        </div>
      </form>
      {plan ? <PlanView plan={plan} /> : null}
      <WizardNav>
        <NextButton
          disabled={!rootInput.trim() || planning || Boolean(rootError)}
          onClick={() => void nextFromRoot()}
        />
      </WizardNav>
    </>
  );
}

const KIND_TEXT: Record<string, string> = {
  'top-level': 'repository',
  submodule: 'submodule',
  nested: 'repository inside another',
  worktree: 'worktree',
};

function PlanView({ plan }: { plan: SetupPlan }) {
  const changes = plan.steps.flatMap((s) => s.changes);
  return (
    <div className="plan" data-testid="setup-plan">
      <h2 className="subhead">
        {plan.exists
          ? `Found ${plural(plan.repositories.length, 'repository', 'repositories')}`
          : 'This folder will be created'}
      </h2>
      {plan.repositories.length ? (
        <ul className="path-list" aria-label="Repositories found" data-testid="repos-found">
          {plan.repositories.map((r) => (
            <li key={r.dir}>
              <span className="mono">{r.relPath || '.'}</span>{' '}
              <span className="muted small">{KIND_TEXT[r.kind] ?? r.kind}</span>
            </li>
          ))}
        </ul>
      ) : plan.exists ? (
        <p className="muted">No git repositories below it yet.</p>
      ) : null}
      <p>
        Memory repository: <span className="mono">{plan.memoryRepo}</span>{' '}
        {plan.memoryFound ? '(an existing MEMORY-CONTEXT was found and is used as it is)' : ''}
      </p>
      <h2 className="subhead">What set-up will do</h2>
      {changes.length ? (
        <ul className="plan-steps" aria-label="What set-up will do" data-testid="planned-changes">
          {plan.steps
            .filter((s) => s.changes.length)
            .map((s) => (
              <li key={s.id}>
                <span className="step-name">{s.title}</span>
                <ul className="change-list">
                  {s.changes.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              </li>
            ))}
        </ul>
      ) : (
        <p data-testid="planned-changes">Nothing: CODITECT is set up in this folder already.</p>
      )}
      {plan.steps
        .flatMap((s) => s.notes)
        .map((n) => (
          <p key={n} className="muted small">
            Note: {n}
          </p>
        ))}
    </div>
  );
}
