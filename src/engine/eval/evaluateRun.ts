/**
 * Evaluates one run on analogy and similarity sets (inside a job thread) and
 * stores the results.
 */
import type { Db } from '../store/db.js';
import { readRunVectors } from '../store/runs.js';
import { saveEvals, type EvalRow } from '../store/evals.js';
import { loadAnalogies, loadSimilarity } from './datasets.js';
import { KeyedVectors } from '../vectors/keyedVectors.js';
import { evaluateAnalogies, type AnalogyMethod } from './analogy.js';
import { evaluateSimilarity } from './similarity.js';
import { linalgKernels } from '../kernels/registry.js';
import type { ProgressSink } from '../base/progress.js';
import { Cancelled } from '../base/errors.js';

export interface EvalParams {
  runId: number;
  analogy: string[];
  similarity: string[];
  restrict: number;
  methods: AnalogyMethod[];
}

export const defaultEval = {
  analogy: ['google', 'msr'],
  similarity: ['ws353', 'ws353_similarity', 'ws353_relatedness', 'simlex999', 'men3000', 'rw'],
  restrict: 30000,
  methods: ['add', 'mul'] as AnalogyMethod[],
};

export async function evaluateRun(db: Db, p: EvalParams, progress: ProgressSink, signal: AbortSignal): Promise<{ runId: number }> {
  // Datasets are parsed first, so a malformed file fails before any work.
  const analogies = p.analogy.map(loadAnalogies);
  const similarities = p.similarity.map(loadSimilarity);
  const kv = KeyedVectors.from(readRunVectors(db, p.runId));
  const kernels = linalgKernels();
  const rows: EvalRow[] = [];
  for (const set of analogies) {
    if (signal.aborted) throw new Cancelled();
    progress.phase(`analogies: ${set.name}`, set.questions.length, 'questions');
    const results = await evaluateAnalogies(kv, set.questions, p.restrict, p.methods, kernels, (done) => progress.update(done), signal);
    for (const r of results) {
      const { answers, ...summary } = r;
      rows.push({ kind: 'analogy', dataset: set.name, method: r.method, restrict: p.restrict, result: summary, answers });
    }
  }
  progress.phase('word similarity', similarities.length, 'sets');
  similarities.forEach((set, i) => {
    // gensim's evaluate_word_pairs default: the 300,000 most frequent words.
    rows.push({ kind: 'similarity', dataset: set.name, method: '', restrict: 300000, result: evaluateSimilarity(kv, set.pairs, 300000) });
    progress.update(i + 1);
  });
  if (signal.aborted) throw new Cancelled();
  saveEvals(db, p.runId, rows);
  return { runId: p.runId };
}
