import { useState } from 'react';
import { Button } from '../../../ui/Button';
import { Checkbox, SelectField, TextField } from '../../../ui/Field';
import { Notice } from '../../../ui/states';
import { chooseMemory, nextStep, useOnboarding, type MemoryChoice, type SetupPlan } from '../store';
import { NextButton, WizardNav } from '../WizardNav';

type Mode = MemoryChoice['mode'];

const DEFAULT_NAME = 'coditect-memory';

/**
 * Where the memory is kept: a repository of the user's (the seed workflow's master repository),
 * a new one under the root, or a clone of the memory another machine pushed. The projects root
 * itself is never made a repository.
 */
export function MemoryStep() {
  const plan = useOnboarding((s) => s.plan);
  // Reached only with a plan (the root step's Next needs one); a fresh start shows the root step's hint.
  return plan ? <MemoryChoiceForm plan={plan} /> : <p className="muted">Choose the projects root first.</p>;
}

function MemoryChoiceForm({ plan }: { plan: SetupPlan }) {
  const { planning, moveMemory } = useOnboarding();
  const [mode, setMode] = useState<Mode>(plan.memoryChoice.mode);
  const [repo, setRepo] = useState(initialRepo(plan));
  const [name, setName] = useState(
    plan.memoryChoice.mode === 'existing' ? DEFAULT_NAME : plan.memoryChoice.name,
  );
  const [url, setUrl] = useState('');
  const [move, setMove] = useState(moveMemory);
  const repos = plan.repositories.filter((r) => r.kind === 'top-level' && r.relPath);
  const choice = (): MemoryChoice | null => {
    if (mode === 'existing') return repo ? { mode, repo } : null;
    if (mode === 'new') return { mode, name: name.trim() };
    return url.trim() ? { mode, url: url.trim(), name: name.trim() || nameFromUrl(url) } : null;
  };
  return (
    <>
      <p className="wizard-lead">
        CODITECT keeps its memory in a git repository of its own, so it can be shared with your other machines
        and your team through any git host.
      </p>
      {plan.warnings.map((w) => (
        <Notice key={w} kind="warning">
          {w}
        </Notice>
      ))}
      <form
        className="memory-form"
        data-testid="memory-form"
        onSubmit={(e) => {
          e.preventDefault();
          const c = choice();
          if (c) void chooseMemory(c, move);
        }}
        noValidate
      >
        <fieldset className="field">
          <legend>Keep the memory in</legend>
          {MODES.filter((m) => m.value !== 'existing' || repos.length).map((m) => (
            <label key={m.value} className="check">
              <input
                type="radio"
                name="memory-mode"
                value={m.value}
                checked={mode === m.value}
                onChange={() => setMode(m.value)}
                data-testid={`memory-mode-${m.value}`}
              />
              <span>{m.label}</span>
            </label>
          ))}
        </fieldset>
        {mode === 'existing' ? (
          <SelectField
            label="Repository"
            value={repo}
            options={repos.map((r) => ({ value: r.dir, label: r.relPath }))}
            onChange={setRepo}
          />
        ) : null}
        {mode === 'clone' ? (
          <TextField
            label="Address of the memory repository"
            hint="https://host/owner/memory.git or git@host:owner/memory.git; git's own credentials are used."
            value={url}
            spellCheck={false}
            onChange={setUrl}
            data-testid="memory-url"
          />
        ) : null}
        {mode !== 'existing' ? (
          <TextField
            label="Folder name"
            hint={`Created under ${plan.root}.`}
            value={name}
            spellCheck={false}
            onChange={setName}
            data-testid="memory-name"
          />
        ) : null}
        {plan.previousMemory ? (
          <Checkbox
            label={`Copy my memory so far (${plan.previousMemory}) into it`}
            hint="The original stays where it is until you delete it yourself."
            checked={move}
            onChange={setMove}
          />
        ) : null}
        <div className="form-actions">
          <Button type="submit" busy={planning} disabled={!choice()} data-testid="memory-use">
            Use this
          </Button>
        </div>
      </form>
      <p data-testid="memory-plan">
        Memory repository: <span className="mono">{plan.memoryRepo}</span>
      </p>
      {plan.memoryProblem ? (
        <Notice kind="error">
          <span data-testid="memory-problem">{plan.memoryProblem}</span>
        </Notice>
      ) : null}
      <WizardNav>
        <NextButton
          disabled={planning || Boolean(plan.memoryProblem)}
          onClick={() => void applyThenNext(choice(), move)}
        />
      </WizardNav>
    </>
  );
}

/** Next with an edited choice not yet planned: plan it first, and go on only if it can be used. */
async function applyThenNext(c: MemoryChoice | null, move: boolean): Promise<void> {
  const { plan, moveMemory } = useOnboarding.getState();
  if (c && (JSON.stringify(c) !== JSON.stringify(plan?.memoryChoice) || move !== moveMemory)) {
    await chooseMemory(c, move);
    if (useOnboarding.getState().plan?.memoryProblem) return;
  }
  nextStep();
}

const MODES: { value: Mode; label: string }[] = [
  { value: 'new', label: 'A new repository under the projects root' },
  { value: 'existing', label: 'A repository I already have under the projects root' },
  { value: 'clone', label: 'I already use CODITECT on another machine: clone its memory repository' },
];

function initialRepo(plan: SetupPlan): string {
  if (plan.memoryChoice.mode === 'existing') return plan.memoryChoice.repo;
  return plan.repositories.find((r) => r.kind === 'top-level' && r.relPath)?.dir ?? '';
}

function nameFromUrl(url: string): string {
  const last = url.replace(/\/+$/, '').split(/[/:]/).pop() ?? '';
  return last.replace(/\.git$/i, '') || DEFAULT_NAME;
}
