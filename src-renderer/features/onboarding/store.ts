/**
 * The set-up wizard: Welcome → Projects root → Install CODITECT → License → Git identity →
 * First import → Done. Its own state lives here; the license and the import reuse the license
 * store and the dashboard's run (pipeline:start, followed through pipeline:event / done).
 */
import { create } from 'zustand';
import { navigate } from '../../app/router-store';
import { loadAppInfo } from '../../app/store';
import { call } from '../../bridge';
import type { IpcError, ResponseOf } from '../../bridge/types';
import { setRunOptions, startRun } from '../dashboard/store';
import { fieldErrorText } from '../../ui/field-error';
import { loadSettings } from '../settings/store';
import { clearResume, loadResume, saveResume } from './resume';

export const WIZARD_STEPS = [
  'welcome',
  'root',
  'memory',
  'install',
  'license',
  'identity',
  'import',
  'done',
] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const STEP_TITLES: Record<WizardStep, string> = {
  welcome: 'Welcome',
  root: 'Projects root',
  memory: 'Memory repository',
  install: 'Install CODITECT',
  license: 'License',
  identity: 'Git identity',
  import: 'First import',
  done: 'Done',
};

export type OnboardingStatus = ResponseOf<'onboarding:status'>;
export type SetupPlan = ResponseOf<'setup:plan'>;
export type SetupStepId = SetupPlan['steps'][number]['id'];
export type MemoryChoice = SetupPlan['memoryChoice'];

export interface InstallStep {
  id: SetupStepId;
  title: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  /** Planned changes until it ran; then the changes it made. */
  changes: string[];
  notes: string[];
  error?: string;
}

interface OnboardingState {
  step: WizardStep;
  status: OnboardingStatus | null;
  statusError: IpcError | null;
  rootInput: string;
  rootError: string | null;
  plan: SetupPlan | null;
  planning: boolean;
  choosing: boolean;
  install: InstallStep[];
  installing: boolean;
  /** The first import was started from this wizard (the dashboard may hold an older run). */
  importStarted: boolean;
  /** The memory repository picked in its step; undefined: set-up's default (keep it, else a new one). */
  memory: MemoryChoice | undefined;
  /** Copy the memory used so far into the chosen repository. */
  moveMemory: boolean;
}

const initial = (): OnboardingState => ({
  step: 'welcome',
  status: null,
  statusError: null,
  rootInput: '',
  rootError: null,
  plan: null,
  planning: false,
  choosing: false,
  install: [],
  installing: false,
  importStarted: false,
  memory: undefined,
  moveMemory: false,
});

export const useOnboarding = create<OnboardingState>()(initial);

const set = useOnboarding.setState;
const get = useOnboarding.getState;

/**
 * Opening the wizard (first run or from Settings): where it was left, else from the start with
 * the suggested root. A step past the root needs the root's plan again: it is looked at anew.
 */
export async function startWizard(): Promise<void> {
  set(initial());
  const r = await call('onboarding:status');
  if (!r.ok) return set({ statusError: r.error });
  const resume = loadResume(WIZARD_STEPS);
  set({ status: r.value, rootInput: resume?.root || r.value.suggestedRoot });
  if (!resume || resume.step === 'welcome') return;
  if (WIZARD_STEPS.indexOf(resume.step) > WIZARD_STEPS.indexOf('root')) await planRoot();
  set({ step: get().plan || resume.step === 'root' ? resume.step : 'root' });
}

function goTo(step: WizardStep): void {
  set({ step });
  saveResume({ step, root: get().rootInput });
}

/**
 * Steps with nothing left to do are passed over: on a re-run over a root set up in full, the
 * memory repository (already chosen and in place) and Install.
 */
function alreadyDone(step: WizardStep): boolean {
  return (step === 'memory' || step === 'install') && installDone(get().install);
}

export function nextStep(): void {
  let i = WIZARD_STEPS.indexOf(get().step) + 1;
  while (i < WIZARD_STEPS.length - 1 && alreadyDone(WIZARD_STEPS[i]!)) i++;
  goTo(WIZARD_STEPS[Math.min(i, WIZARD_STEPS.length - 1)]!);
}

