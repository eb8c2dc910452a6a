/**
 * A prefilled "new issue" link on the project's tracker. Browsers and trackers cut long URLs
 * (GitHub answers 414 past about 8 KB), so the body is trimmed to fit and says that the full
 * report is in the file the user saves or copies.
 */
export const MAX_ISSUE_URL = 7000;

const TRIMMED = '\n\n[…trimmed to fit a link: attach the full report file to this issue.]';

export function issueUrl(tracker: string, title: string, body: string, max = MAX_ISSUE_URL): string {
  const base = `${tracker.replace(/\/+$/, '')}/new`;
  const build = (b: string) =>
    `${base}?${new URLSearchParams({ title, body: b }).toString().replace(/\+/g, '%20')}`;
  let url = build(body);
  if (url.length <= max) return url;
  // Cut by halves to the longest body that fits, then cut at a line end.
  let lo = 0;
  let hi = body.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (build(body.slice(0, mid) + TRIMMED).length <= max) lo = mid;
    else hi = mid - 1;
  }
  const cut = body.lastIndexOf('\n', lo);
  url = build(body.slice(0, cut > 0 ? cut : lo) + TRIMMED);
  return url;
}
