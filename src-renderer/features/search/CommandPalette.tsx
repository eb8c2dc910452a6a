/** Ctrl/Cmd+K: search from anywhere, arrow keys to choose, Enter to open the message in context. */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { navigate } from '../../app/router';
import { setPaletteOpen, useAppStore } from '../../app/store';
import { Button } from '../../ui/Button';
import { useDebounced } from '../../ui/hooks';
import { valueOf } from '../../ui/resource';
import { errorText, Spinner } from '../../ui/states';
import { HitItem } from './HitItem';
import { hitRoute, runPaletteSearch, setQuery, usePalette } from './store';

export function CommandPalette() {
  const open = useAppStore((s) => s.paletteOpen);
  if (!open) return null;
  return <PaletteDialog />;
}

function PaletteDialog() {
  const query = usePalette((s) => s.query);
  const results = usePalette((s) => s.results);
  const answered = usePalette((s) => s.answered);
  const active = usePalette((s) => s.active);
  const inputRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const debounced = useDebounced(query, 120);
  const hits = valueOf(results) ?? [];

  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    inputRef.current?.focus();
    inputRef.current?.select();
    return () => prev?.focus?.();
  }, []);

  useEffect(() => {
    void runPaletteSearch(debounced);
  }, [debounced]);

  useEffect(() => {
    document.getElementById(`palette-hit-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const close = () => setPaletteOpen(false);
  const openAll = () => {
    setQuery(query);
    navigate({ view: 'search', q: query.trim() || undefined });
    close();
  };
  const openHit = (i: number) => {
    const hit = hits[i];
    const route = hit && hitRoute(hit);
    if (route) navigate(route);
    close();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      usePalette.setState({ active: Math.min(hits.length - 1, active + 1) });
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      usePalette.setState({ active: Math.max(0, active - 1) });
    } else if (e.key === 'Enter' && e.target === inputRef.current) {
      e.preventDefault();
      if (hits.length) openHit(active);
      else if (query.trim()) openAll();
    } else if (e.key === 'Tab') {
      // Keep focus inside the dialog.
      const focusables = dialogRef.current?.querySelectorAll<HTMLElement>('input, button, a[href]');
      if (!focusables?.length) return;
      const first = focusables[0]!;
      const last = focusables[focusables.length - 1]!;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        ref={dialogRef}
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label="Search messages"
        onKeyDown={onKeyDown}
      >
        <div className="palette-input-row">
          <input
            ref={inputRef}
            className="input input-lg palette-input"
            type="search"
            placeholder="Search every message…"
            role="combobox"
            aria-expanded={hits.length > 0}
            aria-controls="palette-results"
            aria-activedescendant={hits.length ? `palette-hit-${active}` : undefined}
            aria-autocomplete="list"
            aria-label="Search messages"
            value={query}
            maxLength={500}
            onChange={(e) => usePalette.setState({ query: e.target.value })}
          />
          {results.status === 'loading' ? <Spinner label="Searching" /> : null}
        </div>
        <div className="palette-body">
          {results.status === 'error' ? (
            <p className="field-error" role="alert">
              {errorText(results.error)}
            </p>
          ) : null}
          {results.status === 'ready' && hits.length === 0 ? (
            <p className="muted">No message matches.</p>
          ) : null}
          {results.status === 'idle' ? (
            <p className="muted">
              Type to search checkpoints and sessions. ↑↓ to choose, Enter to open, Esc to close.
            </p>
          ) : null}
          {hits.length ? (
            <div id="palette-results" role="listbox" aria-label="Results" className="hits hits-compact">
              {hits.map((h, i) => (
                <HitItem
                  key={h.messageId}
                  id={`palette-hit-${i}`}
                  hit={h}
                  query={answered}
                  position={i + 1}
                  active={i === active}
                  onOpen={close}
                />
              ))}
            </div>
          ) : null}
        </div>
        <div className="palette-foot">
          <Button size="sm" variant="ghost" onClick={openAll} disabled={!query.trim()}>
            All results and filters
          </Button>
          <Button size="sm" variant="ghost" onClick={close}>
            Close
          </Button>
        </div>
      </div>
    </div>
  );
}
