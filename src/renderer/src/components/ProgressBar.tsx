/**
 * A determinate bar, or an indeterminate one for null. Its width is a whole percent
 * (percentOf), the same number the text beside a job's bar shows.
 */
import { percentOf } from './progressFigures.js';

interface Props {
  label: string;
  /** Whole percent done, from percentOf / progressFigures. */
  percent?: number | null;
  /** Or a fraction in [0, 1] (an upload's bytes), turned into the same whole percent. */
  fraction?: number | null;
}

export function ProgressBar({ percent, fraction, label }: Props) {
  const pct = percent !== undefined ? percent : fraction == null ? null : percentOf(fraction, 1);
  return (
    <div
      className={`progress ${pct == null ? 'progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      data-percent={pct ?? undefined}
    >
      <div className="progress-fill" style={pct == null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}
