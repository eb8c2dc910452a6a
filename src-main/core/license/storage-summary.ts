import { configDir } from '../settings/settings';
import { homeOf } from '../workspace/resolve-workspace';
import { readLicenseRecord } from './license-record';
import { secretStoreFor } from './secret-store';

/** One line for `coditect doctor`: is a key stored, where, and is it encrypted. No network. */
export function licenseStorageSummary(env: NodeJS.ProcessEnv = process.env): string {
  const dir = configDir(env, homeOf(env));
  const found = secretStoreFor(dir, env).read();
  if (!found) return 'no license key stored';
  const id = readLicenseRecord(dir)?.licenseId ?? 'unknown id';
  return `license ${id} stored in ${found.location.where}`;
}
