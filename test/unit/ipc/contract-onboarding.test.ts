import { describe, expect, it } from 'vitest';
import { describeLicenseState, type LicenseStateName } from '../../../src-main/core/license/license-state';
import { SETUP_STEPS } from '../../../src-main/core/setup/steps';
import { LICENSE_STATES, SETUP_STEP_IDS } from '../../../src-main/ipc/contract-onboarding';

/** The contract cannot import the core (the sandboxed preload bundles it): its copies must match. */
describe('the wizard contract mirrors the core', () => {
  it('lists the set-up steps in the core order', () => {
    expect([...SETUP_STEP_IDS]).toEqual(SETUP_STEPS.map((s) => s.id));
  });

  it('lists every license state, each with its sentence', () => {
    const names: LicenseStateName[] = [...LICENSE_STATES];
    // Both ways, checked by tsc: a core state the contract lacks is a type error too.
    const everyCoreState: LicenseStateName extends (typeof LICENSE_STATES)[number] ? true : false = true;
    expect(everyCoreState).toBe(true);
    expect(names).toHaveLength(8);
    // describeLicenseState has a case per state: a state the contract lacked would be a type error here.
    const license = {
      id: 'l',
      product: 'p',
      org: 'O',
      seats: 1,
      tier: 't',
      entitlements: [],
      issued: '2026-01-01T00:00:00Z',
      maxMachines: 1,
    };
    for (const state of names) {
      const s =
        state === 'malformed'
          ? { state, reason: 'r' }
          : state === 'bad-signature'
            ? { state }
            : state === 'wrong-product'
              ? { state, license, expected: 'x' }
              : { state, license, clock: { rolledBack: false } };
      expect(describeLicenseState(s as never).length, state).toBeGreaterThan(10);
    }
  });
});
