/**
 * The grid planner: expands {corpora × methods × per-method parameter grids} into cells
 * (grid.ts), groups the cells that share expensive work (sharing.ts), orders them so that
 * those run one after another, and estimates the time (estimate.ts), with the sharing and
 * as if the same runs were started one by one. experiment.plan answers this without storing
 * anything; experiment.start stores the cells and the runner follows the same order.
 */
import type { ExperimentPlan, ExperimentSpec, PlannedCell, SharingGroup } from '../../shared/types/experiments.js';
import type { RunSummary } from '../../shared/types/runs.js';
import { LabError } from '../../shared/labError.js';
import type { Db } from '../store/db.js';
import { getCorpusSummary } from '../store/corpora.js';
import { listRuns } from '../store/runs.js';
import { gridCells, type GridCell } from './grid.js';
import { analogyWorkload, sortEvalSets } from './evalSets.js';
import { linalgKernels } from '../kernels/registry.js';
import { countKeyOf, countLabel, countOptionsOf, ppmiKeyOf, ppmiLabel, svdKeyOf, svdLabel } from './sharing.js';
import { evalSeconds, historyOf, trainSeconds, type CorpusSize, type MethodHistory } from './estimate.js';

/** What the planner reads of the lab: the corpora's sizes, earlier runs, the count cache. */
export interface PlanContext {
  corpora: Map<number, CorpusSize & { name: string }>;
  runs: RunSummary[];
  /** `${corpusId} ${countKey}` of every table in the count cache. */
  cachedCounts: Set<string>;
}

export function planContext(db: Db, corpusIds: number[]): PlanContext {
  const corpora = new Map<number, CorpusSize & { name: string }>();
  corpusIds.forEach((id, i) => {
    try {
      const c = getCorpusSummary(db, id);
      corpora.set(id, { name: c.name, tokens: c.tokens, types: c.typesAtMinCount });
    } catch (e) {
      throw new LabError(`corpora.${i}: ${(e as Error).message}`, 'invalid', `corpora.${i}`);
    }
  });
  const cachedCounts = new Set(
    (db.prepare('SELECT corpus_id, key FROM cooc_cache').all() as { corpus_id: number; key: string }[]).map((r) => `${r.corpus_id} ${r.key}`),
  );
  return { corpora, runs: listRuns(db), cachedCounts };
}

interface Keyed {
  cell: GridCell;
  count: string | null;
  ppmi: string | null;
  svd: string | null;
}

/** Groups of cells by one key; a group per distinct key, in order of first appearance. */
function groupBy(cells: Keyed[], key: (k: Keyed) => string | null, make: (k: Keyed) => Omit<SharingGroup, 'cells'>): { groups: SharingGroup[]; index: Map<string, number> } {
  const groups: SharingGroup[] = [];
  const index = new Map<string, number>();
  for (const k of cells) {
    const id = key(k);
    if (id === null) continue;
    if (!index.has(id)) {
      index.set(id, groups.length);
      groups.push({ ...make(k), cells: [] });
    }
    groups[index.get(id)!].cells.push(k.cell.position);
  }
  return { groups, index };
}

/** The keys of the work a cell can share. */
function keyedOf(cell: GridCell): Keyed {
  const count = countKeyOf(cell.method.id, cell.runParams);
  return {
    cell, count: count === null ? null : `${cell.corpusId} ${count}`,
    ppmi: ppmiKeyOf(cell.corpusId, cell.method.id, cell.runParams), svd: svdKeyOf(cell.corpusId, cell.method.id, cell.runParams),
  };
}

/** The order in which the runner takes cells, so that those sharing work follow each other. */
export function orderForSharing(cells: GridCell[], corpora: number[]): GridCell[] {
  return runOrder(cells.map(keyedOf), corpora).map((k) => k.cell);
}

/**
 * Cells that share work run together: by corpus, then counts, matrix and SVD, the largest d of an
 * SVD first (it computes the factors the smaller ones take); the rest in grid order.
 */
function runOrder(keyed: Keyed[], corpora: number[]): Keyed[] {
  const rank = (k: Keyed): (string | number)[] => [
    corpora.indexOf(k.cell.corpusId), k.count === null ? 1 : 0, k.count ?? '', k.ppmi ?? '', k.svd ?? '',
    k.svd === null ? 0 : -(k.cell.runParams.dim as number), k.cell.position,
  ];
  return [...keyed].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] < rb[i] ? -1 : 1;
    return 0;
  });
}

