/**
 * What the Projector marks: the selected word and its neighbours in the original
 * space, the search's hits, and the highlights and labels drawn for them.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { NeighborItem, Projection } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import type { Highlight, LabelItem } from './scene.js';

const MAX_HIT_MARKS = 2000;
const MAX_HIT_LABELS = 30;

/** The selected word (it belongs to its run: another run has other words) and its nearest neighbours. */
export function useWordSelection(p: Projection | null) {
  const { client } = useLab();
  const wordIndex = useMemo(() => new Map((p?.words ?? []).map((w, i) => [w, i])), [p]);
  const [k, setK] = useState(10);
  const [neighbors, setNeighbors] = useState<NeighborItem[] | null>(null);
  const [neighborsError, setNeighborsError] = useState<string | null>(null);
  const runId = p?.spec.runId ?? null;
  const [selection, setSelection] = useState<{ runId: number; word: string } | null>(null);
  const selectedWord = selection && selection.runId === runId ? selection.word : null;
  const setSelectedWord = useCallback((word: string | null) => setSelection(word != null && runId != null ? { runId, word } : null), [runId]);
  useEffect(() => {
    setNeighbors(null);
    setNeighborsError(null);
    if (!selectedWord || runId == null) return;
    let live = true;
    client.call('vectors.neighbors', { runId, word: selectedWord, k }).then(
      (r) => live && setNeighbors(r.neighbors),
      (e) => live && setNeighborsError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [client, selectedWord, runId, k]);
  const selected = selectedWord != null ? (wordIndex.get(selectedWord) ?? null) : null;
  return { wordIndex, k, setK, neighbors, neighborsError, selectedWord, setSelectedWord, selected };
}

export type WordSelection = ReturnType<typeof useWordSelection>;

/** The indices of the words a query matches: a substring (case-insensitive), or /a regular expression/. */
export function searchHits(words: string[] | undefined, query: string): { hits: number[]; error: string | null } {
  const q = query.trim();
  if (!words || !q) return { hits: [], error: null };
  let test: (w: string) => boolean;
  const rx = /^\/(.+)\/([a-z]*)$/.exec(q);
  if (rx) {
    try {
      const re = new RegExp(rx[1], rx[2].includes('i') || rx[2] === '' ? 'iu' : 'u');
      test = (w) => re.test(w);
    } catch (e) {
      return { hits: [], error: `Not a valid regular expression: ${(e as Error).message}` };
    }
  } else {
    const low = q.toLowerCase();
    test = (w) => w.toLowerCase().includes(low);
  }
  const hits: number[] = [];
  for (let i = 0; i < words.length; i++) if (test(words[i])) hits.push(i);
  return { hits, error: null };
}

/** Highlights and labels: the selected word, its neighbours, then search hits (most frequent first). */
export function useHighlights(p: Projection | null, sel: WordSelection, hits: number[]) {
  const { selected, neighbors, wordIndex } = sel;
  return useMemo(() => {
    const h: Highlight[] = [];
    const l: LabelItem[] = [];
    if (!p) return { highlights: h, labelItems: l };
    const taken = new Set<number>();
    if (selected != null) {
      h.push({ index: selected, kind: 'selected' });
      l.push({ index: selected, text: p.words[selected], kind: 'selected' });
      taken.add(selected);
    }
    for (const n of neighbors ?? []) {
      const i = wordIndex.get(n.word);
      if (i === undefined || taken.has(i)) continue;
      taken.add(i);
      h.push({ index: i, kind: 'neighbor' });
      l.push({ index: i, text: n.word, kind: 'neighbor' });
    }
    hits.slice(0, MAX_HIT_MARKS).forEach((i, rank) => {
      if (taken.has(i)) return;
      h.push({ index: i, kind: 'hit' });
      if (rank < MAX_HIT_LABELS) l.push({ index: i, text: p.words[i], kind: 'hit' });
    });
    return { highlights: h, labelItems: l };
  }, [p, selected, neighbors, wordIndex, hits]);
}
