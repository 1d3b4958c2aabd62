/** Asks pair.explain (a light job) and waits for its answer. */
import { useState, type FormEvent } from 'react';
import { resultOf, type PairExplanation } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';

export function useExplain(runIds: number[]) {
  const { client } = useLab();
  const [words, setWords] = useState({ w: '', c: '' });
  const [answer, setAnswer] = useState<PairExplanation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const started = await client.call('pair.explain', { runIds, w: words.w.trim(), c: words.c.trim() });
      const done = await client.call('job.wait', { id: started.id });
      const result = resultOf(done, 'explain');
      if (result) setAnswer(result);
      else setError(done.error ?? `The explanation ${done.status === 'cancelled' ? 'was cancelled' : 'failed'}.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { words, setWords, answer, error, busy, submit };
}