/** The plan of some cells (a new grid, or the cells an extension adds). */
export function planCells(cells: GridCell[], spec: Pick<ExperimentSpec, 'corpora' | 'eval' | 'restrict' | 'analogyMethods'>, ctx: PlanContext): ExperimentPlan {
  const evalSets = sortEvalSets(spec.eval);
  const workloads = evalSets.analogy.map(analogyWorkload);
  const analogyWork = { questions: workloads.reduce((s, w) => s + w.questions, 0), queryWords: workloads.reduce((s, w) => s + w.queryWords, 0) };
  const nativeKernels = linalgKernels().name === 'native';
  const keyed = cells.map(keyedOf);
  const counts = groupBy(keyed, (k) => k.count, (k) => ({
    kind: 'counts', corpusId: k.cell.corpusId, label: countLabel(countOptionsOf(k.cell.method.id, k.cell.runParams)!), cached: ctx.cachedCounts.has(k.count!),
  }));
  const ppmi = groupBy(keyed, (k) => k.ppmi, (k) => ({ kind: 'ppmi', corpusId: k.cell.corpusId, label: ppmiLabel(k.cell.runParams) }));
  const dimsOf = new Map<string, number[]>();
  for (const k of keyed) if (k.svd !== null) dimsOf.set(k.svd, [...(dimsOf.get(k.svd) ?? []), k.cell.runParams.dim as number]);
  const svds = groupBy(keyed, (k) => k.svd, (k) => ({ kind: 'svd', corpusId: k.cell.corpusId, label: svdLabel(k.cell.runParams, dimsOf.get(k.svd!)!) }));

  const histories = new Map<string, MethodHistory>();
  const historyFor = (c: GridCell): MethodHistory => {
    const key = `${c.corpusId} ${c.method.id}`;
    if (!histories.has(key)) histories.set(key, historyOf(ctx.runs, c.corpusId, c.method.id));
    return histories.get(key)!;
  };
  const counted = new Set(ctx.cachedCounts);
  const factorised = new Set<string>();
  const planned: PlannedCell[] = [];
  let seconds = 0, oneByOne = 0, evalTotal = 0;
  const bases = new Set<string>();
  runOrder(keyed, spec.corpora).forEach((k, order) => {
    const c = k.cell;
    const corpus = ctx.corpora.get(c.corpusId)!;
    const count = k.count !== null && !counted.has(k.count);
    const derived = k.svd !== null && factorised.has(k.svd);
    if (k.count !== null) counted.add(k.count);
    if (k.svd !== null) factorised.add(k.svd);
    const shared = trainSeconds(c.method.id, c.runParams, corpus, { count, factorise: !derived }, historyFor(c));
    const alone = derived ? trainSeconds(c.method.id, c.runParams, corpus, { count, factorise: true }, historyFor(c)) : shared;
    const evaluation = analogyWork.questions + evalSets.similarity.length > 0 ? evalSeconds(c.runParams, corpus, analogyWork, spec.restrict, spec.analogyMethods.length, nativeKernels) : 0;
    seconds += shared.seconds + evaluation;
    oneByOne += alone.seconds + evaluation;
    evalTotal += evaluation;
    bases.add(shared.basis);
    planned.push({
      position: c.position, order, corpusId: c.corpusId, corpusName: corpus.name, method: c.method.id, methodLabel: c.method.label,
      params: c.params, runParams: c.runParams,
      countGroup: k.count === null ? null : counts.index.get(k.count)!, svdGroup: k.svd === null ? null : svds.index.get(k.svd)!,
      derived, estimateSeconds: shared.seconds + evaluation, estimateBasis: shared.basis,
    });
  });
  planned.sort((a, b) => a.position - b.position);
  const byMethod: Record<string, number> = {};
  for (const c of planned) byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
  return {
    cells: planned, count: planned.length, byMethod,
    sharing: { counts: counts.groups, ppmi: ppmi.groups, svds: svds.groups },
    estimate: { seconds, oneByOneSeconds: oneByOne, evalSeconds: evalTotal, basis: bases.size > 1 ? 'mixed' : bases.has('history') ? 'history' : 'rate' },
    eval: { ...evalSets, restrict: spec.restrict, methods: spec.analogyMethods },
  };
}

/** experiment.plan: a whole grid, checked against the methods' specs and the lab's corpora. */
export function planExperiment(db: Db, spec: ExperimentSpec): ExperimentPlan {
  const cells = gridCells(spec);
  return planCells(cells, spec, planContext(db, spec.corpora));
}
