import { useEffect, useState } from 'react';
import { useAppStore } from '../../app/store';
import { Button } from '../../ui/Button';
import { dateTime } from '../../ui/format';
import { ConfirmPanel } from '../../ui/ConfirmPanel';
import { Card } from '../../ui/PageHeader';
import { ErrorNotice, Loading, Notice } from '../../ui/states';
import { KeyForm } from './KeyForm';
import { LicenseDetails } from './LicenseDetails';
import { ServerForm } from './ServerForm';
import { deactivate, followLicense, loadLicense, useLicense } from './store';
import { UNLICENSED_SENTENCE } from './text';

/** Settings › License: the stored license (or "Unlicensed"), activate / deactivate, the license server. */
export function LicenseCard() {
  const reconnects = useAppStore((s) => s.reconnects);
  const { status, loadError, busy, deactivated, actionError } = useLicense();
  const [confirming, setConfirming] = useState(false);
  useEffect(() => followLicense(), []);
  useEffect(() => {
    void loadLicense();
  }, [reconnects]);
  return (
    <Card title="License" labelledBy="settings-license" className="license-card">
      {loadError && !status ? (
        <ErrorNotice compact error={loadError} onRetry={() => void loadLicense()} />
      ) : !status ? (
        <Loading label="Checking the license…" />
      ) : status.view ? (
        <>
          <LicenseDetails view={status.view} />
          <Revalidation status={status} />
          {confirming ? (
            <ConfirmPanel
              title="Deactivate the license on this machine?"
              action="Deactivate"
              busy={busy === 'deactivate'}
              onConfirm={() => void deactivate().then(() => setConfirming(false))}
              onCancel={() => setConfirming(false)}
              testId="confirm-deactivate"
            >
              The key is removed from this machine, which then shows “Unlicensed” (CODITECT keeps working). To
              use the license here again you need the key.
            </ConfirmPanel>
          ) : (
            <div className="form-actions">
              <Button variant="danger" onClick={() => setConfirming(true)} data-testid="deactivate-license">
                Deactivate on this machine…
              </Button>
            </div>
          )}
          {actionError ? <Notice kind="error">{actionError}</Notice> : null}
        </>
      ) : (
        <>
          <p data-testid="license-unlicensed">
            <strong>Unlicensed.</strong> {UNLICENSED_SENTENCE}
          </p>
          {deactivated ? <p className="muted small">{deactivated}</p> : null}
          <KeyForm />
        </>
      )}
      {status ? <ServerForm server={status.server} /> : null}
    </Card>
  );
}

function Revalidation({ status }: { status: NonNullable<ReturnType<typeof useLicense.getState>['status']> }) {
  const r = status.revalidation;
  if (!status.server.configured) return null;
  return (
    <p className="muted small" data-testid="license-revalidation">
      {r.lastAt
        ? `Last checked with the license server ${dateTime(r.lastAt)}.`
        : 'Not checked with the server yet.'}
      {r.nextAt ? ` Next check ${dateTime(r.nextAt)}.` : ''}
      {r.failures ? ` The last ${r.failures} check(s) could not reach it; the offline verdict stands.` : ''}
    </p>
  );
}
