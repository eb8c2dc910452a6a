/**
 * Help › Report a problem: the report in full, to read before anything leaves the machine, and
 * three ways to pass it on, each only on the user's click: copy, save as a file, or open a
 * prefilled issue on the project's tracker (the link carries what fits; the file has it all).
 */
import { useEffect, useRef } from 'react';
import { Button } from '../../ui/Button';
import { ErrorNotice, Loading } from '../../ui/states';
import { closeReport, copyReport, openReport, saveReport, useReport } from './store';

export function ReportDialog() {
  const open = useReport((s) => s.open);
  return open ? <Dialog /> : null;
}

function Dialog() {
  const { report, loadError, status, saving } = useReport();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    return () => prev?.focus?.();
  }, []);
  // The report, once built, is where the reader starts; after an action, its outcome.
  useEffect(() => textRef.current?.focus(), [report]);
  useEffect(() => statusRef.current?.focus(), [status]);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && closeReport()}>
      <div
        className="report-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="report-title"
        data-testid="report-dialog"
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          closeReport();
        }}
      >
        <h2 id="report-title" className="card-title">
          Report a problem
        </h2>
        <p className="small">
          Nothing is sent by itself. Read the report below — versions, settings, the set-up check and the last
          log lines, with your home folder as ~ and secrets removed — then copy it, save it, or open a
          prefilled issue.
        </p>
        {loadError ? <ErrorNotice error={loadError} onRetry={() => void openReport()} /> : null}
        {!report && !loadError ? <Loading label="Collecting the report…" /> : null}
        {report ? (
          <>
            <textarea
              ref={textRef}
              className="input report-text"
              readOnly
              value={report.text}
              aria-label="The report"
              data-testid="report-text"
            />
            <p className="muted small">
              {report.redactions
                ? `${report.redactions} secret${report.redactions === 1 ? ' was' : 's were'} replaced by [REDACTED…].`
                : 'No secret was found in it.'}
            </p>
            <div className="form-actions report-actions">
              <Button onClick={() => void copyReport()} data-testid="report-copy">
                Copy to clipboard
              </Button>
              <Button busy={saving} onClick={() => void saveReport()} data-testid="report-save">
                Save as file
              </Button>
              <a
                className="btn btn-primary"
                href={report.issueUrl}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="report-issue"
              >
                Open a prefilled issue
              </a>
              <Button variant="ghost" onClick={closeReport}>
                Close
              </Button>
            </div>
          </>
        ) : null}
        {status ? (
          <p
            ref={statusRef}
            tabIndex={-1}
            className={status.kind === 'error' ? 'field-error' : 'muted'}
            role={status.kind === 'error' ? 'alert' : 'status'}
            data-testid="report-status"
          >
            {status.text}
          </p>
        ) : null}
      </div>
    </div>
  );
}
