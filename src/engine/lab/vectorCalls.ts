/** Queries on a run's vectors, evaluation, comparison, projections and clusters. */
import { getRunDetail, getRunSummary } from '../store/runs.js';
import type { SubwordLayout } from '../../shared/contract.js';
import { unseenWordNeighbors, unseenWordVector } from '../formats/fastText/unseenNeighbors.js';
import { LabError } from '../../shared/labError.js';
import { loadEvals } from '../store/evals.js';
import { defaultEval } from '../eval/evaluateRun.js';
import { loadAnalogies } from '../eval/datasets.js';
import { compareRuns } from '../eval/compare.js';
import { neighborsOf, solveAnalogy } from '../vectors/queries.js';
import { answerQuery } from '../vectors/answerQuery.js';
import { linalgKernels } from '../kernels/registry.js';
import { ProjectionService } from './projectionService.js';
import { finishedRun } from './runCalls.js';
import type { CallHandlers, LabContext } from './context.js';

type VectorCalls =
  | 'eval.start' | 'eval.get' | 'eval.questions' | 'vectors.neighbors' | 'vectors.analogy' | 'vectors.query' | 'pair.explain' | 'run.compare'
  | 'projection.start' | 'projection.get' | 'projection.list' | 'vectors.cluster' | 'cluster.get';

export function vectorCalls(lab: LabContext): Pick<CallHandlers, VectorCalls> {
  // Projections and clusterings, kept in memory per lab (projection/service.ts).
  const projections = new ProjectionService(lab);
  return {
    'eval.start': ({ runId, analogy, similarity, restrict, methods }) => {
      const run = finishedRun(lab, runId, 'evaluate');
      const params = { runId, analogy: analogy ?? defaultEval.analogy, similarity: similarity ?? defaultEval.similarity, restrict: restrict ?? defaultEval.restrict, methods: methods ?? defaultEval.methods };
      return lab.jobs.start({ kind: 'eval', params }, `Evaluate ${run.name}`, { runId });
    },
    'eval.get': ({ runId }) => {
      getRunSummary(lab.db, runId);
      return loadEvals(lab.db, runId);
    },
    'eval.questions': ({ set }) => {
      const { name, questions } = loadAnalogies(set);
      const counts = new Map<string, number>();
      for (const q of questions) counts.set(q.section, (counts.get(q.section) ?? 0) + 1);
      return {
        name,
        sections: [...counts].map(([section, count]) => ({ name: section, count })),
        questions: questions.map((q) => ({ section: q.section, a: q.words[0], b: q.words[1], c: q.words[2], d: q.words[3], line: q.line })),
      };
    },
    'vectors.neighbors': async ({ runId, word, k }) => {
      const kv = lab.vectors(runId);
      if (kv.indexOf(word) !== undefined) return { runId, word, neighbors: neighborsOf(kv, word, k ?? 10, linalgKernels()) };
      // A run from a fastText model gives unseen words a vector from their character n-grams.
      const subwords = getRunDetail(lab.db, runId).params.subwords as SubwordLayout | null | undefined;
      if (!subwords) return { runId, word, neighbors: neighborsOf(kv, word, k ?? 10, linalgKernels()) };
      return { runId, word, outOfVocabulary: true, neighbors: await unseenWordNeighbors(kv, subwords, word, k ?? 10, linalgKernels()) };
    },
    'vectors.analogy': ({ runIds, a, b, c, k }) => Promise.all(runIds.map(async (id) => {
      const kv = lab.vectors(id);
      const unseen = new Map<string, Float32Array>();
      const outside = [...new Set([a, b, c])].filter((w) => kv.indexOf(w) === undefined);
      const subwords = outside.length ? (getRunDetail(lab.db, id).params.subwords as SubwordLayout | null | undefined) : null;
      for (const w of subwords ? outside : []) {
        try {
          unseen.set(w, await unseenWordVector(subwords!, w));
        } catch (e) {
          if (!(e instanceof LabError && e.code === 'not-found')) throw e; // no n-gram of it has a vector: it stays missing
        }
      }
      return solveAnalogy(id, kv, a, b, c, k ?? 10, linalgKernels(), unseen);
    })),
    'vectors.query': (q) => answerQuery(lab.vectors(q.runId), q, linalgKernels()),
    'pair.explain': ({ runIds, w, c, contexts, topn }) => {
      for (const id of runIds) finishedRun(lab, id, 'explain');
      return lab.jobs.start({ kind: 'explain', params: { runIds, w, c, contexts: contexts ?? 5, topn: topn ?? 10 } }, `Explain ${w} · ${c}`, { runId: runIds[0] });
    },
    'run.compare': ({ a, b, k, probes }) => {
      const result = compareRuns(lab.vectors(a), lab.vectors(b), linalgKernels(), { k, probes });
      return { ...result, a: getRunSummary(lab.db, a), b: getRunSummary(lab.db, b), evalA: loadEvals(lab.db, a), evalB: loadEvals(lab.db, b) };
    },
    'projection.start': (spec) => projections.start(spec),
    'projection.get': ({ id }) => projections.get(id),
    'projection.list': ({ runId }) => projections.list(runId),
    'vectors.cluster': (spec) => projections.cluster(spec),
    'cluster.get': ({ id }) => projections.getCluster(id),
  };
}
