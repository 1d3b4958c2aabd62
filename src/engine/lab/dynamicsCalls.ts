/** dynamics.backends and dynamics.spectrum: what the Dynamics view shows before any training. */
import type { DynamicsBackendInfo } from '../../shared/types/dynamics.js';
import { getCorpusSummary } from '../store/corpora.js';
import { countInput } from '../methods/countInput.js';
import { NO_CHECKPOINTS, parseParams } from '../methods/spec.js';
import { dynamics } from '../methods/dynamics.js';
import { rankOf } from '../methods/factors.js';
import { mstarSparsePart } from '../cooc/mstar.js';
import { mstarSpectrum } from '../dynamics/problem.js';
import { allProviders, describeBackends } from '../dynamics/backends.js';
import { noProgress } from '../base/progress.js';
import type { CallHandlers, LabContext } from './context.js';

/** Probing loads the tfjs backends once per process; the answer does not change while it runs. */
const probed = new WeakMap<LabContext, Promise<DynamicsBackendInfo[]>>();

export function dynamicsCalls(lab: LabContext): Pick<CallHandlers, 'dynamics.backends' | 'dynamics.spectrum'> {
  return {
    'dynamics.backends': () => {
      let p = probed.get(lab);
      if (!p) probed.set(lab, (p = describeBackends(allProviders())));
      return p;
    },
    'dynamics.spectrum': async ({ corpusId, vocab, modes, words, minCount, window }) => {
      getCorpusSummary(lab.db, corpusId);
      // The dynamics method's own defaults, so that the tab shows the spectrum a run with the same options learns.
      const p = parseParams(dynamics, { ...(vocab ? { vocab } : {}), ...(minCount ? { minCount } : {}), ...(window ? { window } : {}) });
      const signal = new AbortController().signal;
      const input = await countInput({
        db: lab.db, corpusId, params: { ...p, maxVocab: p.vocab } as never, progress: noProgress, signal,
        log: () => {}, phase: async (_name, work) => work(), checkpoint: NO_CHECKPOINTS,
      });
      const S = mstarSparsePart(input.upper);
      const rank = rankOf(modes ?? 20, S.rows, 'words of the vocabulary');
      const eig = await mstarSpectrum(S, rank, p.seed as number, 0, signal);
      const top = words ?? 8;
      return {
        corpusId, vocab: S.rows, eigenvalues: Array.from(eig.values), extremeEigenvalue: eig.extreme,
        modes: Array.from(eig.values, (value, k) => {
          const order = Array.from({ length: S.rows }, (_, i) => i).sort((a, b) => eig.vectors[b * rank + k] - eig.vectors[a * rank + k]);
          const pick = (ids: number[]) => ids.map((i) => ({ word: input.words[i], loading: eig.vectors[i * rank + k] }));
          return { mode: k, value, positive: pick(order.slice(0, top)), negative: pick(order.slice(-top).reverse()) };
        }),
      };
    },
  };
}
