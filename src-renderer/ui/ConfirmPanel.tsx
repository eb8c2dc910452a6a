/**
 * An inline "are you sure?" for an action that takes something away (like Remove set-up): the
 * question, what it does, the action and Cancel. Focus moves into it when it opens, so the
 * keyboard user is where the decision is; Esc cancels.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './Button';

export function ConfirmPanel({
  title,
  children,
  action,
  busy,
  onConfirm,
  onCancel,
  testId,
}: {
  title: string;
  children: ReactNode;
  action: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}) {
  const id = useId();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || busy) return;
        e.preventDefault();
        onCancel();
      }}
    >
      <p id={`${id}-title`}>
        <strong>{title}</strong>
      </p>
      <div id={`${id}-text`} className="small">
        {children}
      </div>
      <div className="form-actions">
        <Button ref={confirm} variant="danger" busy={busy} onClick={onConfirm} data-testid={testId}>
          {action}
        </Button>
        <Button variant="ghost" disabled={busy} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
