/** vectors.query: one of gensim's queries, as the contract states it, answered on a run's vectors. */
import type { ParsedInput, VectorQueryAnswer } from '../../shared/contract.js';
import type { KeyedVectors } from './keyedVectors.js';
import type { LinalgKernels } from '../kernels/linalgKernels.js';
import { doesntMatch, mostSimilar, mostSimilarCosmul, nSimilarity, similarity } from './gensimQueries.js';

export function answerQuery(kv: KeyedVectors, q: ParsedInput<'vectors.query'>, kernels: LinalgKernels): VectorQueryAnswer {
  const { runId } = q;
  switch (q.query) {
    case 'most_similar': {
      const method = q.method ?? '3cosadd';
      const topn = q.topn ?? 10;
      const answers = method === '3cosmul'
        ? mostSimilarCosmul(kv, q.positive, q.negative, topn, kernels)
        : mostSimilar(kv, q.positive, q.negative, topn, kernels, q.restrict);
      return { query: q.query, runId, method, answers };
    }
    case 'doesnt_match':
      return { query: q.query, runId, ...doesntMatch(kv, q.words) };
    case 'similarity':
      return { query: q.query, runId, similarity: similarity(kv, q.a, q.b) };
    case 'n_similarity':
      return { query: q.query, runId, ...nSimilarity(kv, q.ws1, q.ws2) };
  }
}
