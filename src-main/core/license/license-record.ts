import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../workspace/atomic-write';

/** What the app remembers about the active license besides the key itself (never the key). */
export const LicenseRecordSchema = z.object({
  licenseId: z.string(),
  activatedAt: z.string(),
  machineId: z.string().optional(),
});
export type LicenseRecord = z.infer<typeof LicenseRecordSchema>;
const RECORD_FILE = 'license.json';

export function readLicenseRecord(configDir: string): LicenseRecord | null {
  try {
    const r = LicenseRecordSchema.safeParse(
      JSON.parse(fs.readFileSync(path.join(configDir, RECORD_FILE), 'utf8')),
    );
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function writeLicenseRecord(configDir: string, rec: LicenseRecord): void {
  writeFileAtomic(path.join(configDir, RECORD_FILE), JSON.stringify(rec, null, 2) + '\n');
}

export function removeLicenseRecord(configDir: string): void {
  fs.rmSync(path.join(configDir, RECORD_FILE), { force: true });
}
