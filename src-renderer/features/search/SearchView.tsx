import { useEffect, useRef } from 'react';
import { navigate, useRouter } from '../../app/router-store';
import { useAppStore } from '../../app/store';
import type { MessageKind, Role } from '../../bridge/types';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { plural } from '../../ui/format';
import { useDebounced } from '../../ui/hooks';
import { PageHeader } from '../../ui/PageHeader';
import { valueOf } from '../../ui/resource';
import { Empty, ErrorNotice, Loading } from '../../ui/states';
import { KIND_LABEL, ROLE_LABEL } from '../messages/MessageCard';
import { listKeys } from '../../ui/list-keys';
import { WhoWhereFields } from '../who-where/WhoWhereFields';
import { HitItem } from './HitItem';
import {
  NO_FILTERS,
  queryProblem,
  runSearch,
  SEARCH_SYNTAX_HELP,
  setFilters,
  setQuery,
  useSearch,
  type SearchFilters,
} from './store';

const ROLE_OPTIONS = [
  { value: '', label: 'Any role' },
  ...(Object.keys(ROLE_LABEL) as Role[]).map((r) => ({ value: r, label: ROLE_LABEL[r] })),
];

/** Include or leave out text the person never typed (agent prompts, commands, notifications…). */
const KIND_OPTIONS = [
  { value: '', label: 'Anyone' },
  { value: 'ordinary', label: 'Person or Claude' },
  ...(Object.keys(KIND_LABEL) as MessageKind[]).map((k) => ({
    value: k,
    label: `Only ${KIND_LABEL[k].toLowerCase()}`,
  })),
];

export function SearchView() {
  const routeQ = useRouter((s) => s.route.q);
  const reconnects = useAppStore((s) => s.reconnects);
  const query = useSearch((s) => s.query);
  const filters = useSearch((s) => s.filters);
  const results = useSearch((s) => s.results);
  const answered = useSearch((s) => s.answered);
  const inputRef = useRef<HTMLInputElement>(null);

  // A query handed over in the URL (from the palette's "all results").
  useEffect(() => {
    if (routeQ !== undefined && routeQ !== useSearch.getState().query) setQuery(routeQ);
  }, [routeQ]);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const debounced = useDebounced(query, 150);
  const debouncedFilters = useDebounced(filters, 150);
  useEffect(() => {
    void runSearch(debounced, debouncedFilters);
  }, [debounced, debouncedFilters, reconnects]);

  // Keep the query in the URL so back/forward and reloads keep it (once the typed query and the
  // debounced one agree: on arrival the URL's query must not be replaced by the empty start value).
  const urlSynced = useRef(false);
  useEffect(() => {
    if (!urlSynced.current) {
      if (debounced !== useSearch.getState().query) return;
      urlSynced.current = true;
    }
    const q = debounced.trim();
    if ((q || undefined) !== useRouter.getState().route.q)
      navigate({ view: 'search', q: q || undefined }, { replace: true });
  }, [debounced]);

  const hits = valueOf(results) ?? [];
  const problem = queryProblem(results);
  const hasFilters = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <div className="page page-search">
      <PageHeader title="Search" subtitle="Full-text search across every message, ranked best first." />
      <form className="search-form" role="search" onSubmit={(e) => e.preventDefault()}>
        <input
          ref={inputRef}
          type="search"
          className="input input-lg"
          placeholder="Search messages…"
          aria-label="Search messages"
          aria-describedby="search-syntax"
          aria-invalid={problem ? true : undefined}
          value={query}
          maxLength={500}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // ↓ from the query goes into the results, where ↑/↓ and Enter take over.
            if (e.key !== 'ArrowDown') return;
            const first = document.querySelector<HTMLElement>('.search-results a.hit');
            if (!first) return;
            e.preventDefault();
            first.focus();
          }}
        />
        <p id="search-syntax" className="muted small search-syntax">
          {SEARCH_SYNTAX_HELP}
        </p>
        {problem ? (
          <p className="field-error" role="alert" data-testid="search-problem">
            {problem}
          </p>
        ) : null}
        <div className="filters" aria-label="Filters">
          <SelectField
            label="Role"
            value={filters.role}
            options={ROLE_OPTIONS}
            onChange={(v) => setFilters({ role: v as Role | '' })}
          />
          <SelectField
            label="Who said it"
            value={filters.kind}
            options={KIND_OPTIONS}
            onChange={(v) => setFilters({ kind: v as SearchFilters['kind'] })}
          />
          <TextField
            label="Project"
            value={filters.project}
            placeholder="any"
            onChange={(project) => setFilters({ project })}
          />
          <SelectField
            label="Source"
            value={filters.source}
            options={[
              { value: '', label: 'Any source' },
              { value: 'export', label: '/export files' },
              { value: 'transcript', label: 'Transcripts' },
            ]}
            onChange={(v) => setFilters({ source: v as '' | 'export' | 'transcript' })}
          />
          <TextField
            label="From"
            type="date"
            value={filters.from}
            onChange={(from) => setFilters({ from })}
          />
          <TextField label="To" type="date" value={filters.to} onChange={(to) => setFilters({ to })} />
          <WhoWhereFields value={filters} onChange={setFilters} />
          {hasFilters ? (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setFilters(NO_FILTERS)}
              className="filters-clear"
            >
              Clear filters
            </Button>
          ) : null}
        </div>
      </form>
      <div
        className="search-results"
        aria-live="polite"
        aria-busy={results.status === 'loading' || debounced !== query || debouncedFilters !== filters}
      >
        {results.status === 'error' && !problem ? (
          <ErrorNotice error={results.error} onRetry={() => void runSearch(query, filters)} />
        ) : null}
        {results.status === 'idle' ? (
          <Empty title="Type to search">Press Ctrl/⌘+K anywhere to search quickly.</Empty>
        ) : null}
        {results.status === 'loading' && hits.length === 0 ? <Loading label="Searching…" /> : null}
        {results.status === 'ready' && hits.length === 0 ? (
          <Empty title="No message matches">Try fewer words or clear the filters.</Empty>
        ) : null}
        {hits.length ? (
          <>
            <p className="muted small" data-testid="search-count">
              {plural(hits.length, 'result')}
              {hits.length >= 100 ? ' (the best 100)' : ''}
            </p>
            <ol className="hits" aria-label="Search results" onKeyDown={listKeys('a.hit')}>
              {hits.map((h, i) => (
                <li key={`${h.messageId}`}>
                  <HitItem hit={h} query={answered} position={i + 1} />
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
    </div>
  );
}
