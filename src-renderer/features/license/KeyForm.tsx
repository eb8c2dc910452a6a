import { useId } from 'react';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/states';
import { LicenseDetails } from './LicenseDetails';
import { activateKey, checkKey, setKey, useLicense } from './store';

/**
 * Paste a key; "Check" verifies it without storing, "Activate" verifies and stores it. The
 * wizard has its own forward button activate (one action, not Activate then Next): it hides ours.
 */
export function KeyForm({ activateButton = true }: { activateButton?: boolean }) {
  const id = useId();
  const { key, verdict, busy, actionError } = useLicense();
  return (
    <div className="key-form">
      <div className="field">
        <label className="field-label" htmlFor={id}>
          License key
        </label>
        <textarea
          id={id}
          className="input key-input"
          rows={3}
          spellCheck={false}
          autoComplete="off"
          placeholder="key/…"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <div id={`${id}-hint`} className="field-hint">
          The key your organisation sent you, starting with key/. It is checked on this computer; a license
          server is asked too when one is configured.
        </div>
      </div>
      <div className="form-actions">
        <Button busy={busy === 'check'} disabled={busy !== null} onClick={() => void checkKey()}>
          Check key
        </Button>
        {activateButton ? (
          <Button
            variant="primary"
            busy={busy === 'activate'}
            disabled={busy !== null}
            onClick={() => void activateKey()}
          >
            Activate
          </Button>
        ) : null}
      </div>
      {actionError ? <Notice kind="error">{actionError}</Notice> : null}
      {verdict ? <LicenseDetails view={verdict} /> : null}
      {verdict?.stored ? (
        <Notice kind="success">
          <span data-testid="license-activated">License activated on this machine.</span>
        </Notice>
      ) : null}
    </div>
  );
}
