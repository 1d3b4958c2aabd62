/**
 * LSA: a tf-idf weighted term–document matrix and its truncated SVD. Documents
 * are the corpus's files, or fixed-size chunks of tokens.
 */
import { readTokens, readVocab } from '../store/corpora.js';
import { cutVocabulary } from '../corpus/trainingStream.js';
import { nnz, transpose, type Csr } from '../linalg/csr.js';
import { LinalgPool } from '../linalg/pool.js';
import { csrOperator, randomizedSvd } from '../linalg/randomized.js';
import { threadsOf } from './countInput.js';
import { factorsToVectors, rankOf, svdOptions } from './factors.js';
import { stepProgress, defineMethod } from './spec.js';
import { withDefaults, withoutOptions } from '../../shared/options.js';
import type { Db } from '../store/db.js';

function documentStarts(db: Db, corpusId: number, tokens: number, mode: string, chunk: number): number[] {
  if (mode === 'chunks') {
    const starts: number[] = [];
    for (let s = 0; s < tokens; s += chunk) starts.push(s);
    return starts;
  }
  return (db.prepare('SELECT first_token FROM corpus_files WHERE corpus_id = ? ORDER BY idx').all(corpusId) as { first_token: number }[]).map(
    (r) => r.first_token,
  );
}

/** Terms × documents, weight (1 + log tf)·log(N/df) (or tf·idf with raw tf). */
export function tfidfMatrix(tokens: Uint32Array, starts: number[], vocab: number, sublinear: boolean): Csr {
  const N = starts.length;
  const df = new Float64Array(vocab);
  const counts = new Float64Array(vocab);
  const touched: number[] = [];
  const docPtr = new Float64Array(N + 1);
  const docTerms: number[] = [];
  const docTf: number[] = [];
  for (let d = 0; d < N; d++) {
    const end = d + 1 < N ? starts[d + 1] : tokens.length;
    for (let p = starts[d]; p < end; p++) {
      const t = tokens[p];
      if (t >= vocab) continue;
      if (counts[t] === 0) touched.push(t);
      counts[t]++;
    }
    touched.sort((a, b) => a - b);
    for (const t of touched) {
      docTerms.push(t);
      docTf.push(counts[t]);
      df[t]++;
      counts[t] = 0;
    }
    touched.length = 0;
    docPtr[d + 1] = docTerms.length;
  }
  const vals = new Float32Array(docTerms.length);
  for (let k = 0; k < docTerms.length; k++) {
    const tf = docTf[k];
    const idf = Math.log(N / df[docTerms[k]]);
    vals[k] = (sublinear ? 1 + Math.log(tf) : tf) * idf;
  }
  const byDoc: Csr = { rows: N, cols: vocab, rowPtr: docPtr, colIdx: Uint32Array.from(docTerms), vals };
  return transpose(byDoc);
}

export const lsa = defineMethod({
  id: 'lsa',
  label: 'LSA',
  summary: 'Truncated SVD of a tf-idf term–document matrix (latent semantic analysis).',
  options: [
    { key: 'dim', label: 'Dimensions', help: 'Size of the word vectors (d).', type: 'int', default: 100, min: 1, max: 2000 },
    { key: 'minCount', label: 'Min count', help: 'Words seen fewer times are left out.', type: 'int', default: 5, min: 1, max: 1e9 },
    { key: 'maxVocab', label: 'Max vocabulary', help: 'Keep at most this many of the most frequent words (0: no cap).', type: 'int', default: 0, min: 0, max: 1e7 },
    { key: 'documents', label: 'Documents', help: 'files: each file is a document; chunks: every run of “chunk size” tokens is one.', type: 'choice', default: 'files', choices: ['files', 'chunks'] },
    { key: 'chunkTokens', label: 'Chunk size', help: 'Tokens per document when documents are chunks.', type: 'int', default: 1000, min: 10, max: 1e7 },
    { key: 'sublinearTf', label: 'Sublinear tf', help: 'Use 1 + log(tf) instead of the raw term frequency.', type: 'boolean', default: true },
    ...withDefaults(withoutOptions(svdOptions, 'addContexts'), { eig: 1 }),
    { key: 'seed', label: 'Seed', help: 'Seed of the random start of the SVD.', type: 'int', default: 1, min: 0, max: 2 ** 31 - 1, advanced: true },
    { key: 'threads', label: 'Threads', help: 'Threads for the SVD (0: all cores).', type: 'int', default: 0, min: 0, max: 64, advanced: true },
  ],
  async train(ctx) {
    const p = ctx.params;
    const vocab = readVocab(ctx.db, ctx.corpusId);
    const cut = cutVocabulary(vocab.counts, p.minCount, p.maxVocab);
    const A = await ctx.phase('tf-idf', () => {
      ctx.progress.phase('tf-idf', 0, 'steps');
      const tokens = readTokens(ctx.db, ctx.corpusId);
      const starts = documentStarts(ctx.db, ctx.corpusId, tokens.length, p.documents, p.chunkTokens);
      return tfidfMatrix(tokens, starts, cut.size, p.sublinearTf);
    });
    if (A.cols < 2) throw new Error(`LSA needs at least 2 documents; this corpus gives ${A.cols}. Use documents = chunks.`);
    ctx.log(`tf-idf matrix: ${A.rows} terms × ${A.cols} documents, ${nnz(A).toLocaleString('en-US')} entries`);
    const pool = new LinalgPool(threadsOf(p));
    try {
      const svd = await ctx.phase('svd', () =>
        randomizedSvd(pool, csrOperator(pool, A, transpose(A)), {
          rank: rankOf(p.dim, Math.min(A.rows, A.cols), A.rows <= A.cols ? 'terms' : 'documents'), oversample: p.oversample, iterations: p.powerIterations,
          seed: p.seed, signal: ctx.signal, onStep: stepProgress(ctx, 'svd'),
        }),
      );
      // Word vectors come from the term side only; there are no context vectors to add.
      const vectors = factorsToVectors(svd.U, null, svd.S, A.rows, svd.rank, { ...p, addContexts: false }, vocab.words.slice(0, cut.size), vocab.counts.slice(0, cut.size));
      return { vectors, series: { spectrum: Array.from(svd.S) }, metrics: { documents: A.cols, nnz: nnz(A) } };
    } finally {
      await pool.close();
    }
  },
});
