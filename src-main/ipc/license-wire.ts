import type { LicenseReport } from '../core/license/license-service';
import type { ResponseOf } from './contract';

export type LicenseViewWire = ResponseOf<'license:check'>;

/** A report in the contract's shape: what the key says and where it is kept, never the key itself. */
export function toLicenseView(r: LicenseReport): LicenseViewWire {
  const lic = 'license' in r.state ? r.state.license : null;
  return {
    state: r.state.state,
    sentence: r.sentence,
    license: lic && {
      id: lic.id,
      product: lic.product,
      org: lic.org,
      tier: lic.tier,
      seats: lic.seats,
      maxMachines: lic.maxMachines,
      entitlements: [...lic.entitlements],
      issued: lic.issued,
      expires: lic.expires ?? null,
    },
    online: { checked: r.online.checked, failed: r.online.failed ?? false, note: r.online.note },
    stored: r.stored ? { ...r.stored } : null,
    activatedAt: r.record?.activatedAt ?? null,
    machineActivated: Boolean(r.record?.machineId),
  };
}
