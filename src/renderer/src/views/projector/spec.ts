/** The projection a view shows, as the route's parameter (#/projector/run=3&method=umap…): a link reproduces the view. */
import type { CallInput } from '../../../../shared/contract.js';

export type StartInput = CallInput<'projection.start'>;
export type Method = StartInput['method'];

export interface AxisDraft {
  plus: string;
  minus: string;
}

export interface Draft {
  runId: number | null;
  top: number;
  method: Method;
  dims: 2 | 3;
  seed: number;
  nNeighbors: number;
  minDist: number;
  epochs: number;
  perplexity: number;
  iterations: number;
  theta: number;
  axes: [AxisDraft, AxisDraft, AxisDraft];
  orthogonalize: boolean;
  /** Isolated: project only these words (the selection and its neighbours, or the search's matches). */
  words: string[] | null;
}

export const DEFAULT_DRAFT: Draft = {
  runId: null,
  top: 10_000,
  method: 'pca',
  dims: 3,
  seed: 1,
  nNeighbors: 15,
  minDist: 0.1,
  epochs: 0,
  perplexity: 30,
  iterations: 1000,
  theta: 0.5,
  axes: [
    { plus: '', minus: '' },
    { plus: '', minus: '' },
    { plus: '', minus: '' },
  ],
  orthogonalize: false,
  words: null,
};

export const METHOD_LABEL: Record<Method, string> = { pca: 'PCA', umap: 'UMAP', tsne: 't-SNE', axes: 'Custom axes' };

export function splitWords(text: string): string[] {
  return text.split(/[\s,;]+/).map((w) => w.trim()).filter(Boolean);
}

/** The call input for a draft, or an error to show. */
export function toInput(d: Draft): { input: StartInput } | { error: string } {
  if (d.runId == null) return { error: 'Choose a run.' };
  const base = { runId: d.runId, top: d.top, dims: d.dims, seed: d.seed, ...(d.words ? { words: d.words } : {}) };
  switch (d.method) {
    case 'pca':
      return { input: { ...base, method: 'pca', params: {} } };
    case 'umap':
      return { input: { ...base, method: 'umap', params: { nNeighbors: d.nNeighbors, minDist: d.minDist, epochs: d.epochs } } };
    case 'tsne':
      return { input: { ...base, method: 'tsne', params: { perplexity: d.perplexity, iterations: d.iterations, theta: d.theta } } };
    case 'axes': {
      const axes = d.axes.slice(0, d.dims).map((a) => ({ plus: splitWords(a.plus), minus: splitWords(a.minus) }));
      const empty = axes.findIndex((a) => a.plus.length === 0);
      if (empty >= 0) return { error: `Axis ${'xyz'[empty]} needs at least one word on its + side.` };
      return { input: { ...base, method: 'axes', params: { axes, orthogonalize: d.orthogonalize } } };
    }
  }
}

export function toParam(input: StartInput): string {
  const { runId, top, method, dims, seed, params, words } = input as StartInput & { params?: object };
  const q = new URLSearchParams({ run: String(runId), top: String(top), method, dims: String(dims), seed: String(seed) });
  if (params && Object.keys(params).length) q.set('params', JSON.stringify(params));
  if (words) q.set('words', JSON.stringify(words));
  return q.toString();
}

/** The draft a route parameter describes (fields it lacks keep their defaults). */
export function fromParam(param: string | null): Draft | null {
  if (!param) return null;
  const q = new URLSearchParams(param);
  const run = Number(q.get('run'));
  if (!Number.isInteger(run) || run <= 0) return null;
  const d: Draft = { ...DEFAULT_DRAFT, axes: DEFAULT_DRAFT.axes.map((a) => ({ ...a })) as Draft['axes'], runId: run };
  const num = (key: string, fallback: number): number => {
    const v = Number(q.get(key));
    return q.has(key) && Number.isFinite(v) ? v : fallback;
  };
  d.top = num('top', d.top);
  d.seed = num('seed', d.seed);
  d.dims = q.get('dims') === '2' ? 2 : 3;
  const m = q.get('method');
  if (m === 'pca' || m === 'umap' || m === 'tsne' || m === 'axes') d.method = m;
  try {
    const p = JSON.parse(q.get('params') ?? '{}') as Record<string, unknown>;
    for (const key of ['nNeighbors', 'minDist', 'epochs', 'perplexity', 'iterations', 'theta'] as const) if (typeof p[key] === 'number') d[key] = p[key] as number;
    if (typeof p.orthogonalize === 'boolean') d.orthogonalize = p.orthogonalize;
    if (Array.isArray(p.axes)) {
      (p.axes as { plus?: string[]; minus?: string[] }[]).slice(0, 3).forEach((a, i) => {
        d.axes[i] = { plus: (a.plus ?? []).join(' '), minus: (a.minus ?? []).join(' ') };
      });
    }
  } catch {
    // A hand-edited link with broken parameters: the defaults stand.
  }
  d.words = wordsParam(q.get('words'));
  return d;
}

/** An isolated set from a link: a JSON list of words, or none when it is missing or broken. */
function wordsParam(v: string | null): string[] | null {
  if (!v) return null;
  try {
    const w = JSON.parse(v) as unknown;
    return Array.isArray(w) && w.length > 0 && w.every((x) => typeof x === 'string') ? (w as string[]) : null;
  } catch {
    return null;
  }
}
