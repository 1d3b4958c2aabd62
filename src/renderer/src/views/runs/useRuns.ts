/** Run data for the Runs view: the list and one run's detail, both refetched when runs change; and the methods. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInfo, RunDetail } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { useLabList } from '../useLabList.js';

export function useRunList(onError: (message: string) => void) {
  return useLabList('run.list', 'runs', onError);
}

export function useRunDetail(id: number) {
  const { client, resync } = useLab();
  const [detail, setDetail] = useState<RunDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);

  const load = useCallback(async (): Promise<void> => {
    const mine = ++seq.current;
    try {
      const d = await client.call('run.get', { id });
      if (mine !== seq.current) return;
      setDetail(d);
      setError(null);
    } catch (e) {
      if (mine !== seq.current) return;
      setDetail(null);
      setError(messageOf(e));
    }
  }, [client, id]);

  useEffect(() => {
    setDetail(null);
    setError(null);
    void load();
    return client.on('changed', (c) => c.what === 'runs' && void load());
  }, [client, load, resync]);

  return { detail: detail && detail.id === id ? detail : null, error, reload: load };
}

/** The training methods and their option specs (fixed for the engine's lifetime). */
export function useMethods() {
  const { client, resync } = useLab();
  const [methods, setMethods] = useState<MethodInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    client.call('method.list', {}).then(
      (m) => live && (setMethods(m), setError(null)),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [client, resync]);
  return { methods, error };
}
