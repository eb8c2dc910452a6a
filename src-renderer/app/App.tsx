import { useAppStore } from './store';

export function App() {
  const host = useAppStore((s) => s.host);
  const version = useAppStore((s) => s.version);
  return (
    <div className="app">
      <header className="app-header">
        <h1>CODITECT</h1>
        <span className="app-version">{host === 'desktop' ? `v${version ?? '?'}` : 'browser preview'}</span>
      </header>
      <main className="app-main">
        <p>Claude Code&apos;s working memory, kept in git. The workspace views arrive here.</p>
      </main>
    </div>
  );
}
