import fs from 'node:fs';
import type { Command } from 'commander';
import { issueLicenseKey } from '../../core/license/issue-key';
import { readPrivateKey, writeKeyPair } from '../../core/license/keypair';
import { licenseContextFromEnv } from '../../core/license/license-context';
import {
  activateLicense,
  checkLicense,
  deactivateLicense,
  licenseStatus,
  type LicenseContext,
  type LicenseReport,
} from '../../core/license/license-service';
import type { BuildKind } from '../../core/license/public-key';
import { EXIT } from '../../core/pipeline/run-summary';
import { UsageError, type Output } from '../output';

type SetExit = (code: number) => void;

/** `coditect license …`: the vendor tools (keygen, issue) and the user's (verify, activate, status, deactivate). */
export function registerLicense(
  program: Command,
  o: Output,
  setExit: SetExit,
  build: BuildKind = 'development',
): void {
  const context = (publicKeyFile?: string) => {
    // Another public key would let any pair sign "valid" keys: a vendor's tool, for checkouts.
    if (publicKeyFile !== undefined && build === 'packaged')
      throw new UsageError('--public-key: the installed app checks keys against the CODITECT key only');
    return licenseContextFromEnv(process.env, publicKeyFile, build);
  };
  const license = program
    .command('license')
    .description('license keys: verify, activate, status; vendor tools');
  registerVendorTools(license, o);
  license
    .command('verify <key>')
    .description(
      'check a license key offline (and online when a license server is configured); exit 0 when valid; KEY "-" reads it from stdin',
    )
    .option(
      '--public-key <file>',
      'the vendor public key (PEM; development builds only); default: the one shipped in resources/',
    )
    .option('--json', 'print one JSON document')
    .action(async (key: string, f: { publicKey?: string; json?: boolean }) => {
      const r = await checkLicense(context(f.publicKey), await keyArgument(key));
      show(o, r, f.json);
      setExit(r.state.state === 'valid' ? EXIT.done : EXIT.failed);
    });
  license
    .command('activate <key>')
    .description(
      'verify the key, activate this machine (when a server is configured) and store the key; KEY "-" reads it from stdin',
    )
    .option('--json', 'print one JSON document')
    .action(async (key: string, f: { json?: boolean }) => {
      const r = await activateLicense(context(), await keyArgument(key));
      show(o, r, f.json);
      setExit(r.stored ? EXIT.done : EXIT.failed);
    });
  registerStatus(license, o, setExit, context);
}

/** `-` reads the key from stdin, so it need not sit in the shell's history. */
async function keyArgument(arg: string): Promise<string> {
  if (arg !== '-') return arg;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const key = Buffer.concat(chunks).toString('utf8').trim();
  if (!key) throw new UsageError('KEY "-": nothing was read from standard input (pipe the key in)');
  return key;
}

function registerStatus(license: Command, o: Output, setExit: SetExit, context: () => LicenseContext): void {
  license
    .command('status')
    .description('the stored license: organisation, tier, expiry, and where the key is kept')
    .option('--json', 'print one JSON document')
    .action(async (f: { json?: boolean }) => {
      const r = await licenseStatus(context());
      if (!r) {
        if (f.json) o.json({ stored: false });
        else o.out('No license is activated on this machine (coditect license activate KEY).');
        return setExit(EXIT.failed);
      }
      show(o, r, f.json);
      setExit(r.state.state === 'valid' ? EXIT.done : EXIT.failed);
    });
  license
    .command('deactivate')
    .description('release this machine (when activated online) and remove the stored key')
    .option('--json', 'print one JSON document')
    .action(async (f: { json?: boolean }) => {
      const r = await deactivateLicense(context());
      if (f.json) return o.json(r);
      o.out(
        r.removedFrom.length
          ? `License key removed from: ${r.removedFrom.join(', ')}.`
          : 'No license key was stored.',
      );
      o.out(r.online.note);
    });
}

function registerVendorTools(license: Command, o: Output): void {
  license
    .command('keygen')
    .description('vendor: create an Ed25519 key pair (PEM); keep the private key out of every repository')
    .requiredOption('--out <dir>', 'folder for license-public-key.pem and license-private-key.pem (0600)')
    .action((f: { out: string }) => {
      const r = writeKeyPair(f.out);
      o.out(
        `public key:  ${r.publicFile}\nprivate key: ${r.privateFile} (readable only by you; never commit it)`,
      );
    });
  license
    .command('issue')
    .description('vendor: sign a license key and print it')
    .requiredOption('--private-key <file>', 'the Ed25519 private key (PEM)')
    .requiredOption('--org <org>', 'the organisation (tenant)')
    .requiredOption('--seats <n>', 'number of seats')
    .requiredOption('--tier <tier>', 'tier, e.g. pro or team')
    .option('--expires <date>', 'expiry date (ISO 8601); none: perpetual')
    .option('--entitlement <e>', 'an entitlement (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--product <p>', 'product id (default coditect-desktop)')
    .option('--max-machines <n>', 'machines the key may activate (default: seats)')
    .action((f: IssueFlags) => o.out(issue(f)));
}

interface IssueFlags {
  privateKey: string;
  org: string;
  seats: string;
  tier: string;
  expires?: string;
  entitlement: string[];
  product?: string;
  maxMachines?: string;
}

function issue(f: IssueFlags): string {
  if (!fs.existsSync(f.privateKey)) throw new UsageError(`--private-key: ${f.privateKey} does not exist`);
  const expires = f.expires ? new Date(f.expires) : undefined;
  if (expires && Number.isNaN(expires.getTime()))
    throw new UsageError(`--expires: "${f.expires}" is not a date`);
  const { key } = issueLicenseKey(
    {
      org: f.org,
      seats: positive('--seats', f.seats),
      tier: f.tier,
      expires,
      entitlements: f.entitlement,
      product: f.product,
      maxMachines: f.maxMachines ? positive('--max-machines', f.maxMachines) : undefined,
    },
    readPrivateKey(f.privateKey),
  );
  return key;
}

function positive(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag}: "${v}" is not a positive whole number`);
  return n;
}

function show(o: Output, r: LicenseReport, json?: boolean): void {
  if (json) return o.json(r);
  o.out(r.sentence);
  if ('license' in r.state) {
    const l = r.state.license;
    o.out(
      `  org: ${l.org}\n  tier: ${l.tier}\n  seats: ${l.seats}\n  expires: ${l.expires ?? 'never'}\n  license id: ${l.id}`,
    );
  }
  if (r.stored) o.out(`  stored in: ${r.stored.where}`);
  o.out(`  ${r.online.note}`);
}
