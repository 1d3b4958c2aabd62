/** A determinate bar for a fraction in [0, 1], or an indeterminate one for null. */
export function ProgressBar({ fraction, label }: { fraction: number | null; label: string }) {
  const pct = fraction == null ? undefined : Math.round(Math.max(0, Math.min(1, fraction)) * 1000) / 10;
  return (
    <div
      className={`progress ${pct == null ? 'progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
    >
      <div className="progress-fill" style={pct == null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}
