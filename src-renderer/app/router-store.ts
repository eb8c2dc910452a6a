/**
 * Hash routes, so a view can be opened directly (`#/checkpoints/<id>`) and the browser's back
 * button works in the preview. The route lives in a zustand store fed by `hashchange`.
 */
import { create } from 'zustand';

export type View =
  'dashboard' | 'checkpoints' | 'sessions' | 'search' | 'log' | 'repositories' | 'settings' | 'onboarding';

export const VIEWS: { view: View; label: string; key: string }[] = [
  { view: 'dashboard', label: 'Dashboard', key: '1' },
  { view: 'checkpoints', label: 'Checkpoints', key: '2' },
  { view: 'sessions', label: 'Sessions', key: '3' },
  { view: 'search', label: 'Search', key: '4' },
  { view: 'log', label: 'Log', key: '5' },
  { view: 'repositories', label: 'Repositories', key: '6' },
  { view: 'settings', label: 'Settings', key: '7' },
];

/** A message to bring into view once its checkpoint or session is open (from a search hit). */
export interface MessageFocus {
  hash: string;
  role?: string;
  /** The search snippet (hits marked with [ ]): narrows the scan before the hash check. */
  snippet?: string;
}

export interface Route {
  view: View;
  /** The checkpoint id or the session id. */
  id?: string;
  /** The search query. */
  q?: string;
  focus?: MessageFocus;
}

function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const [pathPart = '', queryPart = ''] = h.split('?', 2);
  const [first = '', ...rest] = pathPart.split('/');
  // The set-up wizard is a route of its own, outside the sidebar (it opens by itself on a first run).
  const view: View =
    first === 'onboarding' ? 'onboarding' : (VIEWS.find((v) => v.view === first)?.view ?? 'dashboard');
  const params = new URLSearchParams(queryPart);
  const route: Route = { view };
  const id = rest.length ? decodeURIComponent(rest.join('/')) : '';
  if (id) route.id = id;
  const q = params.get('q');
  if (q) route.q = q;
  const hashParam = params.get('hash');
  if (hashParam) {
    route.focus = { hash: hashParam };
    const role = params.get('role');
    const snippet = params.get('snippet');
    if (role) route.focus.role = role;
    if (snippet) route.focus.snippet = snippet;
  }
  return route;
}

export function formatHash(r: Route): string {
  let s = `#/${r.view}`;
  if (r.id) s += `/${encodeURIComponent(r.id)}`;
  const params = new URLSearchParams();
  if (r.q) params.set('q', r.q);
  if (r.focus) {
    params.set('hash', r.focus.hash);
    if (r.focus.role) params.set('role', r.focus.role);
    if (r.focus.snippet) params.set('snippet', r.focus.snippet);
  }
  const qs = params.toString();
  return qs ? `${s}?${qs}` : s;
}

interface RouterState {
  route: Route;
}

export const useRouter = create<RouterState>()(() => ({ route: parseHash(location.hash) }));

export function navigate(route: Route, opts: { replace?: boolean } = {}): void {
  const hash = formatHash(route);
  if (hash !== location.hash) {
    if (opts.replace) history.replaceState(null, '', hash);
    else history.pushState(null, '', hash);
  }
  useRouter.setState({ route });
}

export function startRouter(): () => void {
  const onHash = () => useRouter.setState({ route: parseHash(location.hash) });
  window.addEventListener('hashchange', onHash);
  window.addEventListener('popstate', onHash);
  return () => {
    window.removeEventListener('hashchange', onHash);
    window.removeEventListener('popstate', onHash);
  };
}
