import { configDir, loadSettings, settingsFile } from '../settings/settings';
import { homeOf } from '../workspace/resolve-workspace';
import type { LicenseContext } from './license-service';
import { loadPublicKeyPem, type BuildKind } from './public-key';
import { secretStoreFor } from './secret-store';
import { resolveServerConfig } from './server-config';

/**
 * The license context from the environment and the settings file, the same for the app, the
 * IPC handlers and the CLI. The server comes from CODITECT_LICENSE_SERVER when set, else from
 * the settings' `licenseServer`; a broken settings file counts as "no server in the settings".
 */
export function licenseContextFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  publicKeyFile?: string,
  build: BuildKind = 'development',
): LicenseContext {
  const home = homeOf(env);
  const dir = configDir(env, home);
  return {
    configDir: dir,
    publicKeyPem: loadPublicKeyPem(publicKeyFile, env, build),
    server: resolveServerConfig(env, loadSettings(settingsFile(env, home)).settings.licenseServer),
    secrets: secretStoreFor(dir, env),
  };
}
