import { useEffect } from 'react';
import { KeyForm } from '../../license/KeyForm';
import { LicenseDetails } from '../../license/LicenseDetails';
import { loadLicense, setKey, useLicense } from '../../license/store';
import { UNLICENSED_SENTENCE } from '../../license/text';
import { nextStep } from '../store';
import { NextButton, WizardNav } from '../WizardNav';

export function LicenseStep() {
  const status = useLicense((s) => s.status);
  const verdict = useLicense((s) => s.verdict);
  useEffect(() => {
    setKey('');
    void loadLicense();
  }, []);
  const activated = Boolean(status?.view) || Boolean(verdict?.stored);
  return (
    <>
      <p className="wizard-lead">Paste the license key your organisation sent you.</p>
      <p className="muted small">{UNLICENSED_SENTENCE}</p>
      {status?.view && !verdict ? (
        <>
          <p>This machine already has a license:</p>
          <LicenseDetails view={status.view} />
          <p className="muted small">To use another key, deactivate this one in Settings › License first.</p>
        </>
      ) : (
        <KeyForm />
      )}
      <WizardNav skip={activated ? undefined : { label: 'Skip for now', onClick: nextStep }}>
        <NextButton disabled={!activated} onClick={nextStep} />
      </WizardNav>
    </>
  );
}
