/** Co-occurrence tables cached per (corpus, window options), so the next run on them skips counting. */
import type { Db } from '../store/db.js';
import type { UpperCounts } from './count.js';
import { asBlob, float32FromBlob, float64FromBlob, uint32FromBlob } from '../store/blobs.js';

const ENTRIES_PER_CHUNK = 1 << 22;

export function loadCooc(db: Db, corpusId: number, key: string): UpperCounts | null {
  const head = db.prepare('SELECT id, vocab, nnz, row_ptr FROM cooc_cache WHERE corpus_id = ? AND key = ?').get(corpusId, key) as
    | { id: number; vocab: number; nnz: number; row_ptr: Buffer }
    | undefined;
  if (!head) return null;
  const cols = new Uint32Array(head.nnz);
  const vals = new Float32Array(head.nnz);
  let at = 0;
  for (const row of db.prepare('SELECT cols, vals FROM cooc_chunks WHERE cache_id = ? ORDER BY seq').iterate(head.id) as Iterable<{ cols: Buffer; vals: Buffer }>) {
    const c = uint32FromBlob(row.cols);
    cols.set(c, at);
    vals.set(float32FromBlob(row.vals), at);
    at += c.length;
  }
  if (at !== head.nnz) return null; // incomplete: treat as absent
  return { vocab: head.vocab, rowPtr: float64FromBlob(head.row_ptr), cols, vals };
}

export function saveCooc(db: Db, corpusId: number, key: string, u: UpperCounts): void {
  db.transaction(() => {
    db.prepare('DELETE FROM cooc_cache WHERE corpus_id = ? AND key = ?').run(corpusId, key);
    const info = db
      .prepare('INSERT INTO cooc_cache (corpus_id, key, vocab, nnz, created_at, row_ptr) VALUES (?, ?, ?, ?, ?, ?)')
      .run(corpusId, key, u.vocab, u.cols.length, new Date().toISOString(), asBlob(u.rowPtr));
    const id = Number(info.lastInsertRowid);
    const insert = db.prepare('INSERT INTO cooc_chunks (cache_id, seq, cols, vals) VALUES (?, ?, ?, ?)');
    for (let at = 0, seq = 0; at < u.cols.length; at += ENTRIES_PER_CHUNK, seq++) {
      insert.run(id, seq, asBlob(u.cols.subarray(at, at + ENTRIES_PER_CHUNK)), asBlob(u.vals.subarray(at, at + ENTRIES_PER_CHUNK)));
    }
  })();
}
