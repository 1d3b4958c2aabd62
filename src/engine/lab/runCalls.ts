/** The run calls: methods, training, listing, removal, export and import of vectors. */
import { resolve } from 'node:path';
import { LabError } from '../../shared/labError.js';
import { getCorpusSummary } from '../store/corpora.js';
import { createRun, getRunDetail, getRunSummary, listRuns, removeRun, renameRun, reopenRun, RESUMABLE } from '../store/runs.js';
import { methodById, methods } from '../methods/registry.js';
import { methodInfo, parseParams } from '../methods/spec.js';
import { sourcePath } from './corpusCalls.js';
import type { CallHandlers, LabContext } from './context.js';

type RunCalls = 'method.list' | 'run.start' | 'run.resume' | 'run.list' | 'run.get' | 'run.remove' | 'run.rename' | 'run.export' | 'vectors.import';

/** A finished run, or LabError('conflict') saying what it is instead. */
export function finishedRun(lab: LabContext, runId: number, purpose: string) {
  const run = getRunSummary(lab.db, runId);
  if (run.status !== 'done') throw new LabError(`Run ${runId} is ${run.status}: only finished runs have vectors to ${purpose}.`, 'conflict');
  return run;
}

export function runCalls(lab: LabContext): Pick<CallHandlers, RunCalls> {
  return {
    'method.list': () => methods.map(methodInfo),
    'run.start': ({ corpusId, method, params, name }) => {
      const spec = methodById(method);
      const corpus = getCorpusSummary(lab.db, corpusId);
      const parsed = parseParams(spec, params);
      const runName = name ?? `${spec.label} d=${parsed.dim ?? '?'} on ${corpus.name}`;
      const runId = createRun(lab.db, { name: runName, corpusId, method: spec.id, params: parsed });
      lab.emit('changed', { what: 'runs' });
      return lab.jobs.start({ kind: 'train', params: { runId } }, `Train ${runName}`, { runId });
    },
    'run.resume': ({ id }) => {
      const run = getRunSummary(lab.db, id);
      if (run.method === 'imported') throw new LabError(`Run ${id} was imported from a file, not trained here: there is nothing to resume.`, 'conflict');
      if (!RESUMABLE.includes(run.status)) throw new LabError(notResumable(id, run.status, run.error), 'conflict');
      if (run.corpusId === null) throw new LabError(`Run ${id}'s corpus was removed, so it cannot train further.`, 'conflict');
      if (!reopenRun(lab.db, id)) throw new LabError(`Run ${id} was resumed by another process a moment ago.`, 'conflict');
      lab.emit('changed', { what: 'runs' });
      return lab.jobs.start({ kind: 'train', params: { runId: id, resume: true } }, `Resume ${run.name}`, { runId: id });
    },
    'run.list': ({ corpusId }) => listRuns(lab.db, corpusId),
    'run.get': ({ id }) => getRunDetail(lab.db, id),
    'run.remove': ({ id }) => {
      const run = getRunSummary(lab.db, id);
      if (run.status === 'running') throw new LabError(`Run ${id} is still running; cancel it first.`, 'conflict');
      const removed = removeRun(lab.db, id);
      lab.forgetVectors(id);
      lab.emit('changed', { what: 'runs' });
      return { removed };
    },
    'run.rename': ({ id, name }) => {
      renameRun(lab.db, id, name);
      lab.emit('changed', { what: 'runs' });
      return getRunSummary(lab.db, id);
    },
    'run.export': ({ id, out, ...options }) => {
      const run = finishedRun(lab, id, 'export');
      return lab.jobs.start({ kind: 'export', params: { runId: id, options: { ...options, out: resolve(out) } } }, `Export ${run.name} as ${options.format}`, { runId: id });
    },
    'vectors.import': ({ source, format, name, limit }) => {
      const { path: file } = sourcePath(source);
      const sourceLabel = source.kind === 'path' ? source.label : undefined;
      return lab.jobs.start({ kind: 'import', params: { file, format, name, limit, sourceLabel } }, `Import ${name ?? sourceLabel ?? file}`);
    },
  };
}

function notResumable(id: number, status: string, error: string | null): string {
  if (status === 'done') return `Run ${id} has finished: there is nothing to resume. Start a new run (its parameters can be copied) to train longer.`;
  if (status === 'running') return `Run ${id} is still running; only an interrupted or cancelled run can be resumed.`;
  return `Run ${id} failed${error ? ` (${error})` : ''}; resuming it would fail again. Start a new run instead.`;
}
