/**
 * Follows one job by id: its 'job' events, and job.list once (and after a
 * reconnect) for a state that arrived before the listener did. A finished
 * state is never replaced by a late 'running' one.
 */
import { useEffect, useState } from 'react';
import type { JobState } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';

export function useJob(initial: JobState | null): JobState | null {
  const { client, resync } = useLab();
  const [state, setState] = useState<JobState | null>(initial);
  const id = initial?.id ?? null;

  useEffect(() => setState(initial), [initial]);

  useEffect(() => {
    if (id == null) return;
    const accept = (next: JobState): void => {
      if (next.id !== id) return;
      setState((prev) => (prev && prev.id === id && prev.status !== 'running' && next.status === 'running' ? prev : next));
    };
    const off = client.on('job', accept);
    client.call('job.list', {}).then(
      (list) => {
        const found = list.find((j) => j.id === id);
        if (found) accept(found);
      },
      () => {},
    );
    return off;
  }, [client, id, resync]);

  return state && state.id === id ? state : null;
}
