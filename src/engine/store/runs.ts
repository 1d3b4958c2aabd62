/**
 * Run rows. A run is inserted as 'running' when it starts; its vectors, series
 * and final status are written in one transaction when it ends. A run whose
 * process died stays 'running' until the next start marks it 'interrupted'.
 */
import type { RunDetail, RunStatus, RunSummary } from '../../shared/contract.js';
import { ownerAlive, PROCESS_TOKEN } from '../base/processToken.js';
import { LabError } from '../../shared/labError.js';
import type { Db } from './db.js';
import { asBlob, float32FromBlob, uint32FromBlob } from './blobs.js';
import type { TrainedVectors } from '../vectors/trainedVectors.js';

export interface RunOutcome {
  vectors: TrainedVectors;
  series: Record<string, number[] | [number, number][]>;
  metrics: Record<string, number>;
  phases: Record<string, number>;
  seconds: number;
  log: string;
}

interface RunRow {
  id: number;
  name: string;
  corpus_id: number | null;
  corpus_name: string | null;
  method: string;
  params: string;
  status: RunStatus;
  created_at: string;
  finished_at: string | null;
  seconds: number | null;
  owner_pid: number | null;
  error: string | null;
  log: string;
  phases: string;
  metrics: string;
  dim: number | null;
  vocab: number | null;
  checkpoint_saved_at: string | null;
  checkpoint_progress: string | null;
}

const SELECT = `SELECT r.*, c.name AS corpus_name, k.saved_at AS checkpoint_saved_at, k.progress AS checkpoint_progress
  FROM runs r LEFT JOIN corpora c ON c.id = r.corpus_id LEFT JOIN run_checkpoints k ON k.run_id = r.id`;

function toSummary(r: RunRow): RunSummary {
  return {
    id: r.id, name: r.name, corpusId: r.corpus_id, corpusName: r.corpus_name, method: r.method,
    params: JSON.parse(r.params), status: r.status, createdAt: r.created_at, finishedAt: r.finished_at,
    seconds: r.seconds, dim: r.dim, vocab: r.vocab, phases: JSON.parse(r.phases), metrics: JSON.parse(r.metrics), error: r.error,
    checkpoint: r.checkpoint_saved_at !== null ? { savedAt: r.checkpoint_saved_at, progress: r.checkpoint_progress ?? '' } : null,
  };
}

