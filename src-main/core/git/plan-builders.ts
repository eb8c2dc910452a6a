import path from 'node:path';
import { childrenFirst, isInside, type CommitPlan, type PlannedRepo, type SkippedPath } from './commit-plan';
import { discoverRepos } from './discover-repos';
import { owningRepo, superprojectOf, type OwnedBy } from './owning-repo';
import { LOCAL_DIR_NAME } from '../workspace/memory-layout';

/** Memory artifacts the pipeline writes and git keeps, relative to MEMORY-CONTEXT. */
export const MEMORY_ARTIFACTS = [
  'checkpoints',
  'dedup_state',
  'FORMAT.json',
  '.gitattributes',
  'exports-archive',
  '.gitignore',
  // Format 1 tracked its totals here; format 2 derives them under .local/, so the old file's
  // removal is committed like any other change.
  'MANIFEST.json',
] as const;
/** Older checkpoints live in `CHECKPOINTS/` at the top of the memory repository. */
export const LEGACY_CHECKPOINTS_DIR = 'CHECKPOINTS';

/**
 * The plan for an export-dedup run: the repositories that record `paths`, then each of
 * their superprojects up to the top, so the gitlinks move too. `.local/` is never planned.
 */
export async function planForPaths(
  root: string,
  memoryDir: string,
  paths: readonly string[],
): Promise<CommitPlan> {
  const top = path.resolve(root);
  const local = path.join(path.resolve(memoryDir), LOCAL_DIR_NAME);
  const nodes = new Map<string, PlannedRepo>();
  const skipped: SkippedPath[] = [];
  for (const raw of new Set(paths.map((p) => path.resolve(p)))) {
    if (isInside(raw, local)) {
      skipped.push({ path: raw, reason: 'machine-local (.local/): never committed' });
      continue;
    }
    const owner = owningRepo(raw, top);
    if (!owner) skipped.push({ path: raw, reason: 'not inside a repository under the root' });
    else addPath(node(nodes, owner), raw);
  }
  await addSuperprojects(nodes, top);
  return {
    root: top,
    memoryDir: path.resolve(memoryDir),
    repos: childrenFirst([...nodes.values()]),
    skipped,
  };
}

/**
 * `coditect commit` without a list from a run: whatever is pending among the memory
 * artifacts of the memory repository (plus `extra`, paths an earlier run could not commit).
 */
export async function planPendingArtifacts(
  root: string,
  memoryDir: string,
  extra: readonly string[] = [],
): Promise<CommitPlan> {
  const mem = path.resolve(memoryDir);
  const owner = owningRepo(mem, root);
  const candidates = MEMORY_ARTIFACTS.map((a) => path.join(mem, a));
  if (owner) candidates.push(path.join(owner.dir, LEGACY_CHECKPOINTS_DIR));
  return planForPaths(root, memoryDir, [...candidates, ...extra]);
}

/** `--all-changes`: every repository under the root, everything pending, except the machine-local directory. */
export async function planAllChanges(root: string, memoryDir: string): Promise<CommitPlan> {
  const found = await discoverRepos(root);
  const local = path.join(path.resolve(memoryDir), LOCAL_DIR_NAME);
  const nodes = new Map<string, PlannedRepo>();
  for (const r of found.repos) {
    nodes.set(r.dir, {
      dir: r.dir,
      gitDir: r.gitDir,
      commonDir: r.commonDir,
      selection: { mode: 'all', exclude: isInside(local, r.dir) ? [local] : [] },
      children: [],
    });
  }
  for (const r of found.repos) {
    if (r.kind === 'submodule') nodes.get(r.parent)?.children.push({ dir: r.dir, path: r.path });
  }
  const skipped = found.problems.map((p) => ({ path: p.path, reason: `not searched: ${p.reason}` }));
  return {
    root: found.root,
    memoryDir: path.resolve(memoryDir),
    repos: childrenFirst([...nodes.values()]),
    skipped,
  };
}

function node(nodes: Map<string, PlannedRepo>, owner: OwnedBy): PlannedRepo {
  let n = nodes.get(owner.dir);
  if (!n) {
    n = {
      dir: owner.dir,
      gitDir: owner.gitDir,
      commonDir: owner.commonDir,
      selection: { mode: 'paths', paths: [] },
      children: [],
    };
    nodes.set(owner.dir, n);
  }
  return n;
}

function addPath(n: PlannedRepo, p: string): void {
  if (n.selection.mode === 'paths') n.selection.paths.push(p);
}

/** Walks each planned repository up its chain of superprojects, adding them (with no paths of their own). */
async function addSuperprojects(nodes: Map<string, PlannedRepo>, root: string): Promise<void> {
  const seen = new Set<string>();
  const pending = [...nodes.keys()];
  while (pending.length) {
    const dir = pending.pop()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const sp = await superprojectOf(dir, root);
    if (!sp) continue;
    const parent = node(nodes, sp.parent);
    if (!parent.children.some((c) => c.dir === dir)) parent.children.push({ dir, path: sp.path });
    pending.push(sp.parent.dir);
  }
}
