/** Full-text search: the search page's query and filters, and the Ctrl/Cmd+K palette's. */
import { create } from 'zustand';
import { call } from '../../bridge';
import type { MessageKind, RequestOf, Role, SearchHit } from '../../bridge/types';
import { fromResult, idle, loading, type Resource } from '../../ui/resource';
import type { Route } from '../../app/router-store';
import { ANYONE, whoWhereRequest } from '../who-where/who-where';

export interface SearchFilters {
  role: Role | '';
  project: string;
  source: 'export' | 'transcript' | '';
  /** Who said it: one kind, `ordinary` (none of the kinds: what the person and Claude said), or any. */
  kind: MessageKind | 'ordinary' | '';
  /** yyyy-mm-dd from <input type=date>. */
  from: string;
  to: string;
  author: string;
  machine: string;
}

export const NO_FILTERS: SearchFilters = {
  role: '',
  project: '',
  source: '',
  kind: '',
  from: '',
  to: '',
  ...ANYONE,
};

export function buildRequest(
  query: string,
  f: SearchFilters,
  limit: number,
): RequestOf<'search:query'> | null {
  const q = query.trim();
  if (!q) return null;
  const req: RequestOf<'search:query'> = { query: q.slice(0, 500), limit };
  if (f.role) req.role = f.role;
  if (f.project.trim()) req.project = f.project.trim();
  if (f.source) req.source = f.source;
  if (f.kind) req.kind = f.kind;
  if (f.from) req.from = f.from;
  if (f.to) req.to = `${f.to}T23:59:59.999Z`;
  return { ...req, ...whoWhereRequest(f) };
}

/** One line under the search box (the syntax src-main/core/memory/fts-query.ts understands). */
export const SEARCH_SYNTAX_HELP =
  'All words match; a OR b for either; "exact phrase"; -word or NOT word to exclude; word* for beginnings.';

/** What is wrong with the query, when the search refused it (not when it failed otherwise). */
export function queryProblem(results: Resource<SearchHit[]>): string | null {
  return results.status === 'error' && results.error.field === 'query' ? results.error.message : null;
}

/** Where a hit opens: its checkpoint, else its session, at the message. */
export function hitRoute(hit: SearchHit): Route | null {
  const focus = { hash: hit.hash, role: hit.role, snippet: hit.snippet };
  if (hit.checkpointId) return { view: 'checkpoints', id: hit.checkpointId, focus };
  if (hit.sessionId) return { view: 'sessions', id: hit.sessionId, focus };
  return null;
}

interface SearchState {
  query: string;
  filters: SearchFilters;
  results: Resource<SearchHit[]>;
  /** The query the results answer (highlighting uses it). */
  answered: string;
}

export const useSearch = create<SearchState>()(() => ({
  query: '',
  filters: NO_FILTERS,
  results: idle,
  answered: '',
}));

export function setQuery(query: string): void {
  useSearch.setState({ query });
}

export function setFilters(patch: Partial<SearchFilters>): void {
  useSearch.setState((s) => ({ filters: { ...s.filters, ...patch } }));
}

let seq = 0;
export async function runSearch(query: string, filters: SearchFilters): Promise<void> {
  const req = buildRequest(query, filters, 100);
  const mine = ++seq;
  if (!req) {
    useSearch.setState({ results: idle, answered: '' });
    return;
  }
  useSearch.setState((s) => ({ results: loading(s.results) }));
  const r = await call('search:query', req);
  if (mine !== seq) return;
  useSearch.setState({ results: fromResult(r), answered: req.query });
}

interface PaletteState {
  query: string;
  results: Resource<SearchHit[]>;
  answered: string;
  active: number;
}

export const usePalette = create<PaletteState>()(() => ({
  query: '',
  results: idle,
  answered: '',
  active: 0,
}));

let paletteSeq = 0;
export async function runPaletteSearch(query: string): Promise<void> {
  const req = buildRequest(query, NO_FILTERS, 12);
  const mine = ++paletteSeq;
  if (!req) {
    usePalette.setState({ results: idle, answered: '', active: 0 });
    return;
  }
  usePalette.setState((s) => ({ results: loading(s.results) }));
  const r = await call('search:query', req);
  if (mine !== paletteSeq) return;
  usePalette.setState({ results: fromResult(r), answered: req.query, active: 0 });
}
