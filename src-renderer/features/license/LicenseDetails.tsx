import { Badge } from '../../ui/PageHeader';
import { Notice } from '../../ui/states';
import type { LicenseView } from './store';
import { expiryText, STATE_LABEL, stateTone } from './text';

/** One verdict: its state and sentence, what the key says (org, tier, expiry), where it is kept. */
export function LicenseDetails({ view }: { view: LicenseView }) {
  const l = view.license;
  return (
    <div className="license-details" data-testid="license-details" data-state={view.state}>
      <p className="license-verdict">
        <Badge tone={stateTone(view.state)}>{STATE_LABEL[view.state]}</Badge>{' '}
        <span data-testid="license-sentence">{view.sentence}</span>
      </p>
      {l ? (
        <dl className="kv" data-testid="license-facts">
          <dt>Organisation</dt>
          <dd data-testid="license-org">{l.org}</dd>
          <dt>Tier</dt>
          <dd data-testid="license-tier">{l.tier}</dd>
          <dt>Seats</dt>
          <dd>
            {l.seats} (up to {l.maxMachines} machines)
          </dd>
          <dt>Expires</dt>
          <dd data-testid="license-expires">{expiryText(l.expires)}</dd>
          <dt>License id</dt>
          <dd className="mono small">{l.id}</dd>
        </dl>
      ) : null}
      <p className="muted small" data-testid="license-online">
        {view.online.note}
      </p>
      {view.stored ? <StoredWhere stored={view.stored} /> : null}
    </div>
  );
}

function StoredWhere({ stored }: { stored: NonNullable<LicenseView['stored']> }) {
  if (stored.encrypted) return <p className="muted small">The key is kept in {stored.where}.</p>;
  return (
    <Notice kind="warning">
      <span data-testid="license-unencrypted">
        <strong>Stored unencrypted</strong>, in a file only you can read: {keyFile(stored.where)}. An OS
        credential store would keep it encrypted; none is in use on this machine.
      </span>
    </Notice>
  );
}

/**
 * The key file alone: the app's `where` also says, for the command line, that it is unencrypted
 * and which setting chose the file; the notice above says that once, in words.
 */
function keyFile(where: string): string {
  const i = where.indexOf(' (UNENCRYPTED');
  return i > 0 ? where.slice(0, i) : where;
}
