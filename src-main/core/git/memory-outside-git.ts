import { owningRepo } from './owning-repo';

/**
 * The one sentence a run prints when its memory can never be committed: the folder is in no
 * git repository under the projects root (the commit step would find nothing to commit and
 * look like success). null when a repository records it.
 */
export function memoryOutsideGitNotice(memoryDir: string, projectsRoot: string): string | null {
  if (owningRepo(memoryDir, projectsRoot)) return null;
  return `The memory folder ${memoryDir} is in no git repository, so nothing is committed or kept in history: run \`coditect setup\` to give it a memory repository.`;
}