export function createRun(db: Db, r: { name: string; corpusId: number; method: string; params: Record<string, unknown> }): number {
  const info = db
    .prepare('INSERT INTO runs (name, corpus_id, method, params, status, created_at, owner_pid, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(r.name, r.corpusId, r.method, JSON.stringify(r.params), 'running', new Date().toISOString(), process.pid, PROCESS_TOKEN);
  return Number(info.lastInsertRowid);
}

export function getRunSummary(db: Db, id: number): RunSummary {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RunRow | undefined;
  if (!row) throw new LabError(`There is no run with id ${id}.`, 'not-found');
  return toSummary(row);
}

export function listRuns(db: Db, corpusId?: number): RunSummary[] {
  const rows = (corpusId === undefined
    ? db.prepare(`${SELECT} ORDER BY r.id`).all()
    : db.prepare(`${SELECT} WHERE r.corpus_id = ? ORDER BY r.id`).all(corpusId)) as RunRow[];
  return rows.map(toSummary);
}

export function getRunDetail(db: Db, id: number): RunDetail {
  const summary = getRunSummary(db, id);
  const log = (db.prepare('SELECT log FROM runs WHERE id = ?').get(id) as { log: string }).log;
  const series: RunDetail['series'] = {};
  for (const row of db.prepare('SELECT name, data FROM run_series WHERE run_id = ? ORDER BY name').all(id) as { name: string; data: string }[]) {
    series[row.name] = JSON.parse(row.data);
  }
  return { ...summary, series, log };
}

export function finishRun(db: Db, id: number, o: RunOutcome): void {
  const v = o.vectors;
  db.transaction(() => {
    db.prepare("INSERT INTO run_vectors (run_id, words, counts, dim, w, c) VALUES (?, ?, ?, ?, X'', NULL)").run(
      id, v.words.join('\n'), asBlob(v.counts), v.dim,
    );
    writeMatrix(db, id, 'w', v.W);
    if (v.C) writeMatrix(db, id, 'c', v.C);
    const series = db.prepare('INSERT INTO run_series (run_id, name, data) VALUES (?, ?, ?)');
    for (const [name, data] of Object.entries(o.series)) series.run(id, name, JSON.stringify(data));
    db.prepare('DELETE FROM run_checkpoints WHERE run_id = ?').run(id);
    db.prepare(
      `UPDATE runs SET status = 'done', finished_at = ?, seconds = ?, phases = ?, metrics = ?, dim = ?, vocab = ?, log = ?, owner_pid = NULL, owner = NULL WHERE id = ?`,
    ).run(new Date().toISOString(), o.seconds, JSON.stringify(o.phases), JSON.stringify(o.metrics), v.dim, v.words.length, o.log, id);
  })();
}

/**
 * Ends a run that produced nothing; only a run still 'running' changes. An interrupted or
 * cancelled run keeps its last checkpoint (run.resume continues from it); a failed one does not.
 */
export function endRun(
  db: Db, id: number, status: Exclude<RunStatus, 'running' | 'done'>, error: string | null, log?: string, phases?: Record<string, number>,
): void {
  db.transaction(() => {
    const changed = db.prepare(
      `UPDATE runs SET status = ?, error = ?, finished_at = ?, owner_pid = NULL, owner = NULL, log = COALESCE(?, log), phases = COALESCE(?, phases)
       WHERE id = ? AND status = 'running'`,
    ).run(status, error, new Date().toISOString(), log ?? null, phases ? JSON.stringify(phases) : null, id).changes;
    if (changed > 0 && status === 'failed') db.prepare('DELETE FROM run_checkpoints WHERE run_id = ?').run(id);
  })();
}

/** Statuses from which a run can be resumed. */
export const RESUMABLE: readonly RunStatus[] = ['interrupted', 'cancelled'];

/** Takes an interrupted or cancelled run back to 'running', owned by this process; false if it was not resumable (any more). */
export function reopenRun(db: Db, id: number): boolean {
  return db.prepare(
    `UPDATE runs SET status = 'running', error = NULL, finished_at = NULL, owner_pid = ?, owner = ?
     WHERE id = ? AND status IN ('interrupted', 'cancelled')`,
  ).run(process.pid, PROCESS_TOKEN, id).changes > 0;
}

/**
 * Marks as interrupted every running run whose process is gone (crash, kill, power loss),
 * and, with `ownRunsToo`, the runs of this process as well: a lab file opened for the
 * first time in this process (a restored backup, say) has no job of ours behind them.
 */
export function markInterruptedRuns(db: Db, ownRunsToo = false): number {
  const rows = db.prepare(`SELECT id, owner FROM runs WHERE status = 'running'`).all() as { id: number; owner: string | null }[];
  let n = 0;
  for (const r of rows) {
    if (r.owner !== null && (r.owner === PROCESS_TOKEN ? !ownRunsToo : ownerAlive(r.owner))) continue;
    endRun(db, r.id, 'interrupted', 'The process running it stopped before it finished (crash, kill or power loss).');
    n++;
  }
  return n;
}

export function removeRun(db: Db, id: number): boolean {
  return db.transaction(() => db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0)();
}

export function renameRun(db: Db, id: number, name: string): void {
  if (db.prepare('UPDATE runs SET name = ? WHERE id = ?').run(name, id).changes === 0) throw new LabError(`There is no run with id ${id}.`, 'not-found');
}

export function readRunVectors(db: Db, id: number): TrainedVectors {
  const row = db.prepare('SELECT words, counts, dim, length(w) AS wBytes, c IS NOT NULL AS hasC FROM run_vectors WHERE run_id = ?').get(id) as
    | { words: string; counts: Buffer; dim: number; wBytes: number; hasC: number }
    | undefined;
  if (!row) throw new LabError(`Run ${id} has no vectors (it has not finished).`, 'not-found');
  const counts = uint32FromBlob(row.counts);
  const words = counts.length ? row.words.split('\n') : [];
  if (row.wBytes > 0) {
    // Written before schema 5: whole matrices in the row.
    const legacy = db.prepare('SELECT w, c FROM run_vectors WHERE run_id = ?').get(id) as { w: Buffer; c: Buffer | null };
    return { words, counts, dim: row.dim, W: float32FromBlob(legacy.w), C: legacy.c ? float32FromBlob(legacy.c) : undefined };
  }
  const size = counts.length * row.dim;
  const W = readMatrix(db, id, 'w', size);
  if (!W) throw new Error(`Run ${id}: its vectors are missing from the lab file.`);
  return { words, counts, dim: row.dim, W, C: readMatrix(db, id, 'c', size) ?? undefined };
}

/** Floats per stored piece of a matrix (4 MiB). */
const MATRIX_CHUNK = 1 << 20;

function writeMatrix(db: Db, runId: number, matrix: 'w' | 'c', M: Float32Array): void {
  const insert = db.prepare('INSERT INTO run_matrix_chunks (run_id, matrix, seq, data) VALUES (?, ?, ?, ?)');
  for (let at = 0, seq = 0; at < M.length || seq === 0; at += MATRIX_CHUNK, seq++) {
    insert.run(runId, matrix, seq, asBlob(M.subarray(at, Math.min(M.length, at + MATRIX_CHUNK))));
  }
}

/** A stored matrix of `size` floats, or null when the run has none of that name. */
function readMatrix(db: Db, runId: number, matrix: 'w' | 'c', size: number): Float32Array | null {
  if (!db.prepare('SELECT 1 FROM run_matrix_chunks WHERE run_id = ? AND matrix = ? LIMIT 1').get(runId, matrix)) return null;
  const out = new Float32Array(size);
  const bytes = new Uint8Array(out.buffer);
  let at = 0;
  for (const r of db.prepare('SELECT data FROM run_matrix_chunks WHERE run_id = ? AND matrix = ? ORDER BY seq').iterate(runId, matrix) as Iterable<{ data: Buffer }>) {
    if (at + r.data.length > bytes.length) throw new Error(`Run ${runId}: matrix ${matrix} holds more than ${size} floats.`);
    bytes.set(r.data, at);
    at += r.data.length;
  }
  if (at !== bytes.length) throw new Error(`Run ${runId}: matrix ${matrix} holds ${at / 4} floats, not ${size}.`);
  return out;
}
