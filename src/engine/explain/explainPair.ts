/**
 * explain a pair (pair.explain, run as a light job): for two words and a run trained on a corpus,
 * the counts behind the theory — #(w), #(c), #(w, c) in the run's window, |D|, PMI, PPMI, SPPMI_k and
 * M*_wc — a few windows of the corpus where both occur, and what each run made of the pair (cosine;
 * w·c against Levy & Goldberg's PMI − log k where it kept context vectors). The counts come from the
 * stored token stream with the counter's semantics (windowCounts.ts); the window marginals, one pass
 * over every pair of positions, are cached per corpus and window (pair_marginals).
 */
import type { PairExplanation, RunSummary } from '../../shared/contract.js';
import { LabError } from '../../shared/labError.js';
import type { Db } from '../store/db.js';
import { getCorpusSummary, readBreaks, readVocabCounts, readVocabWords, tokenChunks } from '../store/corpora.js';
import { getRunSummary, readRunVectors } from '../store/runs.js';
import { cutVocabulary, prepareStream } from '../corpus/trainingStream.js';
import { coocKey, pairWeights, type CoocOptions } from '../cooc/options.js';
import { normalizeWord } from '../text/tokenizer.js';
import { KeyedVectors } from '../vectors/keyedVectors.js';
import { nearestNeighbors } from '../vectors/neighbors.js';
import { linalgKernels } from '../kernels/registry.js';
import { pairCount, rowCounts, windowMarginals, type Window } from './windowCounts.js';
import { corpusContexts } from './contexts.js';
import { asBlob, float64FromBlob } from '../store/blobs.js';

export interface ExplainParams {
  runIds: number[];
  w: string;
  c: string;
  /** Windows of the corpus to show. */
  contexts: number;
  topn: number;
}

const WORD2VEC = new Set(['sgns', 'cbow', 'sgns-tfjs']);

/** The window, smoothing and shift a run's numbers should be read against. */
export function windowOfRun(run: RunSummary): { o: CoocOptions; cds: number; shift: number } {
  const p = run.params as Record<string, number | string | undefined>;
  const num = (k: string, d: number): number => (typeof p[k] === 'number' ? (p[k] as number) : d);
  const w2v = WORD2VEC.has(run.method);
  const weighting = (typeof p.weighting === 'string' ? p.weighting : w2v ? 'dynamic' : 'uniform') as CoocOptions['weighting'];
  const o: CoocOptions = {
    minCount: num('minCount', 5), maxVocab: num('maxVocab', num('vocab', 0)), window: num('window', 5), weighting,
    subsample: num('subsample', 0), seed: num('seed', 1),
  };
  return { o, cds: w2v ? 0.75 : num('cds', 1), shift: w2v ? num('negative', 5) : num('shift', 1) };
}

/** #(w) of every word and |D| for this corpus and window: from the cache, else counted and cached. */
function marginalsOf(db: Db, corpusId: number, key: string, count: () => { sums: Float64Array; total: number }) {
  const row = db.prepare('SELECT sums, total FROM pair_marginals WHERE corpus_id = ? AND key = ?').get(corpusId, key) as { sums: Buffer; total: number } | undefined;
  if (row) return { sums: float64FromBlob(row.sums), total: row.total };
  const m = count();
  db.prepare('INSERT OR REPLACE INTO pair_marginals (corpus_id, key, sums, total) VALUES (?, ?, ?, ?)').run(corpusId, key, asBlob(m.sums), m.total);
  return m;
}

