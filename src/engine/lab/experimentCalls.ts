/** The experiment calls: plan, start, list, get, resume, extend, cancel and remove, and the experiment job's events. */
import type { ExperimentSpec, GridValue } from '../../shared/types/experiments.js';
import type { EventName, EventPayloads, JobState, JobStateOf, ParsedInput } from '../../shared/contract.js';
import { LabError } from '../../shared/labError.js';
import type { Db } from '../store/db.js';
import { getCorpusSummary } from '../store/corpora.js';
import { endRun } from '../store/runs.js';
import { PROCESS_TOKEN } from '../base/processToken.js';
import {
  addCells, cellsOf, claimExperiment, endExperiment, getExperiment, insertExperiment, listExperiments, removeExperiment, type NewCell,
} from '../store/experiments.js';
import { cellIdentity, gridCells, methodById } from '../experiments/grid.js';
import { planCells, planContext, planExperiment } from '../experiments/plan.js';
import { experimentDetail, experimentSummary } from '../experiments/table.js';
import { parseParams } from '../methods/spec.js';
import type { CallHandlers, LabContext } from './context.js';

type ExperimentCalls =
  | 'experiment.plan' | 'experiment.start' | 'experiment.list' | 'experiment.get'
  | 'experiment.resume' | 'experiment.extend' | 'experiment.cancel' | 'experiment.remove';

/** The job running an experiment in this lab, if one is. */
function jobOf(lab: LabContext, id: number): JobStateOf<'experiment'> | null {
  const job = lab.jobs.list().find((j) => j.kind === 'experiment' && j.status === 'running' && j.subject?.experimentId === id);
  return (job as JobStateOf<'experiment'> | undefined) ?? null;
}

function startJob(lab: LabContext, id: number, name: string): JobStateOf<'experiment'> {
  lab.emit('changed', { what: 'experiments' });
  return lab.jobs.start({ kind: 'experiment', params: { experimentId: id } }, `Experiment ${name}`, { experimentId: id });
}

/** Every value list of `more` appended to `base`'s, without repeats. */
function mergeGrid(base: Record<string, GridValue[]>, more: Record<string, GridValue[]> = {}): Record<string, GridValue[]> {
  const out: Record<string, GridValue[]> = { ...base };
  for (const [k, values] of Object.entries(more)) out[k] = [...(out[k] ?? []), ...values.filter((v) => !(out[k] ?? []).includes(v))];
  return out;
}

function extendedSpec(spec: ExperimentSpec, more: ParsedInput<'experiment.extend'>): ExperimentSpec {
  const union = <T>(a: T[], b: T[] = []): T[] => [...a, ...b.filter((x) => !a.includes(x))];
  const methodGrid: ExperimentSpec['methodGrid'] = { ...spec.methodGrid };
  for (const [m, g] of Object.entries(more.methodGrid ?? {})) methodGrid[m] = mergeGrid(methodGrid[m] ?? {}, g);
  return { ...spec, corpora: union(spec.corpora, more.corpora), methods: union(spec.methods, more.methods), grid: mergeGrid(spec.grid, more.grid), methodGrid };
}

function defaultName(db: Db, spec: ExperimentSpec): string {
  const corpora = spec.corpora.map((id) => getCorpusSummary(db, id).name);
  return `${spec.methods.join(' + ')} on ${corpora.length > 2 ? `${corpora.length} corpora` : corpora.join(' and ')}`;
}

