import { useEffect, useRef } from 'react';
import { navigate } from '../../app/router-store';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/PageHeader';
import { Notice } from '../../ui/states';
import { askToRemove, removeSetup, useRemoval, type Removal } from './setup-removal-store';

/** Settings › CODITECT set-up: run the wizard again, or remove what set-up created (never user data). */
export function SetupCard() {
  const { confirming, removing, report, error } = useRemoval();
  return (
    <Card title="CODITECT set-up" labelledBy="settings-setup">
      <p className="muted small">
        The set-up wizard chooses the projects root, installs the memory folders, the .gitignore entries and
        Claude Code’s /export-dedup command, activates a license and runs a first import.
      </p>
      <div className="form-actions">
        <Button onClick={() => navigate({ view: 'onboarding' })}>Run the set-up wizard</Button>
        {!confirming ? (
          <Button variant="danger" onClick={() => askToRemove(true)} data-testid="remove-setup">
            Remove CODITECT set-up…
          </Button>
        ) : null}
      </div>
      {confirming ? (
        <div
          className="confirm"
          role="alertdialog"
          aria-labelledby="remove-setup-title"
          aria-describedby="remove-setup-text"
        >
          <p id="remove-setup-title">
            <strong>Remove CODITECT set-up?</strong>
          </p>
          <p id="remove-setup-text" className="small">
            This removes only what set-up created and nobody changed since: empty folders, the README and the
            /export-dedup command it wrote, its .gitignore lines and the projects root it put in the settings.
            Your checkpoints, imported messages, repositories, their history and your license are kept.
          </p>
          <div className="form-actions">
            <Button
              variant="danger"
              busy={removing}
              onClick={() => void removeSetup()}
              data-testid="confirm-remove-setup"
            >
              Remove set-up
            </Button>
            <Button variant="ghost" disabled={removing} onClick={() => askToRemove(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {report ? <RemovalReport report={report} /> : null}
    </Card>
  );
}

function RemovalReport({ report }: { report: Removal }) {
  // The confirmation that was just used is gone: the keyboard goes on from what it did.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [report]);
  if (!report.removed.length && !report.kept.length)
    return (
      <div ref={ref} tabIndex={-1} data-testid="removal-report">
        <p>Nothing to remove: no set-up is recorded on this machine.</p>
      </div>
    );
  return (
    <div ref={ref} tabIndex={-1} data-testid="removal-report">
      <h3 className="subhead">Removed ({report.removed.length})</h3>
      <ul className="path-list" aria-label="Removed">
        {report.removed.map((p) => (
          <li key={p} className="mono small">
            {p}
          </li>
        ))}
      </ul>
      {report.kept.length ? (
        <>
          <h3 className="subhead">Kept ({report.kept.length})</h3>
          <ul className="path-list" aria-label="Kept">
            {report.kept.map((k) => (
              <li key={k.path}>
                <span className="mono small">{k.path}</span> <span className="muted small">— {k.reason}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
