/**
 * A call whose latest answer wins: a late reply never overwrites a newer one. `load` asks again;
 * `reset` forgets the answer and the error (when what is asked for changes). With clearOnError a
 * failed call also forgets the answer before it; without, the last good answer stays on show.
 */
import { useCallback, useRef, useState } from 'react';
import { messageOf } from '../api/errors.js';

export function useLatest<T>(fetch: () => Promise<T>, o: { clearOnError?: boolean } = {}) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const clearOnError = o.clearOnError ?? false;
  const load = useCallback(async (): Promise<void> => {
    const mine = ++seq.current;
    try {
      const next = await fetch();
      if (mine !== seq.current) return;
      setValue(next);
      setError(null);
    } catch (e) {
      if (mine !== seq.current) return;
      if (clearOnError) setValue(null);
      setError(messageOf(e));
    }
  }, [fetch, clearOnError]);
  const reset = useCallback((): void => {
    setValue(null);
    setError(null);
  }, []);
  return { value, error, load, reset };
}
