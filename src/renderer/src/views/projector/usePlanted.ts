/**
 * The relations planted in a RAND-WALK corpus (randwalk.planted), for colouring
 * a run on it: each word of a planted pair takes its relation's colour. Runs on
 * other corpora have none, and the panel says why.
 */
import { useEffect, useMemo, useState } from 'react';
import type { PlantedRelationsInfo } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { useLabList } from '../useLabList.js';

export function usePlanted(corpusId: number | null) {
  const { client } = useLab();
  const [error, setError] = useState<string | null>(null);
  const { list } = useLabList('corpus.list', 'corpora', setError);
  const corpus = list?.find((c) => c.id === corpusId) ?? null;
  const synthetic = corpus?.synthetic ?? false;
  const [planted, setPlanted] = useState<PlantedRelationsInfo | null>(null);
  useEffect(() => {
    if (corpusId == null || !synthetic) return;
    let live = true;
    client.call('randwalk.planted', { corpusId }).then(
      (r) => live && setPlanted(r),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [client, corpusId, synthetic]);
  const relations = planted && planted.corpusId === corpusId ? planted.relations : null;
  /** Word → its relation's position in `relations`. */
  const relationOf = useMemo(() => {
    const m = new Map<string, number>();
    relations?.forEach((r, k) => r.pairs.forEach(([a, b]) => m.set(a, k).set(b, k)));
    return m;
  }, [relations]);
  return { corpusName: corpus?.name ?? null, synthetic, relations, relationOf, error, loading: synthetic && relations == null && !error };
}

export type Planted = ReturnType<typeof usePlanted>;
