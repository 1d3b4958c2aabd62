/**
 * A list the engine keeps (corpora, runs), fetched on mount and again whenever the
 * store changes; a late reply never overwrites a newer one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallOutput } from '../../../shared/contract.js';
import { useLab } from '../lab.js';
import { messageOf } from '../api/errors.js';

type ListCall = 'corpus.list' | 'run.list';

export function useLabList<N extends ListCall>(call: N, what: string, onError: (message: string) => void) {
  const { client, resync } = useLab();
  const [list, setList] = useState<CallOutput<N> | null>(null);
  const seq = useRef(0);
  const errorRef = useRef(onError);
  errorRef.current = onError;

  const refresh = useCallback(async (): Promise<void> => {
    const mine = ++seq.current;
    try {
      const next = await client.call(call, {});
      if (mine === seq.current) setList(next as CallOutput<N>);
    } catch (e) {
      errorRef.current(`Could not load the ${what}: ${messageOf(e)}`);
      if (mine === seq.current) setList((l) => l ?? ([] as unknown as CallOutput<N>));
    }
  }, [client, call, what]);

  useEffect(() => {
    void refresh();
    // Any change counts: a removed corpus also changes the runs' corpus names.
    return client.on('changed', () => void refresh());
  }, [client, refresh, resync]);

  return { list, refresh };
}
