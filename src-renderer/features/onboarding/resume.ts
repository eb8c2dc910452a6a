/**
 * Where the wizard was left, so "Finish later" (or Esc) and the next opening continue there.
 * Kept in the renderer's own storage: it is a convenience, not a setting, and losing it only
 * means starting at Welcome again.
 */
const KEY = 'coditect.wizard.resume';

export interface WizardResume<S extends string> {
  step: S;
  root: string;
}

export function saveResume<S extends string>(r: WizardResume<S>): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(r));
  } catch {
    // Storage full or disabled: the wizard simply starts from the beginning next time.
  }
}

/** The saved place, if it names a step that still exists (the step list may have changed). */
export function loadResume<S extends string>(steps: readonly S[]): WizardResume<S> | null {
  try {
    const r = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<WizardResume<S>> | null;
    if (r && typeof r.root === 'string' && steps.includes(r.step as S))
      return { step: r.step!, root: r.root };
  } catch {
    // A damaged entry is as good as none.
  }
  return null;
}

export function clearResume(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // nothing to clear
  }
}
