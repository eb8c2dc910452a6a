/** Loading, empty and error states, the same everywhere. */
import type { ReactNode } from 'react';
import type { IpcError } from '../bridge/types';
import { Button } from './Button';

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span className="spinner" role="status" aria-label={label} />;
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children ? <div className="state-body">{children}</div> : null}
    </div>
  );
}

const CODE_TEXT: Record<string, string> = {
  validation: 'The request was not valid',
  'forbidden-path': 'That path is outside the allowed folders',
  'not-found': 'Not found',
  busy: 'Busy',
  unavailable: 'Not available',
  internal: 'Something went wrong',
};

export function errorText(e: IpcError): string {
  return e.message || CODE_TEXT[e.code] || e.code;
}

export function ErrorNotice({
  error,
  title,
  onRetry,
  compact = false,
}: {
  error: IpcError;
  title?: string;
  onRetry?: () => void;
  compact?: boolean;
}) {
  return (
    <div className={`notice notice-error${compact ? ' notice-compact' : ''}`} role="alert">
      <div>
        <strong>{title ?? CODE_TEXT[error.code] ?? 'Error'}</strong>
        <span className="notice-code">{error.code}</span>
        <div className="notice-message">{errorText(error)}</div>
      </div>
      {onRetry ? (
        <Button size="sm" onClick={onRetry}>
          Retry
        </Button>
      ) : null}
    </div>
  );
}

export function Notice({
  kind = 'info',
  children,
}: {
  kind?: 'info' | 'success' | 'warning' | 'error';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div>{children}</div>
    </div>
  );
}
