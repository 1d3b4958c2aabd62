/** Corpus data for the Corpora view: the list (refetched on 'changed') and one corpus's detail. */
import { useEffect, useState } from 'react';
import type { CorpusDetail } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { useLabList } from '../useLabList.js';

export function useCorpusList(onError: (message: string) => void) {
  return useLabList('corpus.list', 'corpora', onError);
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
