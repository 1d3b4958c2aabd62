/**
 * Training checkpoints: what a run needs to continue after its process died. A method
 * saves its counters (JSON) and its arrays (W, C, AdaGrad sums …) at least once per epoch;
 * the save replaces the previous checkpoint in one transaction, so a kill leaves either
 * the old one or the new one, never a mixture.
 */
import type { Db } from './db.js';
import { asBlob } from './blobs.js';

export type CheckpointArray = Float32Array | Float64Array | Uint32Array;

export interface Checkpoint<S = Record<string, unknown>> {
  savedAt: string;
  /** Where the run stood, for people ("epoch 3 of 5, 41% of its words"). */
  progress: string;
  state: S;
  /** The stored arrays' names. */
  names: string[];
  /**
   * Copies the stored array `name` into `into` (which the method allocates, shared or not), so
   * that a resumed run holds each array once; throws if it is missing or of another type or size.
   */
  fill(name: string, into: CheckpointArray): void;
}

/**
 * A checkpoint is saved while training holds all its memory, so what the save holds adds to the run's
 * peak. Two things did: SQLite's page cache, which better-sqlite3 lets grow to 16 MB and a 46 MB write
 * fills, and each piece's copies (the bound blob, SQLite's record). With the cache held to 2 MB during
 * the save and 1 MiB pieces, SGNS on the medium corpus peaks as it does without checkpoints (was +19 MB).
 */
const PIECE_BYTES = 1 << 20;
const SAVE_CACHE_KIB = 2000;

const dtypeOf = (a: CheckpointArray): 'f32' | 'f64' | 'u32' => (a instanceof Float32Array ? 'f32' : a instanceof Float64Array ? 'f64' : 'u32');

export function saveCheckpoint(db: Db, runId: number, progress: string, state: object, arrays: Record<string, CheckpointArray>): void {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${SAVE_CACHE_KIB}`);
  try {
    writeCheckpoint(db, runId, progress, state, arrays);
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

function writeCheckpoint(db: Db, runId: number, progress: string, state: object, arrays: Record<string, CheckpointArray>): void {
  const insert = db.prepare('INSERT INTO run_checkpoint_chunks (run_id, name, dtype, seq, data) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM run_checkpoints WHERE run_id = ?').run(runId);
    db.prepare('INSERT INTO run_checkpoints (run_id, saved_at, progress, state) VALUES (?, ?, ?, ?)').run(runId, new Date().toISOString(), progress, JSON.stringify(state));
    for (const [name, a] of Object.entries(arrays)) {
      const bytes = asBlob(a);
      const piece = PIECE_BYTES - (PIECE_BYTES % a.BYTES_PER_ELEMENT);
      for (let at = 0, seq = 0; at < bytes.length || seq === 0; at += piece, seq++) insert.run(runId, name, dtypeOf(a), seq, bytes.subarray(at, at + piece));
    }
  })();
}

/** The run's last checkpoint, or null. */
export function readCheckpoint<S = Record<string, unknown>>(db: Db, runId: number): Checkpoint<S> | null {
  const row = db.prepare('SELECT saved_at, progress, state FROM run_checkpoints WHERE run_id = ?').get(runId) as { saved_at: string; progress: string; state: string } | undefined;
  if (!row) return null;
  const names = (db.prepare('SELECT DISTINCT name FROM run_checkpoint_chunks WHERE run_id = ? ORDER BY name').all(runId) as { name: string }[]).map((r) => r.name);
  const pieces = db.prepare('SELECT dtype, data FROM run_checkpoint_chunks WHERE run_id = ? AND name = ? ORDER BY seq');
  return {
    savedAt: row.saved_at, progress: row.progress, state: JSON.parse(row.state) as S, names,
    fill(name, into) {
      const target = new Uint8Array(into.buffer, into.byteOffset, into.byteLength);
      let at = 0;
      for (const p of pieces.iterate(runId, name) as Iterable<{ dtype: string; data: Buffer }>) {
        if (p.dtype !== dtypeOf(into) || at + p.data.length > target.length) throw new Error(`Run ${runId}'s checkpoint: ${name} does not match this run (${p.dtype}, more than ${into.length} values).`);
        target.set(p.data, at);
        at += p.data.length;
      }
      if (at !== target.length) throw new Error(`Run ${runId}'s checkpoint: ${name} holds ${at} bytes, the run needs ${target.length}.`);
    },
  };
}

/** When and where the run's last checkpoint was taken, without its arrays. */
export function checkpointInfo(db: Db, runId: number): { savedAt: string; progress: string } | null {
  const row = db.prepare('SELECT saved_at, progress FROM run_checkpoints WHERE run_id = ?').get(runId) as { saved_at: string; progress: string } | undefined;
  return row ? { savedAt: row.saved_at, progress: row.progress } : null;
}

export function dropCheckpoint(db: Db, runId: number): void {
  db.prepare('DELETE FROM run_checkpoints WHERE run_id = ?').run(runId);
}
