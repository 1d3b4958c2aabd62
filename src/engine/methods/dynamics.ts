/**
 * Learning dynamics (Karkada et al. 2025): word2vec's quartic approximation (and SGNS
 * itself) trained full-batch from a tiny start learns M*'s eigenvectors one at a time.
 * The run is stored like any other: its final W is the vectors; the series hold the
 * snapshots of W's spectrum, the theory curves and each mode's rise.
 */
import { DYNAMICS_BACKENDS, DYNAMICS_MODELS } from '../../shared/types/dynamics.js';
import { defineOptions } from '../../shared/options.js';
import { countInput, threadsOf } from './countInput.js';
import { rankOf } from './factors.js';
import { defineMethod, stepProgress, windowOptions } from './spec.js';
import { buildProblem, mstarSpectrum } from '../dynamics/problem.js';
import { mstarSparsePart } from '../cooc/mstar.js';
import { allProviders } from '../dynamics/backends.js';
import { runDynamics } from '../dynamics/run.js';

const window = windowOptions({ window: 5, weighting: 'dynamic' }).filter((o) => o.key !== 'maxVocab');

export const dynamicsOptions = defineOptions([
  {
    key: 'model', label: 'Model', type: 'choice', default: 'qwem', choices: DYNAMICS_MODELS,
    help: 'qwem: QWEM reweighted, loss exactly ¼‖WWᵀ − M*‖² (the closed-form setting); qwem-natural: QWEM with its natural weights P_ij + P_iP_j; sgns: full-batch SGNS (k = 1).',
  },
  { key: 'vocab', label: 'Vocabulary', help: 'The top-V words (dense models hold V × V matrices: keep V ≤ 5000 there).', type: 'int', default: 2000, min: 10, max: 20000 },
  { key: 'dim', label: 'Dimensions', help: 'd, the columns of W.', type: 'int', default: 20, min: 1, max: 500 },
  { key: 'init', label: 'Initial scale σ₀', help: 'W₀ has i.i.d. N(0, σ₀²/d) entries, so each mode starts with energy about σ₀².', type: 'number', default: 1e-6, min: 1e-30, max: 10 },
  { key: 'lr', label: 'Learning rate', help: '0: 0.5/max|λ|, half the stable step of M*\'s stiffest (most negative) direction.', type: 'number', default: 0, min: 0, max: 100 },
  { key: 'steps', label: 'Steps', help: 'Full-batch gradient steps (0: 5× the step at which the theory says the d-th mode rises).', type: 'int', default: 0, min: 0, max: 1_000_000 },
  {
    key: 'backend', label: 'Compute backend', type: 'choice', default: 'auto', choices: ['auto', ...DYNAMICS_BACKENDS],
    help: 'auto: a GPU when there is one, else the fastest CPU path timed on this problem.',
  },
  { key: 'snapshots', label: 'Snapshots', help: 'How many times W is measured during the run.', type: 'int', default: 200, min: 2, max: 5000, advanced: true },
  ...window,
]);

export const dynamics = defineMethod({
  id: 'dynamics',
  label: 'Learning dynamics (QWEM / SGNS)',
  summary: 'Full-batch training from a tiny start on TensorFlow.js or the native kernels: the modes of M* are learned one at a time (Karkada et al.).',
  options: dynamicsOptions,
  async train(ctx) {
    const p = ctx.params;
    const input = await countInput({ ...ctx, params: { ...p, maxVocab: p.vocab } });
    const S = await ctx.phase('m*', () => mstarSparsePart(input.upper));
    const d = rankOf(p.dim, S.rows, 'words of the vocabulary');
    const spectrum = await ctx.phase('eigen', () =>
      mstarSpectrum(S, d, p.seed, threadsOf(p), ctx.signal, stepProgress(ctx, 'eigen')));
    const problem = await ctx.phase('problem', () => buildProblem(p.model, input.upper, S, d));
    const out = await ctx.phase('dynamics', () => runDynamics(problem, spectrum, p, {
      providers: allProviders({ threads: threadsOf(p) }), signal: ctx.signal, progress: ctx.progress, log: (l) => ctx.log(l),
    }));
    return {
      vectors: { words: input.words, counts: input.counts, dim: d, W: out.W },
      series: out.series,
      metrics: { ...out.metrics, cachedCounts: input.cached ? 1 : 0 },
    };
  },
});
