export interface ProgressBarProps {
  /** 0..1; null for an indeterminate bar (work started, size unknown). */
  value: number | null;
  label: string;
  tone?: 'accent' | 'success' | 'danger' | 'muted';
  valueText?: string;
}

export function ProgressBar({ value, label, tone = 'accent', valueText }: ProgressBarProps) {
  const pct = value == null ? null : Math.max(0, Math.min(1, value)) * 100;
  return (
    <div
      className={`progress progress-${tone}${pct == null ? ' progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct == null ? undefined : Math.round(pct)}
      aria-valuetext={valueText}
    >
      <div className="progress-fill" style={pct == null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}
