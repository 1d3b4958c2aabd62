/**
 * What cells of a grid can share, by key:
 *  - counts: the co-occurrence table, one per (corpus, window options) — the key of the lab's
 *    count cache (cooc/options.ts coocKey), so a table counted once is read by every later run;
 *  - ppmi: the SPPMI matrix, one per (counts, cds, shift), for PPMI-SVD;
 *  - svd: the factorisation, one per (matrix, SVD options), for PPMI-SVD cells that differ only
 *    in d, the eigenvalue weighting p, W + C or normalisation: W = U·Σ^p and C = V·Σ^p are rescalings
 *    of the same U, Σ, V (methods/factors.ts), so the runner derives them from one SVD. It is
 *    computed at the largest d of its cells, and a cell with a smaller d takes its leading d
 *    triplets: those of a truncated SVD are nested, and the randomized range finder at the larger
 *    width approximates them better than one at the cell's own d would (the cell's log says so).
 */
import type { Params } from '../methods/spec.js';
import type { CoocOptions } from '../cooc/options.js';
import { coocKey } from '../cooc/options.js';
import { coocOptionsOf, type WindowValues } from '../methods/countInput.js';

/**
 * The methods that start from the counts (they call methods/countInput.ts), and the count
 * options each passes it: the learning dynamics cut the vocabulary with `vocab`.
 */
const COUNT_OPTIONS: Record<string, (p: Params) => CoocOptions> = {
  'ppmi-svd': (p) => coocOptionsOf(p as unknown as WindowValues),
  glove: (p) => coocOptionsOf(p as unknown as WindowValues),
  mstar: (p) => coocOptionsOf(p as unknown as WindowValues),
  'rw-sn': (p) => coocOptionsOf(p as unknown as WindowValues),
  dynamics: (p) => coocOptionsOf({ ...(p as unknown as WindowValues), maxVocab: p.vocab as number }),
};

/**
 * Options that only choose or rescale an SVD's factors: cells differing in these alone share one
 * SVD (d picks how many of its leading triplets a cell keeps).
 */
export const FACTOR_ONLY_OPTIONS: ReadonlySet<string> = new Set(['dim', 'eig', 'addContexts', 'normalize']);

export function countOptionsOf(method: string, p: Params): CoocOptions | null {
  return COUNT_OPTIONS[method]?.(p) ?? null;
}

/** The count cache's key of a cell's counts (per corpus), or null for a method that does not count. */
export function countKeyOf(method: string, p: Params): string | null {
  const o = countOptionsOf(method, p);
  return o ? coocKey(o) : null;
}

/** The SPPMI matrix a PPMI-SVD cell factorises, as a key (null for other methods). */
export function ppmiKeyOf(corpusId: number, method: string, p: Params): string | null {
  if (method !== 'ppmi-svd') return null;
  return JSON.stringify([corpusId, countKeyOf(method, p), p.cds, p.shift]);
}

/** The SVD a PPMI-SVD cell needs: every parameter but the factor-only ones (null for other methods). */
export function svdKeyOf(corpusId: number, method: string, p: Params): string | null {
  if (method !== 'ppmi-svd') return null;
  const own = Object.keys(p).filter((k) => !FACTOR_ONLY_OPTIONS.has(k)).sort().map((k) => [k, p[k]]);
  return JSON.stringify([corpusId, own]);
}

/** "window 5 dynamic, min count 5" and so on, for people. */
export function countLabel(o: CoocOptions): string {
  const parts = [`window ${o.window} ${o.weighting}`, `min count ${o.minCount}`];
  if (o.maxVocab > 0) parts.push(`top ${o.maxVocab.toLocaleString('en-US')} words`);
  if (o.subsample > 0) parts.push(`subsampling ${o.subsample} (seed ${o.seed})`);
  return parts.join(', ');
}

export function ppmiLabel(p: Params): string {
  return `${countLabel(coocOptionsOf(p as unknown as WindowValues))}; cds ${p.cds}, shift ${p.shift}`;
}

/** The SVD shared by cells whose d values are `dims`: computed at the largest. */
export function svdLabel(p: Params, dims: number[]): string {
  const sorted = [...new Set(dims)].sort((a, b) => b - a);
  return `${ppmiLabel(p)}; rank ${sorted[0]}${sorted.length > 1 ? ` (d ${sorted.join(', ')})` : ''}`;
}
