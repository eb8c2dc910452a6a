import { useEffect } from 'react';
import { useAppStore } from '../../app/store';
import { Button } from '../../ui/Button';
import { SelectField } from '../../ui/Field';
import { dateTime } from '../../ui/format';
import { Card } from '../../ui/PageHeader';
import { ProgressBar } from '../../ui/ProgressBar';
import { ErrorNotice, Loading, Notice } from '../../ui/states';
import {
  checkNow,
  followUpdates,
  installUpdate,
  loadUpdates,
  setUpdateChannel,
  updateSentence,
  useUpdates,
  type UpdateChannel,
} from './updates-store';

const CHANNELS: { value: UpdateChannel; label: string }[] = [
  { value: 'stable', label: 'Stable' },
  { value: 'beta', label: 'Beta (early releases)' },
];

export function UpdatesCard() {
  const reconnects = useAppStore((s) => s.reconnects);
  const { status, loadError, checking, installing, checkResult, actionError, channelSaving, channelError } =
    useUpdates();
  useEffect(() => followUpdates(), []);
  useEffect(() => {
    void loadUpdates();
  }, [reconnects]);

  return (
    <Card title="Updates" labelledBy="settings-updates" className="updates-card">
      {loadError && !status ? (
        <ErrorNotice compact error={loadError} onRetry={() => void loadUpdates()} />
      ) : !status ? (
        <Loading label="Loading update status…" />
      ) : (
        <>
          <dl className="kv">
            <dt>Version</dt>
            <dd data-testid="update-version">{status.currentVersion}</dd>
            <dt>Last check</dt>
            <dd data-testid="update-last-check">{status.lastCheck ? dateTime(status.lastCheck) : 'Never'}</dd>
            {status.nextCheck ? (
              <>
                <dt>Next check</dt>
                <dd>{dateTime(status.nextCheck)}</dd>
              </>
            ) : null}
          </dl>
          <SelectField
            label="Channel"
            hint="Beta gets new versions first; stable gets them once they have settled."
            value={status.channel}
            options={CHANNELS}
            disabled={channelSaving}
            error={channelError}
            onChange={(v) => void setUpdateChannel(v === 'beta' ? 'beta' : 'stable')}
          />
          <p
            className={`update-state update-state-${status.state}`}
            role="status"
            data-testid="update-state"
            data-state={status.state}
          >
            {updateSentence(status)}
          </p>
          {status.state === 'downloading' && status.progress ? (
            <ProgressBar
              label="Update download"
              value={status.progress.percent / 100}
              valueText={`${Math.round(status.progress.percent)}%`}
            />
          ) : status.state === 'available' ? (
            <ProgressBar label="Update download" value={null} />
          ) : null}
          <div className="form-actions">
            {status.state === 'ready' ? (
              <Button variant="primary" busy={installing} onClick={() => void installUpdate()}>
                Restart to update
              </Button>
            ) : null}
            <Button
              busy={checking}
              disabled={status.state === 'checking' || status.state === 'downloading'}
              onClick={() => void checkNow()}
            >
              Check now
            </Button>
          </div>
          {checkResult ? (
            <p className="muted small" data-testid="update-check-result">
              {checkResult}
            </p>
          ) : null}
          {actionError ? <Notice kind="error">{actionError}</Notice> : null}
        </>
      )}
    </Card>
  );
}
