import crypto, { type KeyObject } from 'node:crypto';
import { signLicenseKey } from './key-format';
import { LicensePayloadSchema, PRODUCT, type LicensePayload } from './payload';

export interface IssueInput {
  org: string;
  seats: number;
  tier: string;
  expires?: Date;
  entitlements?: string[];
  product?: string;
  maxMachines?: number;
  issued?: Date;
  id?: string;
}

/** Vendor side: build, validate and sign a payload. */
export function issueLicenseKey(
  input: IssueInput,
  privateKey: KeyObject,
): { key: string; license: LicensePayload } {
  const license = LicensePayloadSchema.parse({
    id: input.id ?? crypto.randomUUID(),
    product: input.product ?? PRODUCT,
    org: input.org,
    seats: input.seats,
    tier: input.tier,
    entitlements: input.entitlements ?? [],
    issued: (input.issued ?? new Date()).toISOString(),
    ...(input.expires ? { expires: input.expires.toISOString() } : {}),
    maxMachines: input.maxMachines ?? input.seats,
  });
  return { key: signLicenseKey(license, privateKey), license };
}
