import { configDir } from '../settings/settings';
import { homeOf } from '../workspace/resolve-workspace';
import type { LicenseContext } from './license-service';
import { loadPublicKeyPem } from './public-key';
import { secretStoreFor } from './secret-store';
import { serverConfigFromEnv } from './server-config';

/** The license context from the environment, the same for the app, the IPC handlers and the CLI. */
export function licenseContextFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  publicKeyFile?: string,
): LicenseContext {
  const dir = configDir(env, homeOf(env));
  return {
    configDir: dir,
    publicKeyPem: loadPublicKeyPem(publicKeyFile, env),
    server: serverConfigFromEnv(env),
    secrets: secretStoreFor(dir, env),
  };
}
