import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
// Resolve Ajv and js-yaml the way app-builder-lib does, so the test uses the same versions.
const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
const Ajv = (builderRequire('ajv') as { default: new (options: object) => AjvInstance }).default;
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
interface AjvInstance {
  compile(schema: object): Validate;
}

/** app-builder-lib/out/util/config/schemaValidator.js builds its Ajv with exactly these. */
const ELECTRON_BUILDER_AJV_OPTIONS = { allErrors: true, verbose: true, coerceTypes: true, strict: false };

const schema = JSON.parse(fs.readFileSync(builderRequire.resolve('./scheme.json'), 'utf8')) as object;
const validate = new Ajv(ELECTRON_BUILDER_AJV_OPTIONS).compile(schema);
const loadConfig = () =>
  yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;

interface Target {
  target: string;
  arch?: string[];
}
type Config = Record<string, unknown> & {
  mac: { target: Target[]; hardenedRuntime: boolean; entitlements: string; notarize: boolean };
  win: { target: Target[] };
  linux: { target: Target[] };
  nsis: Record<string, unknown>;
  msi: Record<string, unknown>;
  electronFuses: Record<string, boolean>;
  publish: { provider: string; url?: string }[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  directories: { buildResources: string; output: string };
};

const targetNames = (targets: Target[]) => targets.map((t) => t.target);

describe('electron-builder.yml against app-builder-lib/scheme.json', () => {
  it('uses the Ajv options electron-builder itself uses', () => {
    const source = fs.readFileSync(builderRequire.resolve('./out/util/config/schemaValidator.js'), 'utf8');
    for (const [key, value] of Object.entries(ELECTRON_BUILDER_AJV_OPTIONS))
      expect(source).toContain(`${key}: ${value}`);
  });

  it('is valid', () => {
    const ok = validate(loadConfig());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a misspelt key, here and in electron-builder’s own validator', () => {
    const wrong = { ...loadConfig(), nsis: { ...loadConfig().nsis, oneClik: true } };
    expect(validate(wrong)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'oneClik' } }),
    );
    const { validateSchema } = builderRequire('./out/util/config/schemaValidator.js') as {
      validateSchema(schema: object, data: unknown): void;
    };
    // Nested in an anyOf, electron-builder reports the whole option as not matching.
    expect(() => validateSchema(schema, wrong)).toThrow(/configuration\.nsis should be one of these/);
    expect(() => validateSchema(schema, { ...loadConfig(), oneClik: true })).toThrow(
      /unknown property 'oneClik'/,
    );
    expect(() => validateSchema(schema, loadConfig())).not.toThrow();
  });

  it('rejects a wrong type and an unknown top-level key', () => {
    expect(validate({ ...loadConfig(), asar: 'maybe' })).toBe(false);
    expect(validate({ ...loadConfig(), autoUpdate: true })).toBe(false);
  });
});

describe('electron-builder.yml targets and options', () => {
  const config = loadConfig();

  it('names the app and its folders', () => {
    expect(config.appId).toBe('com.coditect.desktop');
    expect(config.productName).toBe('CODITECT');
    expect(config.directories).toEqual({ buildResources: 'build', output: 'dist' });
  });

  it('macOS: dmg + zip (the zip is what electron-updater installs), hardened, notarized from env', () => {
    expect(targetNames(config.mac.target)).toEqual(['dmg', 'zip']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    expect(fs.existsSync(path.join(root, config.mac.entitlements))).toBe(true);
  });

  it('Windows: NSIS one-click per user, and MSI with the fixed upgrade code', () => {
    expect(targetNames(config.win.target)).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, include: 'build/installer.nsh' });
    expect(fs.existsSync(path.join(root, 'build/installer.nsh'))).toBe(true);
    expect(config.msi.upgradeCode).toBe('d6cee0f3-2c4f-4f71-9433-c05674b1b6dc');
  });

  it('Linux: AppImage + deb', () => {
    expect(targetNames(config.linux.target)).toEqual(['AppImage', 'deb']);
  });

  it('unpacks and rebuilds the native modules, ships resources/', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack.join(' ')).toMatch(/better-sqlite3/);
    expect(config.asarUnpack.join(' ')).toMatch(/@napi-rs\/keyring/);
    expect(config.extraResources[0]).toMatchObject({ from: 'resources', to: 'resources' });
  });

  it('sets the fuses as decided in src-main/electron/fuses.md', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('publishes to GitHub first, with a generic HTTPS feed as the self-hosted option', () => {
    expect(config.publish.map((p) => p.provider)).toEqual(['github', 'generic']);
    expect(config.publish[1]?.url).toMatch(/^https:\/\//);
  });
});
