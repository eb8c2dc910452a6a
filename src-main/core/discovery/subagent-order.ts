import fs from 'node:fs';
import path from 'node:path';
import type { FoundFile } from './types';

/**
 * Discovery sorts by path, which puts an older Claude Code's `agent-<id>.jsonl` before the
 * session that started it (`agent-…` sorts before most session ids). Imported in that order, a
 * checkpoint reads a sub-agent's work before the conversation that asked for it. Here every
 * sub-agent transcript moves to right after its session's transcript; one whose session is
 * not in the list stays where it was.
 */
export function subagentsAfterTheirSessions(files: readonly FoundFile[]): FoundFile[] {
  const agentsBySession = new Map<string, FoundFile[]>();
  const sessions = new Set(files.filter((f) => f.kind === 'transcript' && !f.agentId).map(sessionOfMain));
  const placed = new Set<FoundFile>();
  for (const f of files) {
    if (f.kind !== 'transcript' || !f.agentId) continue;
    const session = sessionOfAgent(f);
    if (!session || !sessions.has(session)) continue;
    agentsBySession.set(session, [...(agentsBySession.get(session) ?? []), f]);
    placed.add(f);
  }
  const out: FoundFile[] = [];
  for (const f of files) {
    if (placed.has(f)) continue;
    out.push(f);
    if (f.kind === 'transcript' && !f.agentId) out.push(...(agentsBySession.get(sessionOfMain(f)) ?? []));
  }
  return out;
}

function sessionOfMain(f: FoundFile): string {
  return path.basename(f.path, '.jsonl');
}

/** `<session>/subagents/agent-<id>.jsonl` says it by its place; an older `agent-<id>.jsonl` in its first line. */
function sessionOfAgent(f: FoundFile): string | null {
  const dir = path.dirname(f.path);
  if (path.basename(dir) === 'subagents') return path.basename(path.dirname(dir));
  return firstSessionId(f.path);
}

const HEAD_BYTES = 64 * 1024;

function firstSessionId(file: string): string | null {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = fs.readSync(fd, buf, 0, HEAD_BYTES, 0);
    const m = /"sessionId"\s*:\s*"([^"]+)"/.exec(buf.subarray(0, n).toString('utf8'));
    return m ? m[1] : null;
  } catch {
    return null; // unreadable here: its import will say why
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
