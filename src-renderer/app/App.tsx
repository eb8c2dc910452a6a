import { lazy, Suspense, useEffect, useRef } from 'react';
import { CheckpointsView } from '../features/checkpoints/CheckpointsView';
import { DashboardView } from '../features/dashboard/DashboardView';
import { startRunListener, useDashboard } from '../features/dashboard/store';
import { LogView } from '../features/log/LogView';
import { openWizardOnFirstRun } from '../features/onboarding/first-run';
import { ReposView } from '../features/repositories/ReposView';
import { SyncIndicator } from '../features/repositories/SyncIndicator';
import { CommandPalette } from '../features/search/CommandPalette';
import { ReportDialog } from '../features/report/ReportDialog';
import { followAppCommands, openReport } from '../features/report/store';
import { SearchView } from '../features/search/SearchView';
import { SessionsView } from '../features/sessions/SessionsView';
import { SettingsView } from '../features/settings/SettingsView';
import { Loading } from '../ui/states';
import { formatHash, startRouter, useRouter, VIEWS, type View } from './router-store';
import { setPaletteOpen, startApp, useAppStore } from './store';

// The wizard is shown on a first run or from Settings only: loaded when it is opened.
const OnboardingWizard = lazy(() => import('../features/onboarding/OnboardingWizard'));

const PAGES: Record<Exclude<View, 'onboarding'>, () => React.JSX.Element> = {
  dashboard: DashboardView,
  checkpoints: CheckpointsView,
  sessions: SessionsView,
  search: SearchView,
  log: LogView,
  repositories: ReposView,
  settings: SettingsView,
};

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function App() {
  const view = useRouter((s) => s.route.view);

  useEffect(() => {
    const stopApp = startApp();
    const stopRouter = startRouter();
    const stopRuns = startRunListener();
    const stopCommands = followAppCommands();
    void openWizardOnFirstRun();
    return () => {
      stopCommands();
      stopApp();
      stopRouter();
      stopRuns();
    };
  }, []);

  // Ctrl/Cmd+K opens the search palette from anywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPaletteOpen(!useAppStore.getState().paletteOpen);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Moving between views: focus goes to the new view's title (not on first load).
  const firstView = useRef(true);
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    const t = setTimeout(() => {
      const main = document.getElementById('main');
      if (main && main.contains(document.activeElement) && document.activeElement !== main) return;
      // A dialog opened meanwhile (the palette, a second after a command navigated) keeps it:
      // taken away, its Escape and its typing would reach the page behind it.
      if (document.activeElement?.closest('[aria-modal="true"]')) return;
      main?.querySelector<HTMLElement>('[data-page-title]')?.focus({ preventScroll: true });
    }, 0);
    return () => clearTimeout(t);
  }, [view]);

  if (view === 'onboarding')
    return (
      <div className="wizard-shell">
        <ConnectionBanner />
        <Suspense fallback={<Loading label="Opening set-up…" />}>
          <OnboardingWizard />
        </Suspense>
      </div>
    );
  const Page = PAGES[view];
  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <Sidebar current={view} />
      <main id="main" className="app-main" tabIndex={-1} data-view={view}>
        <ConnectionBanner />
        <Page />
      </main>
      <CommandPalette />
      <ReportDialog />
    </div>
  );
}

function Sidebar({ current }: { current: View }) {
  const running = useDashboard((s) => s.run.running || s.run.starting);
  const host = useAppStore((s) => s.host);
  const version = useAppStore((s) => (s.info.status === 'ready' ? s.info.value.version : null));
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        <span className="brand-name">CODITECT</span>
      </div>
      <button
        type="button"
        className="search-trigger"
        onClick={() => setPaletteOpen(true)}
        aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
      >
        <span>Search…</span>
        <kbd>{isMac ? '⌘K' : 'Ctrl K'}</kbd>
      </button>
      <ul className="nav">
        {VIEWS.map((v) => (
          <li key={v.view}>
            <a
              className={`nav-link${current === v.view ? ' nav-link-current' : ''}`}
              href={formatHash({ view: v.view })}
              aria-current={current === v.view ? 'page' : undefined}
              data-nav={v.view}
            >
              <span className={`nav-icon nav-icon-${v.view}`} aria-hidden="true" />
              {v.label}
              {v.view === 'dashboard' && running ? (
                <span className="nav-running" role="status" aria-label="A run is in progress" />
              ) : null}
            </a>
          </li>
        ))}
      </ul>
      {/* Help: the one place to turn when something goes wrong. */}
      <button type="button" className="link-button sidebar-help" onClick={() => void openReport()}>
        Help › Report a problem
      </button>
      <div className="sidebar-foot muted small">
        <SyncIndicator />
        <div>
          {host === 'desktop' ? `v${version ?? '…'}` : `Browser preview${version ? ` · v${version}` : ''}`}
        </div>
      </div>
    </nav>
  );
}

function ConnectionBanner() {
  const host = useAppStore((s) => s.host);
  const connection = useAppStore((s) => s.connection);
  if (host === 'desktop' || connection === 'open') return null;
  return (
    <div className="banner" role="status">
      {connection === 'connecting'
        ? 'Connecting to the app…'
        : 'The connection to the app was lost. Reconnecting…'}
    </div>
  );
}
