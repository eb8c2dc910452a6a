import { z } from 'zod';

/** The product every CODITECT key names; a key for another product is refused. */
export const PRODUCT = 'coditect-desktop';

const isoDate = z.iso.datetime({ offset: true });

/** What a license key carries, signed. Unknown fields are refused so a key means one thing. */
export const LicensePayloadSchema = z.strictObject({
  id: z.string().min(1).max(128),
  product: z.string().min(1).max(128),
  org: z.string().min(1).max(256),
  seats: z.number().int().min(1).max(1_000_000),
  tier: z.string().min(1).max(64),
  entitlements: z.array(z.string().min(1).max(128)).max(256),
  issued: isoDate,
  expires: isoDate.optional(),
  maxMachines: z.number().int().min(1).max(1_000_000),
});
export type LicensePayload = z.infer<typeof LicensePayloadSchema>;
