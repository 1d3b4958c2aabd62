/**
 * Analogy evaluation, with gensim's evaluate_word_analogies protocol:
 * unit-normalised vectors; answers searched among the `restrict` most frequent
 * words; a question counts only if its four words are all there (else it is
 * out of vocabulary); the three query words are never answers.
 *
 * 3CosAdd: argmax_x cos(x, b) − cos(x, a) + cos(x, c) (the same argmax as
 * gensim's most_similar(positive=[b, c], negative=[a])).
 * 3CosMul (Levy & Goldberg 2014): argmax_x cos'(x,b)·cos'(x,c) / (cos'(x,a) + ε),
 * with cos' = (cos + 1)/2 and ε = 0.001.
 *
 * It is batched: the cosines of every candidate with every distinct query word
 * come from one matrix product, and each question then reads three columns.
 */
import type { AnalogyQuestion } from './datasets.js';
import { GOOGLE_SEMANTIC } from './datasets.js';
import { foldKey, type KeyedVectors } from '../vectors/keyedVectors.js';
import type { LinalgKernels } from '../kernels/linalgKernels.js';
import type { AnalogySummary, SectionScore } from '../../shared/contract.js';
import { Cancelled } from '../base/errors.js';

export type AnalogyMethod = AnalogySummary['method'];

/** A summary plus each answered question (file order): the predicted word and whether it was right. */
export interface AnalogyResult extends AnalogySummary {
  answers: { line: number; predicted: string; correct: boolean }[];
}

const EPS = 0.001;
const MAX_COLUMN_BYTES = 256 << 20;

/** Questions between progress reports; there the evaluation yields, so a cancel is seen. */
const MAX_BATCH = 1000;

export async function evaluateAnalogies(
  kv: KeyedVectors, questions: AnalogyQuestion[], restrict: number, methods: AnalogyMethod[], kernels: LinalgKernels,
  onProgress?: (done: number, total: number) => void, signal?: AbortSignal,
): Promise<AnalogyResult[]> {
  const ok = kv.restrictedVocab(restrict);
  const R = Math.min(restrict, kv.size);
  const answered: Answered[] = [];
  let oov = 0;
  for (const q of questions) {
    const idx = q.words.map((w) => ok.get(foldKey(w)));
    if (idx.some((i) => i === undefined)) oov++;
    else answered.push({ q, idx: idx as [number, number, number, number] });
  }
  // Every section is listed, also one whose questions are all out of vocabulary.
  const emptySections = (): Map<string, SectionScore> => new Map(questions.map((q) => [q.section, { correct: 0, total: 0, accuracy: 0 }]));
  const results = methods.map((method) => ({ method, correct: 0, sections: emptySections(), answers: [] as AnalogyResult['answers'] }));
  // Batches of questions whose distinct query words' columns fit the memory budget.
  const maxCols = Math.max(3, Math.floor(MAX_COLUMN_BYTES / (4 * Math.max(1, R))));
  let at = 0;
  while (at < answered.length) {
    const { cols, end } = nextBatch(answered, at, maxCols);
    const nq = cols.size;
    // Column-major: column c (the cosines of every candidate with query word c) is contiguous, so
    // each question reads three arrays straight through.
    const S = new Float32Array(R * nq);
    kernels.dotRows(kv.gather([...cols.keys()]), kv.dim, 0, nq, kv.unit, R, S);
    const column = (c: number): Float32Array => S.subarray(c * R, (c + 1) * R);
    for (let k = at; k < end; k++) {
      if (k > at && (k - at) % MAX_BATCH === 0) {
        // Progress in questions of the file, out-of-vocabulary ones included; the yield lets a cancel in.
        onProgress?.(Math.round((k / answered.length) * questions.length), questions.length);
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (signal?.aborted) throw new Cancelled();
      }
      const { q, idx } = answered[k];
      const [a, b, c, d] = idx;
      const sa = column(cols.get(a)!);
      const sb = column(cols.get(b)!);
      const sc = column(cols.get(c)!);
      methods.forEach((method, m) => {
        const best = method === 'add' ? argmaxAdd(sa, sb, sc, R, a, b, c) : argmaxMul(sa, sb, sc, R, a, b, c);
        const right = best === d;
        const r = results[m];
        if (right) r.correct++;
        const sec = r.sections.get(q.section)!;
        sec.total++;
        if (right) sec.correct++;
        r.answers.push({ line: q.line, predicted: kv.words[best] ?? '', correct: right });
      });
    }
    at = end;
    onProgress?.(Math.round((at / answered.length) * questions.length), questions.length);
  }
  const isGoogle = questions.some((q) => GOOGLE_SEMANTIC.has(q.section));
  return results.map((r) => summarise(r, { restrict, answered: answered.length, oov, questions: questions.length, isGoogle }));
}

type Answered = { q: AnalogyQuestion; idx: [number, number, number, number] };

/** The questions from `at` on whose distinct query words (a, b, c) fit in `maxCols` columns, and each word's column. */
function nextBatch(answered: Answered[], at: number, maxCols: number): { cols: Map<number, number>; end: number } {
  const cols = new Map<number, number>();
  let end = at;
  while (end < answered.length) {
    const [a, b, c] = answered[end].idx;
    const extra = [a, b, c].filter((x) => !cols.has(x)).length;
    if (cols.size + extra > maxCols) break;
    for (const x of [a, b, c]) if (!cols.has(x)) cols.set(x, cols.size);
    end++;
  }
  return { cols, end };
}

/** One method's result: accuracies per section and overall, and for Google's set its semantic and syntactic groups. */
function summarise(
  r: { method: AnalogyMethod; correct: number; sections: Map<string, SectionScore>; answers: AnalogyResult['answers'] },
  o: { restrict: number; answered: number; oov: number; questions: number; isGoogle: boolean },
): AnalogyResult {
  const sections: Record<string, SectionScore> = {};
  for (const [name, s] of r.sections) sections[name] = { ...s, accuracy: s.total ? s.correct / s.total : 0 };
  const out: AnalogyResult = {
    method: r.method, restrict: o.restrict, correct: r.correct, total: o.answered, oov: o.oov, questions: o.questions,
    accuracy: o.answered ? r.correct / o.answered : 0, sections, answers: r.answers,
  };
  if (o.isGoogle) {
    const group = (semantic: boolean): SectionScore => {
      const parts = Object.entries(sections).filter(([n]) => GOOGLE_SEMANTIC.has(n) === semantic).map(([, s]) => s);
      const correct = parts.reduce((s, p) => s + p.correct, 0);
      const total = parts.reduce((s, p) => s + p.total, 0);
      return { correct, total, accuracy: total ? correct / total : 0 };
    };
    out.groups = { semantic: group(true), syntactic: group(false) };
  }
  return out;
}

function argmaxAdd(sa: Float32Array, sb: Float32Array, sc: Float32Array, R: number, a: number, b: number, c: number): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let x = 0; x < R; x++) {
    if (x === a || x === b || x === c) continue;
    const s = sb[x] - sa[x] + sc[x];
    if (s > bestScore) {
      bestScore = s;
      best = x;
    }
  }
  return best;
}

function argmaxMul(sa: Float32Array, sb: Float32Array, sc: Float32Array, R: number, a: number, b: number, c: number): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let x = 0; x < R; x++) {
    if (x === a || x === b || x === c) continue;
    const s = (((sb[x] + 1) / 2) * ((sc[x] + 1) / 2)) / ((sa[x] + 1) / 2 + EPS);
    if (s > bestScore) {
      bestScore = s;
      best = x;
    }
  }
  return best;
}
