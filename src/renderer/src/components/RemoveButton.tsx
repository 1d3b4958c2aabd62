/**
 * "Remove…", then an inline confirmation. `remove` does the removal and reports its
 * own errors; it resolves false when nothing was removed, which closes the confirmation.
 */
import { useState, type ReactNode } from 'react';

export function RemoveButton({ question, blockedReason, remove }: { question: ReactNode; blockedReason?: string; remove: () => Promise<boolean> }) {
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  if (!confirming || blockedReason) {
    return (
      <button type="button" className="btn btn-danger-quiet" onClick={() => setConfirming(true)} disabled={!!blockedReason} title={blockedReason}>
        Remove…
      </button>
    );
  }
  const confirm = async (): Promise<void> => {
    setRemoving(true);
    if (!(await remove())) {
      setRemoving(false);
      setConfirming(false);
    }
  };
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="confirm-text">
      <span id="confirm-text">{question}</span>
      <button type="button" className="btn btn-danger" onClick={() => void confirm()} disabled={removing} autoFocus>
        {removing ? 'Removing…' : 'Remove'}
      </button>
      <button type="button" className="btn btn-quiet" onClick={() => setConfirming(false)} disabled={removing}>
        Keep
      </button>
    </div>
  );
}
