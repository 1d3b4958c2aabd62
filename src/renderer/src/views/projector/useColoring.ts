/**
 * How the Projector colours its points: by frequency (log ramp), k-means cluster
 * (a job), planted RAND-WALK relation, a column of an uploaded metadata.tsv, or a
 * word list; each with its legend. Every colouring goes by word, so an isolated
 * subset keeps the colours its words had among all the points.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Projection } from '../../../../shared/contract.js';
import { categoryColoring, codesByWord, frequencyColoring, numericColoring, type PointColoring } from './coloring.js';
import { autoMatch, columnValues, matchRows, type MatchBy, type MetadataTable } from './metadataTsv.js';
import { splitWords } from './spec.js';
import { useClustering } from './useProjection.js';
import { useMetadata, type Metadata } from './useMetadata.js';
import { usePlanted, type Planted } from './usePlanted.js';

export type ColorMode = 'frequency' | 'cluster' | 'planted' | 'metadata' | 'list';

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

/** k-means of the points on screen, and each word's cluster (kept by word, for any later projection of the run). */
function useClusterColoring(p: Projection | null) {
  const clus = useClustering();
  const [clusterK, setClusterK] = useState(10);
  const [basis, setBasis] = useState<{ runId: number; words: string[] } | null>(null);
  const clustering = clus.clustering;
  const clusterOf = useMemo(() => {
    if (!clustering || !basis || clustering.spec.runId !== basis.runId || clustering.labels.length !== basis.words.length) return null;
    return new Map(basis.words.map((w, i) => [w, clustering.labels[i]]));
  }, [clustering, basis]);
  const usable = clusterOf && p && basis!.runId === p.spec.runId ? clusterOf : null;
  const computeClusters = useCallback((): void => {
    if (!p) return;
    setBasis({ runId: p.spec.runId, words: p.words });
    clus.start({ runId: p.spec.runId, top: p.spec.top, k: clusterK, seed: p.spec.seed, ...(p.spec.words ? { words: p.spec.words } : {}) });
  }, [p, clus, clusterK]);
  const labels = useMemo(() => (usable && p ? Array.from(codesByWord(p.words, usable)) : null), [usable, p]);
  return {
    clusterK, setClusterK, computeClusters, clusterOf: usable, labels,
    /** The clustering the points are coloured by (none while it belongs to another run). */
    clustering: usable ? clustering : null,
    clusterJob: clus.job, clusterBusy: clus.busy, clusterError: clus.error, cancelCluster: clus.cancel,
  };
}

/** The metadata column's colours, and how its rows were matched to the points. */
function metadataColoring(p: Projection, t: MetadataTable | null, chosenColumn: number, matchBy: Metadata['matchBy']): { coloring: PointColoring; by: MatchBy; matched: number } | null {
  if (!t) return null;
  const vocabIndex = (k: number): number => p.vocabIndex?.[k] ?? k;
  const by = matchBy === 'auto' ? autoMatch(t, p.words, vocabIndex) : matchBy;
  const rowOf = matchRows(t, p.words, by, vocabIndex);
  let matched = 0;
  for (const r of rowOf) if (r >= 0) matched++;
  const column = Math.min(chosenColumn, t.columns.length - 1);
  const v = columnValues(t, column, rowOf);
  const title = t.columns[column];
  const coloring = v.kind === 'numeric' ? numericColoring(v.values, title) : categoryColoring(v.codes, v.categories, title);
  return { coloring, by, matched };
}

/** The colours of the mode, or null where the mode has nothing to colour by yet (the points keep frequency colours). */
interface ModeInputs {
  clusterOf: Map<string, number> | null;
  k: number;
  relations: Planted['relations'];
  relationOf: Planted['relationOf'];
  meta: ReturnType<typeof metadataColoring>;
  inList: Uint8Array;
}

function modeColoring(mode: ColorMode, p: Projection, { clusterOf, k, relations, relationOf, meta, inList }: ModeInputs): PointColoring | null {
  switch (mode) {
    case 'cluster':
      return clusterOf ? categoryColoring(codesByWord(p.words, clusterOf), Array.from({ length: k }, (_, c) => String(c + 1)), 'k-means cluster', Infinity, 'not clustered') : null;
    case 'planted':
      return relations?.length
        ? categoryColoring(codesByWord(p.words, relationOf), relations.map((r) => r.name), 'Planted relation', Infinity, 'in no planted pair')
        : null;
    case 'metadata':
      return meta?.coloring ?? null;
    case 'list':
      return categoryColoring(Int32Array.from(inList, (m) => (m ? 0 : -1)), ['in the list'], 'Word list', 1, 'not in the list');
    default:
      return null;
  }
}

export function useColoring(p: Projection | null, wordIndex: Map<string, number>, corpusId: number | null) {
  const [mode, setMode] = useState<ColorMode>('frequency');
  const [listText, setListText] = useState('');
  const cluster = useClusterColoring(p);
  const planted = usePlanted(corpusId);
  const metadata = useMetadata();
  const listWords = useMemo(() => splitWords(listText), [listText]);
  const inList = useMemo(() => (p ? listMarks(p, listWords, wordIndex) : null), [p, listWords, wordIndex]);
  const listMatched = useMemo(() => (inList ? inList.reduce((s, v) => s + v, 0) : 0), [inList]);
  const { table, column, matchBy } = metadata;
  const meta = useMemo(() => (p && mode === 'metadata' ? metadataColoring(p, table, column, matchBy) : null), [p, mode, table, column, matchBy]);
  const k = cluster.clustering?.sizes.length ?? 0;
  const { clusterOf } = cluster;
  const { relations, relationOf } = planted;
  const shown = useMemo(() => {
    if (!p || !inList) return null;
    const own = modeColoring(mode, p, { clusterOf, k, relations, relationOf, meta, inList });
    return { coloring: own ?? frequencyColoring(p.counts), own: own != null || mode === 'frequency' };
  }, [p, mode, clusterOf, k, relations, relationOf, meta, inList]);
  return {
    ...cluster, mode, setMode, listText, setListText, listMatched, listWords: listWords.length, planted, metadata,
    metadataMatch: meta ? { by: meta.by, matched: meta.matched } : null,
    colors: shown?.coloring.colors ?? null,
    /** The legend of what the points show, when they show the chosen mode. */
    legend: shown?.own ? shown.coloring.legend : null,
  };
}

export type Coloring = ReturnType<typeof useColoring>;
