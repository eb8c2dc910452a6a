/**
 * Step 6 is the git issue's: commit the memory artifacts the run touched in every
 * repository. The pipeline hands it exactly those paths and records what it reports.
 */
export interface GitStepInput {
  projectsRoot: string;
  memoryDir: string;
  /** Absolute paths the run created, changed, moved or deleted. */
  touchedPaths: string[];
  title: string;
  statsTrailer: string;
}

export interface GitStepReport {
  ok: boolean;
  summary: string;
  failures: { repository: string; reason: string }[];
}

export type GitStep = (input: GitStepInput) => Promise<GitStepReport>;
