/** The report builder and the IPC contract agree on a report's size: what the app builds, it can save. */
import { describe, expect, it } from 'vitest';
import { REPORT_MAX_CHARS } from '../../src-main/core/report/problem-report';
import { MAX_REPORT_CHARS } from '../../src-main/ipc/contract-report';
import { issueUrl, MAX_ISSUE_URL } from '../../src-main/core/report/issue-url';

describe('report limits', () => {
  it('builds no report larger than report:save accepts', () => {
    expect(REPORT_MAX_CHARS).toBe(MAX_REPORT_CHARS);
  });

  it('trims an issue link to what a URL can carry, at a line end, saying so', () => {
    const body = Array.from({ length: 2000 }, (_, i) => `line ${i} with some words`).join('\n');
    const url = issueUrl('https://github.com/o/r/issues', 'A title', body);
    expect(url.length).toBeLessThanOrEqual(MAX_ISSUE_URL);
    const kept = new URL(url).searchParams.get('body')!;
    expect(kept).toMatch(/\n\n\[…trimmed to fit a link: attach the full report file to this issue\.\]$/);
    expect(kept.startsWith('line 0 with some words\nline 1')).toBe(true);
    const short = issueUrl('https://github.com/o/r/issues/', 'T', 'short body');
    expect(new URL(short).searchParams.get('body')).toBe('short body');
    expect(short.startsWith('https://github.com/o/r/issues/new?')).toBe(true);
  });
});
