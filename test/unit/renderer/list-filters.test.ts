/** The renderer's list filters: sessions grouped by project, the log by level and text, search requests. */
import { describe, expect, it } from 'vitest';
import type { LogLine, SearchHit, SessionItem } from '../../../src-renderer/bridge/types';
import { filterLines } from '../../../src-renderer/features/log/store';
import { buildRequest, hitRoute, NO_FILTERS } from '../../../src-renderer/features/search/store';
import { groupByProject } from '../../../src-renderer/features/sessions/store';

function session(
  sessionId: string,
  project: string | null,
  lastAt: string,
  title: string | null = null,
): SessionItem {
  return {
    sessionId,
    title,
    project,
    gitBranch: 'main',
    firstAt: lastAt,
    lastAt,
    messages: 3,
    compactions: 0,
    subagents: 0,
  };
}

function line(level: LogLine['level'], message: string): LogLine {
  return {
    time: '2026-12-01T10:00:00Z',
    level,
    step: 'import',
    message,
    fields: {},
    raw: `${level} ${message}`,
  };
}

describe('sessions by project', () => {
  const items = [
    session('s1', '/p/alpha', '2026-11-01T10:00:00Z', 'fix the parser'),
    session('s2', '/p/beta', '2026-11-03T10:00:00Z'),
    session('s3', '/p/alpha', '2026-11-05T10:00:00Z'),
    session('s4', null, '2026-10-01T10:00:00Z'),
  ];

  it('puts the most recently active project first, its newest session first', () => {
    const groups = groupByProject(items);
    expect(groups.map((g) => [g.project, g.sessions.map((s) => s.sessionId)])).toEqual([
      ['/p/alpha', ['s3', 's1']],
      ['/p/beta', ['s2']],
      ['(no project)', ['s4']],
    ]);
  });

  it('keeps the sessions whose project, id, title or branch holds the filter', () => {
    expect(groupByProject(items, ' PARSER ').flatMap((g) => g.sessions.map((s) => s.sessionId))).toEqual([
      's1',
    ]);
    expect(groupByProject(items, 'beta').map((g) => g.project)).toEqual(['/p/beta']);
  });
});

describe('the log filter', () => {
  const lines = [line('DEBUG', 'scan'), line('INFO', 'import done'), line('ERROR', 'import failed')];
  const all = { DEBUG: true, INFO: true, WARN: true, ERROR: true };

  it('shows every line with every level on and no text', () => {
    expect(filterLines(lines, all, ' ')).toBe(lines);
  });

  it('keeps the lines of the levels on that hold the text', () => {
    expect(filterLines(lines, { ...all, ERROR: false }, 'IMPORT').map((l) => l.message)).toEqual([
      'import done',
    ]);
  });
});

describe('search requests', () => {
  it('sends nothing for an empty query, and the filters set otherwise', () => {
    expect(buildRequest('   ', NO_FILTERS, 50)).toBeNull();
    expect(
      buildRequest(
        ' parser ',
        { ...NO_FILTERS, role: 'user', project: ' alpha ', from: '2026-11-01', to: '2026-11-30' },
        50,
      ),
    ).toEqual({
      query: 'parser',
      limit: 50,
      role: 'user',
      project: 'alpha',
      from: '2026-11-01',
      to: '2026-11-30T23:59:59.999Z',
    });
  });

  it('opens a hit in its checkpoint, else in its session, at the message', () => {
    const hit: SearchHit = {
      messageId: 1,
      hash: 'h',
      role: 'user',
      kind: null,
      snippet: 'the [parser]',
      rank: 1,
      occurrences: 1,
      firstSource: null,
      project: '/p/alpha',
      checkpointId: 'c1',
      sessionId: 's1',
      sessionTitle: null,
      timestamp: null,
    };
    const focus = { hash: 'h', role: 'user', snippet: 'the [parser]' };
    expect(hitRoute(hit)).toEqual({
      view: 'checkpoints',
      id: 'c1',
      focus,
    });
    expect(hitRoute({ ...hit, checkpointId: null })).toEqual({
      view: 'sessions',
      id: 's1',
      focus,
    });
    expect(hitRoute({ ...hit, checkpointId: null, sessionId: null })).toBeNull();
  });
});