export function experimentCalls(lab: LabContext): Pick<CallHandlers, ExperimentCalls> {
  const running = (id: number): string => {
    const job = jobOf(lab, id);
    return `Experiment ${id} is running${job ? ` (job ${job.id})` : ' in another process'}`;
  };
  return {
    'experiment.plan': (spec) => planExperiment(lab.db, spec),
    'experiment.start': ({ name, ...spec }) => {
      const plan = planExperiment(lab.db, spec);
      const cells: NewCell[] = plan.cells.map((c) => ({ position: c.position, corpusId: c.corpusId, method: c.method, params: c.params }));
      const experimentName = name ?? defaultName(lab.db, spec);
      const id = insertExperiment(lab.db, experimentName, spec, cells);
      const job = startJob(lab, id, experimentName);
      return { experiment: experimentSummary(lab.db, getExperiment(lab.db, id), job.id), plan, job };
    },
    'experiment.list': () => listExperiments(lab.db).map((e) => experimentSummary(lab.db, e, jobOf(lab, e.id)?.id ?? null)),
    'experiment.get': ({ id }) => experimentDetail(lab.db, getExperiment(lab.db, id), jobOf(lab, id)?.id ?? null),
    'experiment.resume': ({ id }) => {
      const e = getExperiment(lab.db, id);
      if (e.status === 'running') throw new LabError(`${running(id)}; there is nothing to resume.`, 'conflict');
      const summary = experimentSummary(lab.db, e, null);
      if (summary.cellsDone === summary.cells) throw new LabError(`Every cell of experiment ${id} is done: there is nothing to resume. experiment.extend adds values.`, 'conflict');
      if (!claimExperiment(lab.db, id)) throw new LabError(`Experiment ${id} was resumed by another process a moment ago.`, 'conflict');
      return startJob(lab, id, e.name);
    },
    'experiment.extend': (input) => {
      const e = getExperiment(lab.db, input.id);
      if (e.status === 'running' && !input.dryRun) throw new LabError(`${running(input.id)}; cancel it (or let it finish) before extending it.`, 'conflict');
      const spec = extendedSpec(e.spec, input);
      const stored = cellsOf(lab.db, e.id);
      const have = new Set(stored.map((c) => cellIdentity(c.corpusId ?? 0, c.method, parseParams(methodById(c.method), c.params))));
      const fresh = gridCells(spec).filter((c) => !have.has(cellIdentity(c.corpusId, c.method.id, c.runParams)));
      if (fresh.length === 0) throw new LabError(`These values add no cell: every combination is already in experiment ${e.id}.`, 'invalid', 'grid');
      const first = stored.reduce((m, c) => Math.max(m, c.position + 1), 0);
      const cells = fresh.map((c, i) => ({ ...c, position: first + i }));
      const plan = planCells(cells, spec, planContext(lab.db, spec.corpora));
      if (input.dryRun) return { plan, job: null };
      addCells(lab.db, e.id, spec, cells.map((c) => ({ position: c.position, corpusId: c.corpusId, method: c.method.id, params: c.params })));
      if (!claimExperiment(lab.db, e.id)) throw new LabError(`${running(e.id)}; its new cells run when it is resumed.`, 'conflict');
      return { plan, job: startJob(lab, e.id, e.name) };
    },
    'experiment.cancel': ({ id }) => {
      getExperiment(lab.db, id);
      const job = jobOf(lab, id);
      if (!job) throw new LabError(`Experiment ${id} is not running in this lab${getExperiment(lab.db, id).status === 'running' ? ' (another process runs it: cancel it there)' : ''}.`, 'conflict');
      return lab.jobs.cancel(job.id) as JobStateOf<'experiment'>;
    },
    'experiment.remove': ({ id, runs }) => {
      const e = getExperiment(lab.db, id);
      if (e.status === 'running') throw new LabError(`${running(id)}; cancel it first.`, 'conflict');
      const runIds = cellsOf(lab.db, id).flatMap((c) => (c.runId === null ? [] : [c.runId]));
      const out = removeExperiment(lab.db, id, runs === 'remove');
      if (runs === 'remove') for (const r of runIds) lab.forgetVectors(r);
      lab.emit('changed', { what: 'experiments' });
      if (out.runsRemoved > 0) lab.emit('changed', { what: 'runs' });
      return out;
    },
  };
}

type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/**
 * The experiment job's side of the Lab's job events: a finished cell is news for the runs
 * and experiments views; and a job whose thread was terminated or died (it normally ends its
 * experiment and runs itself) leaves neither its experiment nor its current run 'running'.
 */
export function experimentJobEvents(db: Db, emit: Emit): (state: JobState) => void {
  const cellsDone = new Map<number, number>();
  return (state) => {
    if (state.kind !== 'experiment' || !state.subject?.experimentId) return;
    const id = state.subject.experimentId;
    if (state.status === 'running') {
      const done = state.progress.detail.cellsDone;
      if (done !== undefined && done !== cellsDone.get(state.id)) {
        cellsDone.set(state.id, done);
        emit('changed', { what: 'runs' });
        emit('changed', { what: 'experiments' });
      }
      return;
    }
    cellsDone.delete(state.id);
    const ended = state.status === 'cancelled' ? 'cancelled' : 'failed';
    for (const c of cellsOf(db, id)) if (c.runId !== null && c.runStatus === 'running') endRun(db, c.runId, ended, state.error ?? null);
    const owner = (db.prepare('SELECT owner FROM experiments WHERE id = ?').get(id) as { owner: string | null } | undefined)?.owner;
    if (owner === PROCESS_TOKEN) endExperiment(db, id, state.status === 'done' ? 'done' : ended, state.error ?? null);
    emit('changed', { what: 'experiments' });
  };
}
