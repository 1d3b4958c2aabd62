/** How the Projector colours its points: by frequency, by k-means cluster (a job), or by a word list. */
import { useMemo, useState } from 'react';
import type { Projection } from '../../../../shared/contract.js';
import { pointColors, type ColorMode } from './colors.js';
import { splitWords } from './spec.js';
import { useClustering } from './useProjection.js';

/** 1 for each projected word in the list (exact, else case-insensitive), 0 for the rest. */
function listMarks(p: Projection, listWords: string[], wordIndex: Map<string, number>): Uint8Array {
  const mark = new Uint8Array(p.points);
  const lower = new Map<string, number>();
  p.words.forEach((w, i) => lower.has(w.toLowerCase()) || lower.set(w.toLowerCase(), i));
  for (const w of listWords) {
    const i = wordIndex.get(w) ?? lower.get(w.toLowerCase());
    if (i !== undefined) mark[i] = 1;
  }
  return mark;
}

export function useColoring(p: Projection | null, wordIndex: Map<string, number>) {
  const clus = useClustering();
  const [mode, setMode] = useState<ColorMode>('frequency');
  const [clusterK, setClusterK] = useState(10);
  const [listText, setListText] = useState('');
  const clustering = clus.clustering;
  const labels = clustering && p && clustering.spec.runId === p.spec.runId && clustering.labels.length === p.points ? clustering.labels : null;
  const listWords = useMemo(() => splitWords(listText), [listText]);
  const inList = useMemo(() => (p ? listMarks(p, listWords, wordIndex) : null), [p, listWords, wordIndex]);
  const listMatched = useMemo(() => (inList ? inList.reduce((s, v) => s + v, 0) : 0), [inList]);
  const colors = useMemo(() => (p ? pointColors(mode, p.counts, labels, inList) : null), [p, mode, labels, inList]);
  const computeClusters = (): void => {
    if (!p) return;
    clus.start({ runId: p.spec.runId, top: p.spec.top, k: clusterK, seed: p.spec.seed });
  };
  return {
    mode, setMode, clusterK, setClusterK, computeClusters, listText, setListText, listMatched, listWords: listWords.length, colors, labels,
    /** The clustering the points are coloured by (none while it belongs to another projection). */
    clustering: labels ? clustering : null,
    clusterJob: clus.job, clusterBusy: clus.busy, clusterError: clus.error, cancelCluster: clus.cancel,
  };
}

export type Coloring = ReturnType<typeof useColoring>;
