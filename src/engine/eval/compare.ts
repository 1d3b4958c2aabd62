/**
 * Comparing two runs: neighbour overlap@k over the most frequent shared words,
 * the words whose neighbourhoods changed most, and an orthogonal Procrustes
 * alignment of B onto A over the shared words, with its residual.
 */
import type { KeyedVectors } from '../vectors/keyedVectors.js';
import { nearestNeighbors } from '../vectors/neighbors.js';
import { applyRotation, procrustes, relativeResidual } from './procrustes.js';
import type { LinalgKernels } from '../kernels/linalgKernels.js';

export interface CompareResult {
  sharedWords: number;
  overlapK: number;
  /** Mean |N_A(w) ∩ N_B(w)| / k over the probe words. */
  meanOverlap: number;
  probes: number;
  changedMost: { word: string; overlap: number; neighborsA: string[]; neighborsB: string[] }[];
  procrustes: { applicable: boolean; residual: number | null; residualBefore: number | null; words: number; reason?: string };
}

/** Shared vocabulary in A's frequency order: pairs of indices. */
export function sharedWords(a: KeyedVectors, b: KeyedVectors, limit: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < a.size && out.length < limit; i++) {
    const j = b.indexOf(a.words[i]);
    if (j !== undefined) out.push([i, j]);
  }
  return out;
}

export function compareRuns(a: KeyedVectors, b: KeyedVectors, kernels: LinalgKernels, o: { probes?: number; k?: number; alignWords?: number } = {}): CompareResult {
  const probes = o.probes ?? 1000;
  const k = o.k ?? 10;
  const shared = sharedWords(a, b, Math.max(probes, o.alignWords ?? 10000));
  let sharedCount = 0;
  for (const w of a.words) if (b.indexOf(w) !== undefined) sharedCount++;
  const probe = shared.slice(0, probes);
  // Neighbours are searched among the shared words only, so both runs answer from the same candidates.
  const subA = subset(a, shared.map(([i]) => i));
  const subB = subset(b, shared.map(([, j]) => j));
  const nA = nearestNeighbors(subA, probe.map((_, n) => n), k, kernels);
  const nB = nearestNeighbors(subB, probe.map((_, n) => n), k, kernels);
  const overlaps = probe.map((_, n) => {
    const setB = new Set(nB[n].map((x) => x.index));
    return nA[n].filter((x) => setB.has(x.index)).length / k;
  });
  const order = overlaps.map((v, n) => [v, n] as const).sort((x, y) => x[0] - y[0]);
  const changedMost = order.slice(0, 20).map(([overlap, n]) => ({
    word: a.words[probe[n][0]], overlap,
    neighborsA: nA[n].map((x) => x.word), neighborsB: nB[n].map((x) => x.word),
  }));
  let alignment: CompareResult['procrustes'];
  if (a.dim !== b.dim) {
    alignment = { applicable: false, residual: null, residualBefore: null, words: 0, reason: `dimensions differ (${a.dim} and ${b.dim})` };
  } else {
    const n = Math.min(shared.length, o.alignWords ?? 10000);
    const A = subA.unit.subarray(0, n * a.dim);
    const B = subB.unit.subarray(0, n * b.dim);
    const R = procrustes(A, B, n, a.dim);
    alignment = { applicable: true, residual: relativeResidual(applyRotation(B, R, n, a.dim), A), residualBefore: relativeResidual(B, A), words: n };
  }
  return {
    sharedWords: sharedCount, overlapK: k, probes: probe.length,
    meanOverlap: overlaps.reduce((s, x) => s + x, 0) / Math.max(1, overlaps.length), changedMost, procrustes: alignment,
  };
}

function subset(kv: KeyedVectors, indices: number[]): KeyedVectors {
  const words = indices.map((i) => kv.words[i]);
  return new (kv.constructor as typeof KeyedVectors)(words, kv.gather(indices), kv.dim);
}
