/**
 * Imports a vector file as a run without a corpus (method 'imported'). The file is read completely
 * first; then the run row and its vectors are written in ONE transaction, so a malformed file, a cancel
 * or a crash leaves nothing in the database.
 */
import { PROCESS_TOKEN } from '../base/processToken.js';
import { basename, resolve } from 'node:path';
import { Cancelled } from '../base/errors.js';
import type { Db } from '../store/db.js';
import { finishRun } from '../store/runs.js';
import { DEFAULT_MAX_MATRIX_BYTES } from './collect.js';
import { describeModel, type FastTextModelInfo } from './fastText/header.js';
import type { SubwordLayout } from './fastTextBin.js';
import { importVectors } from './index.js';
import type { ImportRunResult } from '../../shared/types/vectors.js';
import { FORMAT_LABELS, type ImportOptions, type ReadFormat } from './types.js';

export type { ImportRunResult };

export const IMPORTED_METHOD = 'imported';

export interface ImportRunOptions extends Omit<ImportOptions, 'maxMatrixBytes' | 'subwordRows'> {
  /** The run's name; by default the file's name without its extensions. */
  name?: string;
  /** What params.source records, when the path is not what the user knows (an upload's temporary folder). */
  sourceLabel?: string;
}


export function defaultRunName(file: string): string {
  const b = basename(resolve(file)).replace(/\.gz$/i, '').replace(/\.(txt|vec|bin|tsv|npy|json|w2v|glove)$/i, '');
  return (b || basename(resolve(file)) || 'Imported vectors').slice(0, 200);
}

export async function importVectorsAsRun(db: Db, file: string, o: ImportRunOptions = {}): Promise<ImportRunResult> {
  const t0 = performance.now();
  const source = resolve(file);
  const v = await importVectors(source, { ...o, maxMatrixBytes: DEFAULT_MAX_MATRIX_BYTES });
  if (o.signal?.aborted) throw new Cancelled();
  const seconds = (performance.now() - t0) / 1000;
  const name = (o.name?.trim() || defaultRunName(o.sourceLabel ?? source)).slice(0, 200);
  const params: Record<string, unknown> = { source: o.sourceLabel ?? source, format: v.format };
  if (v.gzip) params.gzip = true;
  if (o.limit !== undefined) params.limit = o.limit;
  if (v.fastText) {
    // What the model is, and (subwords) where its n-gram rows are: a run from a subword model can give
    // vectors to words outside its vocabulary (fastText/unseenWords.ts) as long as that file is there.
    params.fastText = v.fastText.model;
    params.subwords = v.fastText.subwords;
  }
  const log = [
    `Imported ${v.words.length} words × ${v.dim} dimensions from ${v.files.join(' and ')} (${FORMAT_LABELS[v.format]}${v.gzip ? ', gzip' : ''}) in ${seconds.toFixed(2)} s.`,
    ...(v.fastText ? [`${describeModel(v.fastText.model)}.`] : []),
    ...v.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
  const runId = db.transaction((): number => {
    const info = db
      .prepare('INSERT INTO runs (name, corpus_id, method, params, status, created_at, owner_pid, owner) VALUES (?, NULL, ?, ?, ?, ?, ?, ?)')
      .run(name, IMPORTED_METHOD, JSON.stringify(params), 'running', new Date().toISOString(), process.pid, PROCESS_TOKEN);
    const id = Number(info.lastInsertRowid);
    // finishRun's own transaction nests as a savepoint inside this one.
    finishRun(db, id, {
      vectors: { words: v.words, counts: v.counts, dim: v.dim, W: v.W },
      series: {}, metrics: {}, phases: { read: seconds }, seconds, log,
    });
    return id;
  })();
  const fastText = v.fastText ? { model: v.fastText.model, description: describeModel(v.fastText.model), subwords: v.fastText.subwords } : undefined;
  return { runId, name, format: v.format, gzip: v.gzip, words: v.words.length, dim: v.dim, files: v.files, warnings: v.warnings, seconds, ...(fastText ? { fastText } : {}) };
}