export function explainPair(db: Db, x: ExplainParams): PairExplanation {
  const t0 = performance.now();
  const first = getRunSummary(db, x.runIds[0]);
  if (first.corpusId === null) {
    throw new LabError(`Run ${first.id} has no corpus (${first.method === 'imported' ? 'it was imported from a file' : 'its corpus was removed'}): explaining a pair needs the counts of the corpus a run was trained on.`, 'conflict', 'runId');
  }
  const corpusId = first.corpusId;
  const { o, cds, shift } = windowOfRun(first);
  const all = readVocabCounts(db, corpusId);
  const cut = cutVocabulary(all, o.minCount, o.maxVocab);
  const words = readVocabWords(db, corpusId, all.length);
  const index = new Map(words.map((word, i) => [word, i]));
  const idOf = (word: string, field: 'w' | 'c'): number => {
    const i = index.get(word) ?? index.get(normalizeWord(word) ?? '');
    if (i === undefined) throw new LabError(`"${word}" does not occur in corpus ${corpusId}.`, 'not-found', field);
    if (i >= cut.size) throw new LabError(`"${word}" occurs ${all[i]} times in corpus ${corpusId}, under the window's min count of ${o.minCount}${o.maxVocab ? ` or outside its top ${o.maxVocab} words` : ''}, so it has no counts.`, 'not-found', field);
    return i;
  };
  const [wi, ci] = [idOf(x.w, 'w'), idOf(x.c, 'c')];
  const win: Window = { size: o.window, weights: pairWeights(o) };
  const stream = prepareStream(tokenChunks(db, corpusId), readBreaks(db, corpusId), all, cut, o.subsample, o.seed);
  const { sums, total } = marginalsOf(db, corpusId, coocKey(o), () => windowMarginals(stream, cut.size, win));
  let z = 0;
  for (const s of sums) z += Math.pow(s, cds);
  const pmiOf = (X: number, a: number, b: number): number | null => (X > 0 ? Math.log(X) + Math.log(z) - Math.log(sums[a]) - cds * Math.log(sums[b]) : null);
  const X = pairCount(stream, wi, ci, win);
  const pmi = pmiOf(X, wi, ci);
  const P = X / total;
  const Q = (sums[wi] / total) * (sums[ci] / total);
  const runs = x.runIds.map((id) => runSide(db, id, words[wi], words[ci], pmi));
  return {
    corpusId, corpusName: getCorpusSummary(db, corpusId).name, w: words[wi], c: words[ci],
    window: { size: o.window, weighting: o.weighting, minCount: o.minCount, maxVocab: o.maxVocab, subsample: o.subsample }, cds, shift,
    counts: { w: sums[wi], c: sums[ci], pair: X, total, tokensW: all[wi], tokensC: all[ci] },
    pmi, ppmi: Math.max(0, pmi ?? 0), sppmi: Math.max(0, (pmi ?? -Infinity) - Math.log(shift)), mstar: P + Q > 0 ? (2 * (P - Q)) / (P + Q) : -2,
    contexts: corpusContexts(db, corpusId, wi, ci, o.window, words, x.contexts),
    runs,
    neighbours: neighboursAndPmi(db, x.runIds[0], words[wi], rowCounts(stream, wi, win), (b, X2) => pmiOf(X2, wi, b), words, x.topn),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** What one run made of the pair. */
function runSide(db: Db, runId: number, w: string, c: string, pmi: number | null): PairExplanation['runs'][number] {
  const run = getRunSummary(db, runId);
  const v = readRunVectors(db, runId);
  const kv = KeyedVectors.from(v);
  const [i, j] = [kv.indexOf(w), kv.indexOf(c)];
  const k = windowOfRun(run).shift;
  let dot: number | null = null;
  if (v.C && i !== undefined && j !== undefined) {
    dot = 0;
    for (let t = 0; t < v.dim; t++) dot += v.W[i * v.dim + t] * v.C[j * v.dim + t];
  }
  return {
    runId, name: run.name, method: run.method, cosine: i !== undefined && j !== undefined ? kv.cosine(i, j) : null,
    dot, predicted: pmi === null ? null : pmi - Math.log(k), k,
  };
}

/** The run's nearest words to w (with their PMI with w) beside w's contexts of highest PMI (seen at least twice). */
function neighboursAndPmi(
  db: Db, runId: number, w: string, row: Map<number, number>, pmi: (b: number, X: number) => number | null, words: string[], topn: number,
): PairExplanation['neighbours'] {
  const kv = KeyedVectors.from(readRunVectors(db, runId));
  const i = kv.indexOf(w);
  const index = new Map(words.map((word, b) => [word, b]));
  const byCosine = i === undefined ? [] : nearestNeighbors(kv, [i], topn, linalgKernels())[0].map((n) => {
    const b = index.get(n.word);
    const X = b === undefined ? 0 : row.get(b) ?? 0;
    return { word: n.word, cosine: n.cosine, pmi: b === undefined ? null : pmi(b, X) };
  });
  const byPmi = [...row].filter(([b, X]) => X >= 2 && words[b] !== w)
    .map(([b, X]) => ({ word: words[b], pmi: pmi(b, X)!, count: X }))
    .sort((a, b) => b.pmi - a.pmi).slice(0, topn);
  return { byCosine, byPmi };
}
