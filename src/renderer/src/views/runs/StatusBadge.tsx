/** A run's status as a coloured badge with its word (colour is never the only cue). */
import type { RunStatus } from '../../../../shared/contract.js';
import { RUN_STATUS_TEXT } from './runText.js';

export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`badge badge-${status}`} data-testid="run-status">
      {status === 'running' && <span className="badge-dot" aria-hidden="true" />}
      {RUN_STATUS_TEXT[status]}
    </span>
  );
}
