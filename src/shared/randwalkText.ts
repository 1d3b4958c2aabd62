/**
 * RAND-WALK's reports as figures and text: the summary a generation job returns
 * (no plot data) and the lines a terminal prints. Pure functions over the contract's types.
 */
import type { RandWalkTheory, RecoveryInfo, TheorySummary } from './types/randwalk.js';

export function summarizeTheory(t: RandWalkTheory): TheorySummary {
  return {
    frequency: { slope: t.frequency.slope, intercept: t.frequency.intercept, r2: t.frequency.r2, logZ: t.frequency.logZ },
    pmi: {
      window: t.pmi.window,
      topWords: { words: t.pmi.topWords.words, pairs: t.pmi.topWords.count, correlation: t.pmi.topWords.correlation, slope: t.pmi.topWords.slope },
      topPairs: { pairs: t.pmi.topPairs.pairs, correlation: t.pmi.topPairs.correlation, slope: t.pmi.topPairs.slope },
    },
    partition: { samples: t.partition.samples, mean: t.partition.mean, cv: t.partition.cv },
  };
}

/** A few lines for a terminal. */
export function describeTheory(t: RandWalkTheory | TheorySummary): string {
  const s = 'points' in t.frequency ? summarizeTheory(t as RandWalkTheory) : (t as TheorySummary);
  const f = (x: number, digits = 3): string => x.toFixed(digits);
  return [
    `  frequency law  log p(w) = ${f(s.frequency.slope)}·‖v‖²/2d ${s.frequency.intercept < 0 ? '−' : '+'} ${f(Math.abs(s.frequency.intercept))}   R² ${f(s.frequency.r2)}   (−log Z = ${f(-s.frequency.logZ)})`,
    `  PMI vs ⟨v,v′⟩/d  r = ${f(s.pmi.topWords.correlation)} over ${s.pmi.topWords.pairs} co-occurring pairs of the top ${s.pmi.topWords.words} words (slope ${f(s.pmi.topWords.slope)}); ` +
      `r = ${f(s.pmi.topPairs.correlation)} over the ${s.pmi.topPairs.pairs} most co-occurring pairs (window ${s.pmi.window})`,
    `  Z_c            mean ${f(s.partition.mean, 1)}, std/mean ${f(s.partition.cv)} over ${s.partition.samples} discourse vectors`,
  ].join('\n');
}

/** One line for a terminal: how well a run recovers the truth. */
export function describeRecovery(r: RecoveryInfo): string {
  const f = (x: number | null): string => (x !== null && Number.isFinite(x) ? x.toFixed(3) : '–');
  const a = r.analogy;
  return `aligned cosine ${f(r.alignedCosine)} (${r.alignedWords} words)   Gram r ${f(r.gramCorrelation)} (top ${r.gramWords})   ` +
    (a.relations ? `planted analogies ${f(a.accuracy)} (${a.correct}/${a.answered}; truth ${f(a.truthAccuracy)}, chance ${a.chance.toFixed(4)})` : 'no planted analogies');
}
