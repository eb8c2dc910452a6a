import type { ReactNode } from 'react';
import { Button } from '../../ui/Button';
import { previousStep } from './store';

/** The wizard's footer: Back, an optional skip, and the step's own forward action. */
export function WizardNav({
  back = true,
  skip,
  children,
}: {
  back?: boolean;
  skip?: { label: string; onClick: () => void };
  children?: ReactNode;
}) {
  return (
    <footer className="wizard-nav">
      {back ? (
        <Button variant="ghost" onClick={previousStep}>
          Back
        </Button>
      ) : (
        <span />
      )}
      <div className="wizard-nav-forward">
        {skip ? (
          <Button variant="ghost" onClick={skip.onClick} data-testid="wizard-skip">
            {skip.label}
          </Button>
        ) : null}
        {children}
      </div>
    </footer>
  );
}

export function NextButton({
  disabled,
  label = 'Next',
  onClick,
  autoFocus,
}: {
  disabled?: boolean;
  label?: string;
  onClick: () => void;
  /** Shown in place of the control just used (Install → Next): the keyboard goes on from here. */
  autoFocus?: boolean;
}) {
  return (
    <Button
      variant="primary"
      disabled={disabled}
      onClick={onClick}
      data-testid="wizard-next"
      autoFocus={autoFocus}
    >
      {label}
    </Button>
  );
}
