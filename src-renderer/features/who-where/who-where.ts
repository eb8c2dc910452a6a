/** Who made a checkpoint and on which machine: the filter Checkpoints, Sessions and Search share. */
export interface WhoWhere {
  author: string;
  machine: string;
}

export const ANYONE: WhoWhere = { author: '', machine: '' };

export function isFiltered(w: WhoWhere): boolean {
  return Boolean(w.author.trim() || w.machine.trim());
}

/** The request fields: only what the user typed (trimmed), so an empty box filters nothing. */
export function whoWhereRequest(w: WhoWhere): { author?: string; machine?: string } {
  const req: { author?: string; machine?: string } = {};
  if (w.author.trim()) req.author = w.author.trim().slice(0, 200);
  if (w.machine.trim()) req.machine = w.machine.trim().slice(0, 200);
  return req;
}
