import { useEffect } from 'react';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/PageHeader';
import { ErrorNotice, Loading, Notice } from '../../ui/states';
import {
  installLauncher,
  launcherSentence,
  loadLauncher,
  removeLauncher,
  useLauncher,
} from './launcher-store';

/** Settings › Command line: `coditect` on PATH, like VS Code's `code`, so /export-dedup works in any terminal. */
export function LauncherCard() {
  const { status, loadError, busy, result, actionError } = useLauncher();
  useEffect(() => {
    void loadLauncher();
  }, []);
  return (
    <Card title="Command line" labelledBy="settings-launcher">
      {loadError && !status ? (
        <ErrorNotice compact error={loadError} onRetry={() => void loadLauncher()} />
      ) : !status ? (
        <Loading />
      ) : (
        <>
          <p data-testid="launcher-state">{launcherSentence(status)}</p>
          {status.installed && status.note ? <p className="muted small">{status.note}</p> : null}
          {status.available ? (
            <div className="form-actions">
              <Button
                variant="primary"
                busy={busy}
                disabled={status.foreign}
                onClick={() => void installLauncher()}
              >
                {status.installed ? 'Reinstall coditect' : 'Install coditect on PATH'}
              </Button>
              {status.installed ? (
                <Button variant="ghost" disabled={busy} onClick={() => void removeLauncher()}>
                  Remove
                </Button>
              ) : null}
            </div>
          ) : (
            <Notice kind="info">
              <span data-testid="launcher-unavailable">{status.reason}</span>
            </Notice>
          )}
          {result ? <p className="muted small">{result}</p> : null}
          {actionError ? <Notice kind="error">{actionError}</Notice> : null}
        </>
      )}
    </Card>
  );
}
