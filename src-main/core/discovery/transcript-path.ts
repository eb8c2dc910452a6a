/**
 * What a transcript's place under `.../projects/` says about it. Claude Code keeps
 * `<encoded-cwd>/<session>.jsonl`, subagents in `<encoded-cwd>/<session>/subagents/agent-<id>.jsonl`,
 * and (older versions) `<encoded-cwd>/agent-<id>.jsonl`.
 */
export interface TranscriptPlace {
  projectDir?: string;
  agentId?: string;
}

const AGENT_FILE = /^agent-(.+)\.jsonl$/i;

/** `parts`: the path below the transcripts directory, split into names. */
export function transcriptPlace(parts: readonly string[]): TranscriptPlace {
  const place: TranscriptPlace = {};
  if (parts.length >= 2) place.projectDir = parts[0];
  const agent = AGENT_FILE.exec(parts[parts.length - 1] ?? '');
  if (agent) place.agentId = agent[1];
  return place;
}
