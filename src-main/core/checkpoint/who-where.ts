/**
 * Who made a checkpoint and where: the filter the CLI and the app share. A field matches when
 * it contains the text, in any case; a checkpoint older than format 2 records neither, so any
 * author or machine filter leaves it out.
 */
export interface WhoWhereFilter {
  author?: string;
  machine?: string;
}

export function matchesWhoWhere(
  c: { author: string | null; machine: string | null },
  f: WhoWhereFilter,
): boolean {
  return contains(c.author, f.author) && contains(c.machine, f.machine);
}

function contains(value: string | null, filter: string | undefined): boolean {
  const f = filter?.trim().toLowerCase();
  return !f || (value ?? '').toLowerCase().includes(f);
}
