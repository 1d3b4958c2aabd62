/**
 * A call whose latest answer wins: a late reply never overwrites a newer one. `load` asks again;
 * `reset` forgets the answer and the error (when what is asked for changes). With clearOnError a
 * failed call also forgets the answer before it; without, the last good answer stays on show.
 * An answer equal to the one on show (sameAnswer) is dropped: views refetch on every 'changed' of
 * their kind, and a run's page redrew its charts whenever any other run changed.
 */
import { useCallback, useRef, useState } from 'react';
import { messageOf } from '../api/errors.js';

/** Whether two answers of a call are the same data (they are plain JSON, as the contract sends them). */
export function sameAnswer(shown: string | null, next: unknown): { same: boolean; key: string } {
  const key = JSON.stringify(next);
  return { same: shown === key, key };
}

export function useLatest<T>(fetch: () => Promise<T>, o: { clearOnError?: boolean } = {}) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const shown = useRef<string | null>(null);
  const clearOnError = o.clearOnError ?? false;
  const load = useCallback(async (): Promise<void> => {
    const mine = ++seq.current;
    try {
      const next = await fetch();
      if (mine !== seq.current) return;
      const { same, key } = sameAnswer(shown.current, next);
      shown.current = key;
      if (!same) setValue(next);
      setError(null);
    } catch (e) {
      if (mine !== seq.current) return;
      if (clearOnError) {
        setValue(null);
        shown.current = null;
      }
      setError(messageOf(e));
    }
  }, [fetch, clearOnError]);
  const reset = useCallback((): void => {
    setValue(null);
    setError(null);
    shown.current = null;
  }, []);
  return { value, error, load, reset };
}
