/** Run data for the Runs view: the list and one run's detail, both refetched when runs change; and the methods. */
import { useCallback, useEffect, useState } from 'react';
import type { MethodInfo, RunDetail } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { useLabList } from '../useLabList.js';
import { useLatest } from '../useLatest.js';

export function useRunList(onError: (message: string) => void) {
  return useLabList('run.list', 'runs', onError);
}

export function useRunDetail(id: number) {
  const { client, resync } = useLab();
  const { value: detail, error, load, reset } = useLatest<RunDetail>(useCallback(() => client.call('run.get', { id }), [client, id]), { clearOnError: true });

  useEffect(() => {
    reset();
    void load();
    return client.on('changed', (c) => c.what === 'runs' && void load());
  }, [client, load, reset, resync]);

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
