import { useEffect } from 'react';
import { KeyForm } from '../../license/KeyForm';
import { LicenseDetails } from '../../license/LicenseDetails';
import { activateKey, loadLicense, setKey, useLicense } from '../../license/store';
import { UNLICENSED_SENTENCE } from '../../license/text';
import { nextStep } from '../store';
import { NextButton, WizardNav } from '../WizardNav';

/** One action: "Activate and continue" stores a valid key and moves on; a licensed machine just goes on. */
export function LicenseStep() {
  const status = useLicense((s) => s.status);
  const key = useLicense((s) => s.key);
  const busy = useLicense((s) => s.busy);
  // A key already checked and found wanting is not offered for activation (its reason is shown).
  const refused = useLicense((s) => Boolean(s.verdict && s.verdict.state !== 'valid'));
  useEffect(() => {
    setKey('');
    void loadLicense();
  }, []);
  const licensed = Boolean(status?.view);
  const activateAndContinue = async () => {
    await activateKey();
    if (useLicense.getState().verdict?.stored) nextStep();
  };
  return (
    <>
      <p className="wizard-lead">Paste the license key your organisation sent you.</p>
      <p className="muted small">{UNLICENSED_SENTENCE}</p>
      {licensed ? (
        <>
          <p>This machine already has a license:</p>
          <LicenseDetails view={status!.view!} />
          <p className="muted small">To use another key, deactivate this one in Settings › License first.</p>
        </>
      ) : (
        <KeyForm activateButton={false} />
      )}
      <WizardNav skip={licensed ? undefined : { label: 'Skip for now', onClick: nextStep }}>
        {licensed ? (
          <NextButton onClick={nextStep} />
        ) : (
          <NextButton
            label="Activate and continue"
            disabled={!key.trim() || busy !== null || refused}
            onClick={() => void activateAndContinue()}
          />
        )}
      </WizardNav>
    </>
  );
}
