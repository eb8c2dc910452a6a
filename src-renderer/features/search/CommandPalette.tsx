/**
 * Ctrl/Cmd+K: search messages from anywhere and run commands, VS Code style. Messages come
 * first and the matching commands in their own section below them; a leading `>` lists only
 * commands. Arrow keys choose, Enter opens the message in context or runs the command.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { navigate } from '../../app/router-store';
import { setPaletteOpen, useAppStore } from '../../app/store';
import { Button } from '../../ui/Button';
import { useDebounced } from '../../ui/hooks';
import { valueOf } from '../../ui/resource';
import { errorText, Spinner } from '../../ui/states';
import { matchCommands, type Command } from './commands';
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
  const commandMode = query.trimStart().startsWith('>');
  const hits = commandMode ? [] : (valueOf(results) ?? []);
  const commands = matchCommands(commandMode ? query.trimStart().slice(1) : query, commandMode ? 50 : 4);
  // One list for the keyboard: the messages, then the commands.
  const count = hits.length + commands.length;

  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    inputRef.current?.focus();
    inputRef.current?.select();
    return () => prev?.focus?.();
  }, []);

  useEffect(() => {
    void runPaletteSearch(debounced.trimStart().startsWith('>') ? '' : debounced);
  }, [debounced]);

  useEffect(() => {
    document.getElementById(`palette-item-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const chosen = Math.min(active, Math.max(0, count - 1));

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
  const runCommand = (c: Command) => {
    close();
    c.run();
  };
  const openItem = (i: number) => {
    if (i < hits.length) openHit(i);
    else if (commands[i - hits.length]) runCommand(commands[i - hits.length]!);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      usePalette.setState({ active: Math.min(count - 1, chosen + 1) });
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      usePalette.setState({ active: Math.max(0, chosen - 1) });
    } else if (e.key === 'Enter' && e.target === inputRef.current) {
      e.preventDefault();
      if (count) openItem(chosen);
      else if (query.trim() && !commandMode) openAll();
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
            placeholder="Search every message, or type > for commands…"
            role="combobox"
            aria-expanded={count > 0}
            aria-controls="palette-results"
            aria-activedescendant={count ? `palette-item-${chosen}` : undefined}
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
          {!commandMode && results.status === 'ready' && hits.length === 0 ? (
            <p className="muted">No message matches.</p>
          ) : null}
          {commandMode && !commands.length ? <p className="muted">No command matches.</p> : null}
          {!commandMode && results.status === 'idle' ? (
            <p className="muted">
              Type to search checkpoints and sessions, or &gt; for commands. ↑↓ to choose, Enter to open, Esc
              to close.
            </p>
          ) : null}
          {count ? (
            <div id="palette-results" role="listbox" aria-label="Results" className="hits hits-compact">
              {hits.length ? (
                <div role="group" aria-label="Messages">
                  {hits.map((h, i) => (
                    <HitItem
                      key={h.messageId}
                      id={`palette-item-${i}`}
                      hit={h}
                      query={answered}
                      position={i + 1}
                      active={i === chosen}
                      onOpen={close}
                    />
                  ))}
                </div>
              ) : null}
              {commands.length ? (
                <div role="group" aria-labelledby="palette-commands-title" data-testid="palette-commands">
                  <div className="palette-section" id="palette-commands-title" aria-hidden="true">
                    Commands
                  </div>
                  {commands.map((c, j) => (
                    <div
                      key={c.id}
                      id={`palette-item-${hits.length + j}`}
                      role="option"
                      aria-selected={hits.length + j === chosen}
                      className={`hit palette-command${hits.length + j === chosen ? ' hit-active' : ''}`}
                      onClick={() => runCommand(c)}
                      data-command={c.id}
                    >
                      {c.title}
                    </div>
                  ))}
                </div>
              ) : null}
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
