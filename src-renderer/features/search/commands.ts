/**
 * What the command palette can do besides finding messages, VS Code style: go to any view or a
 * Settings section, run export-dedup, sync the memory, open the log, report a problem. A command is found by the
 * words of its title (and a few synonyms), every word typed matching the start of one of them.
 */
import { navigate, VIEWS } from '../../app/router-store';
import { startRun } from '../dashboard/store';
import { syncNow } from '../repositories/sync-store';

export interface Command {
  id: string;
  title: string;
  /** More words it answers to. */
  keywords?: string;
  run: () => void;
}

/** Commands that live in other features register here (the report dialog, for one). */
const extra: Command[] = [];

export function registerCommand(c: Command): void {
  if (!extra.some((e) => e.id === c.id)) extra.push(c);
}

function allCommands(): Command[] {
  return [
    {
      id: 'run',
      title: 'Run export-dedup',
      keywords: 'import start dedup',
      run: () => {
        navigate({ view: 'dashboard' });
        void startRun();
      },
    },
    {
      id: 'sync',
      title: 'Sync the memory',
      keywords: 'push pull fetch rebase remote',
      run: () => {
        navigate({ view: 'repositories' });
        void syncNow();
      },
    },
    { id: 'open-log', title: 'Open log', keywords: 'logs tail', run: () => navigate({ view: 'log' }) },
    {
      id: 'settings-license',
      title: 'Go to Settings › License',
      keywords: 'key activate deactivate',
      run: () => revealSection({ view: 'settings' }, 'settings-license'),
    },
    ...extra,
    ...VIEWS.map((v) => ({
      id: `go-${v.view}`,
      title: `Go to ${v.label}`,
      keywords: 'view open show',
      run: () => navigate({ view: v.view }),
    })),
  ];
}

/** The commands matching the text typed, best first: every word must start a word of the command. */
export function matchCommands(text: string, limit: number): Command[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const scored = allCommands()
    .map((c) => ({ c, score: score(c, words) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map((s) => s.c);
}

function score(c: Command, words: string[]): number {
  if (!words.length) return 1;
  const titleWords = c.title
    .toLowerCase()
    .split(/[\s›-]+/)
    .filter(Boolean);
  const other = (c.keywords ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  let total = 0;
  for (const w of words) {
    if (titleWords.some((t) => t.startsWith(w))) total += 2;
    else if (other.some((t) => t.startsWith(w))) total += 1;
    else return 0;
  }
  return total;
}

/** Opens a view and brings one of its sections into view, focused, once it has rendered. */
function revealSection(route: Parameters<typeof navigate>[0], headingId: string): void {
  navigate(route);
  let tries = 0;
  const look = () => {
    const heading = document.getElementById(headingId);
    if (heading) {
      heading.scrollIntoView({ block: 'start' });
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    } else if (++tries < 40) setTimeout(look, 50);
  };
  setTimeout(look, 0);
}
