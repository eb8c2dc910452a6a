import { useEffect } from 'react';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { useSettings } from '../settings/store';
import { editServer, loadServerForm, saveServer, useLicense, type LicenseStatus } from './store';

/**
 * The license server for online activation: off until one is set. CODITECT_LICENSE_SERVER in
 * the environment wins over this setting, and the card says so.
 */
export function ServerForm({ server }: { server: LicenseStatus['server'] }) {
  const saved = useSettings((s) => s.saved?.licenseServer);
  const { server: form, serverSaving, serverErrors, serverSaved } = useLicense();
  useEffect(() => loadServerForm(saved), [saved]);
  return (
    <div className="license-server">
      <p className="muted small" data-testid="license-server-state">
        {serverSentence(server)}
      </p>
      <details open={server.source === 'settings' || Boolean(server.problem)}>
        <summary>License server (online activation)</summary>
        {/* Not a <form>: the card sits inside the Settings form, and forms do not nest. */}
        <div className="license-server-form">
          <TextField
            label="Server URL"
            hint="The account's API address, e.g. https://api.keygen.sh/v1/accounts/<account>. Empty both fields to turn online activation off."
            value={form.url}
            error={serverErrors.url}
            onChange={(url) => editServer({ url })}
          />
          <TextField
            label="Server public key"
            hint="The server's Ed25519 public key: 64 hex digits or PEM. Answers not signed with it are refused."
            value={form.publicKey}
            error={serverErrors.publicKey}
            onChange={(publicKey) => editServer({ publicKey })}
          />
          <div className="form-actions">
            <Button busy={serverSaving} onClick={() => void saveServer()}>
              Save server
            </Button>
            {serverSaved ? (
              <span className="muted" role="status">
                Saved.
              </span>
            ) : null}
          </div>
        </div>
      </details>
    </div>
  );
}

function serverSentence(s: LicenseStatus['server']): string {
  if (s.problem) return `The license server is not used: ${s.problem}. Keys are checked offline.`;
  if (s.source === 'env')
    return `Online activation uses ${s.url} from CODITECT_LICENSE_SERVER, which wins over this setting.`;
  if (s.source === 'settings') return `Online activation uses ${s.url}.`;
  return 'Online activation is off: no license server is configured, so keys are checked on this computer only.';
}
