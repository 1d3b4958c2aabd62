/** Corpus data for the Corpora view: the list (refetched on 'changed') and one corpus's detail. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CorpusDetail, CorpusSummary } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';

export function useCorpusList(onError: (message: string) => void) {
  const { client, resync } = useLab();
  const [list, setList] = useState<CorpusSummary[] | null>(null);
  const seq = useRef(0);
  const errorRef = useRef(onError);
  errorRef.current = onError;

  const refresh = useCallback(async (): Promise<CorpusSummary[] | null> => {
    const mine = ++seq.current;
    try {
      const next = await client.call('corpus.list', {});
      if (mine === seq.current) setList(next);
      return next;
    } catch (e) {
      errorRef.current(`Could not load the corpora: ${messageOf(e)}`);
      if (mine === seq.current) setList((l) => l ?? []);
      return null;
    }
  }, [client]);

  useEffect(() => {
    void refresh();
    return client.on('changed', () => void refresh());
  }, [client, refresh, resync]);

  return { list, refresh };
}

export function useCorpusDetail(id: number | null) {
  const { client } = useLab();
  const [detail, setDetail] = useState<CorpusDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (id == null) {
      setDetail(null);
      setError(null);
      return;
    }
    let live = true;
    setLoading(true);
    setError(null);
    client.call('corpus.get', { id }).then(
      (d) => live && setDetail(d),
      (e) => {
        if (!live) return;
        setDetail(null);
        setError(messageOf(e));
      },
    ).finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [client, id]);

  return { detail: detail && detail.id === id ? detail : null, error, loading };
}