/** The root step's Next: the folder typed (or pre-filled) is looked at first if it was not yet. */
export async function nextFromRoot(): Promise<void> {
  if (!get().plan) await planRoot();
  if (get().plan) nextStep();
}

/** "Finish later" and Esc: back to the app; the wizard continues here when opened again. */
export function leaveWizard(): void {
  saveResume({ step: get().step, root: get().rootInput });
  navigate({ view: 'dashboard' }, { replace: true });
}

export function previousStep(): void {
  const i = WIZARD_STEPS.indexOf(get().step);
  goTo(WIZARD_STEPS[Math.max(i - 1, 0)]!);
}

export function setRootInput(rootInput: string): void {
  // A different folder: the plan shown no longer applies.
  set({ rootInput, rootError: null, plan: null, install: [], memory: undefined, moveMemory: false });
}

/** The desktop app's folder dialog; the folder chosen is planned at once. */
export async function chooseFolder(): Promise<void> {
  set({ choosing: true, rootError: null });
  const r = await call('dialog:chooseFolder', {
    title: 'Choose your projects folder',
    defaultPath: get().rootInput || undefined,
  });
  set({ choosing: false });
  if (!r.ok) return set({ rootError: r.error.message });
  if (r.value.path) {
    setRootInput(r.value.path);
    await planRoot();
  }
}

export async function planRoot(): Promise<void> {
  const root = get().rootInput.trim();
  if (!root) return set({ rootError: 'Enter the folder that holds (or will hold) your repositories.' });
  set({ planning: true, rootError: null });
  const { memory, moveMemory } = get();
  const r = await call('setup:plan', { root, ...(memory ? { memory } : {}), moveMemory });
  if (!r.ok) return set({ planning: false, plan: null, rootError: fieldErrorText(r.error) });
  set({ planning: false, plan: r.value, install: r.value.steps.map(toInstallStep) });
}

/** The memory repository step: plan again with the choice, so the install list shows what it will do. */
export async function chooseMemory(memory: MemoryChoice, moveMemory: boolean): Promise<void> {
  set({ memory, moveMemory });
  await planRoot();
}

/** A step the plan has no change for is in place already: done before it runs. */
function toInstallStep(s: SetupPlan['steps'][number]): InstallStep {
  const status = s.changes.length ? 'pending' : 'done';
  return { id: s.id, title: s.title, status, changes: s.changes, notes: s.notes };
}

/** Runs every set-up step in order, each reporting its changes; stops at the first failure. */
export async function runInstall(): Promise<void> {
  const plan = get().plan;
  if (!plan || get().installing) return;
  set({ installing: true });
  for (const step of get().install) {
    if (step.status === 'done') continue;
    patchStep(step.id, { status: 'running', error: undefined });
    const { memory, moveMemory } = get();
    const r = await call('setup:runStep', {
      root: plan.root,
      step: step.id,
      ...(memory ? { memory } : {}),
      moveMemory,
    });
    if (!r.ok) {
      patchStep(step.id, { status: 'failed', error: r.error.message });
      break;
    }
    patchStep(step.id, { status: 'done', changes: r.value.changes, notes: r.value.notes });
  }
  set({ installing: false });
  // The settings now name the root, and the memory folder exists: the app follows.
  void loadAppInfo();
  void loadSettings();
}

function patchStep(id: SetupStepId, patch: Partial<InstallStep>): void {
  set((s) => ({ install: s.install.map((x) => (x.id === id ? { ...x, ...patch } : x)) }));
}

export function installDone(steps: InstallStep[]): boolean {
  return steps.length > 0 && steps.every((s) => s.status === 'done');
}

/** The first import: the dashboard's run, titled "First import", transcripts included, committed. */
export async function startImport(): Promise<void> {
  set({ importStarted: true });
  setRunOptions({ description: 'First import', includeTranscripts: true, git: true });
  await startRun();
}

/** "Skip set-up": the wizard stops opening by itself; Settings can still run it. */
export async function skipWizard(): Promise<void> {
  await call('onboarding:dismiss');
  clearResume();
  navigate({ view: 'dashboard' }, { replace: true });
}

export function finishWizard(): void {
  clearResume();
  void loadAppInfo();
  navigate({ view: 'dashboard' }, { replace: true });
}
