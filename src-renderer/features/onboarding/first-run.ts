/**
 * The wizard opens by itself on a first run (the main process decides what that is:
 * core/setup/first-run). Kept apart from the wizard so the start-up bundle stays small: the
 * wizard itself loads only when it is shown.
 */
import { navigate, useRouter } from '../../app/router-store';
import { call } from '../../bridge';

export async function openWizardOnFirstRun(): Promise<void> {
  const r = await call('onboarding:status');
  if (r.ok && r.value.firstRun && useRouter.getState().route.view !== 'onboarding')
    navigate({ view: 'onboarding' }, { replace: true });
}
