/** Paths in a report with the home folder as `~`: the user's name stays out of what they send. */
export function shortenHome(text: string, home: string): string {
  const h = home.replace(/[\\/]+$/, '');
  if (h.length < 2) return text;
  // A home at the start of a path only: /home/ann → ~, but not /home/anna.
  const escaped = h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`${escaped}(?=[\\\\/]|$|[\\s"'),;:])`, 'g'), '~');
}
