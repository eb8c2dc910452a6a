/**
 * The shapes of the set-up wizard's channels (set-up, license, git identity, launcher), part of
 * the one contract in contract.ts, which lists the channels. Zod only, no core imports: the
 * sandboxed preload bundles the contract. Lists that mirror the core (step ids, license states)
 * are checked against it in test/unit/ipc/contract-onboarding.test.ts.
 */
import { z } from 'zod';

const IsoTime = z.string().max(40);
const PathArg = z.string().min(1).max(4096);

export const SETUP_STEP_IDS = [
  'projects-root',
  'memory-repo',
  'memory-layout',
  'gitignore',
  'settings',
  'slash-command',
] as const;
export const SetupStepId = z.enum(SETUP_STEP_IDS);

export const SetupStepReport = z.object({
  id: SetupStepId,
  title: z.string(),
  /** One sentence per change made (or, in a plan, to be made); empty: nothing to do. */
  changes: z.array(z.string()),
  notes: z.array(z.string()),
});

/** Which repository keeps the memory (core/setup/memory-choice.ts); absent: keep it where it is, else a new one. */
export const MemoryChoiceShape = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('existing'), repo: PathArg }).strict(),
  z.object({ mode: z.literal('new'), name: z.string().min(1).max(100) }).strict(),
  z
    .object({ mode: z.literal('clone'), url: z.string().min(1).max(2000), name: z.string().min(1).max(100) })
    .strict(),
]);

/** Set-up's plan and steps: the root, and the memory repository chosen in the wizard. */
export const SetupRequest = z
  .object({ root: PathArg, memory: MemoryChoiceShape.optional(), moveMemory: z.boolean().optional() })
  .strict();

export const SetupPlanShape = z.object({
  root: z.string(),
  /** The root exists already (else the first step creates it). */
  exists: z.boolean(),
  memoryDir: z.string(),
  memoryRepo: z.string(),
  memoryFound: z.boolean(),
  memoryChoice: MemoryChoiceShape,
  /** Why the memory cannot be set up as chosen (its steps then plan nothing). */
  memoryProblem: z.string().nullable(),
  /** The memory used so far, when the choice puts it elsewhere (`moveMemory` copies it over). */
  previousMemory: z.string().nullable(),
  /** Set-ups that need attention: the projects root (or home) made a git repository by an older set-up. */
  warnings: z.array(z.string()),
  repositories: z.array(z.object({ dir: z.string(), relPath: z.string(), kind: z.string() })),
  steps: z.array(SetupStepReport),
});

export const RemovalShape = z.object({
  removed: z.array(z.string()),
  kept: z.array(z.object({ path: z.string(), reason: z.string() })),
});

export const OnboardingStatus = z.object({
  firstRun: z.boolean(),
  setUp: z.boolean(),
  dismissedAt: IsoTime.nullable(),
  reason: z.string(),
  /** The root to offer: the configured one, else ~/PROJECTS. */
  suggestedRoot: z.string(),
  home: z.string(),
  /** The host can open a native folder dialog (`dialog:chooseFolder`); the browser preview cannot. */
  canChooseFolder: z.boolean(),
});

export const RootRequest = z.object({ root: PathArg }).strict();

export const LICENSE_STATES = [
  'valid',
  'expired',
  'not-yet-valid',
  'wrong-product',
  'too-many-machines',
  'revoked',
  'bad-signature',
  'malformed',
] as const;

/** What a key says about itself (signed); never the key. */
export const LicenseInfo = z.object({
  id: z.string(),
  product: z.string(),
  org: z.string(),
  tier: z.string(),
  seats: z.number().int(),
  maxMachines: z.number().int(),
  entitlements: z.array(z.string()),
  issued: IsoTime,
  expires: IsoTime.nullable(),
});

export const SecretLocationShape = z.object({
  backend: z.enum(['os-credential-store', 'file']),
  where: z.string(),
  /** false: no OS credential store answered (or file storage was chosen); the UI warns. */
  encrypted: z.boolean(),
});

export const LicenseView = z.object({
  state: z.enum(LICENSE_STATES),
  /** The plain sentence for the state (core/license/license-state). */
  sentence: z.string(),
  license: LicenseInfo.nullable(),
  online: z.object({ checked: z.boolean(), failed: z.boolean(), note: z.string() }),
  /** Where the key is kept; null when it was only checked, or not stored. */
  stored: SecretLocationShape.nullable(),
  activatedAt: IsoTime.nullable(),
  machineActivated: z.boolean(),
});

export const LicenseServerShape = z.object({
  configured: z.boolean(),
  source: z.enum(['env', 'settings']).nullable(),
  url: z.string().nullable(),
  /** A server named but unusable (bad URL or key): activation stays offline and this says why. */
  problem: z.string().nullable(),
});

export const LicenseStatusShape = z.object({
  stored: z.boolean(),
  view: LicenseView.nullable(),
  server: LicenseServerShape,
  revalidation: z.object({
    lastAt: IsoTime.nullable(),
    nextAt: IsoTime.nullable(),
    failures: z.number().int(),
  }),
});

export const KeyRequest = z.object({ key: z.string().min(1).max(10_000) }).strict();

const ConfigValue = z.object({
  value: z.string(),
  scope: z.enum(['local', 'global', 'system', 'worktree', 'command', 'unknown']),
});
export const GitIdentityShape = z.object({
  repo: z.string(),
  isRepo: z.boolean(),
  name: ConfigValue.nullable(),
  email: ConfigValue.nullable(),
});

// Control characters and angle brackets would break the author line git writes.
const plainText = (s: string) => ![...s].some((c) => c < ' ' || c === '\u007f' || c === '<' || c === '>');
export const SetIdentityRequest = z
  .object({
    // Messages are shown beside the field, to the user: plain words.
    name: z
      .string()
      .trim()
      .min(1, 'enter your name')
      .max(200, 'use at most 200 characters')
      .refine(plainText, 'use no < or > and no control characters'),
    email: z
      .string()
      .trim()
      .min(3, 'enter an email address like name@example.com')
      .max(320, 'use at most 320 characters')
      .regex(/^[^\s<>@]+@[^\s<>@]+$/, 'enter an email address like name@example.com'),
    scope: z.enum(['local', 'global']).default('local'),
  })
  .strict();

export const LauncherStatusShape = z.object({
  /** This host can install the launcher (the desktop app); the browser preview cannot. */
  available: z.boolean(),
  /** Why not, in a sentence, when not available. */
  reason: z.string().nullable(),
  file: z.string(),
  installed: z.boolean(),
  foreign: z.boolean(),
  onPath: z.boolean(),
  note: z.string().nullable(),
});

export const ChooseFolderRequest = z
  .object({ title: z.string().max(200).optional(), defaultPath: PathArg.optional() })
  .strict()
  .optional();

/** Settings: the license server (null clears it). Checked again by the handler (https, key form). */
export const LicenseServerPatch = z
  .object({ url: z.string().min(1).max(2000), publicKey: z.string().min(1).max(4000) })
  .strict()
  .nullable();
