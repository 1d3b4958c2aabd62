/**
 * Corpus rows: a corpus is stored whole in one transaction, or not at all.
 */
import type { CorpusDetail, CorpusFile, CorpusSummary, SkippedFile } from '../../shared/contract.js';
import { LabError } from '../../shared/labError.js';
import type { Db } from './db.js';
import { decodeVarints, encodeVarints } from '../base/varint.js';
import { asBlob, uint32FromBlob } from './blobs.js';

import { TOKENS_PER_CHUNK } from './chunkLayout.js';
import type { ChunkAssembler } from './chunkAssembler.js';

export { TOKENS_PER_CHUNK };

export interface StoredFile extends CorpusFile {
  firstToken: number;
  sha1: string;
}

export interface NewCorpus {
  name: string;
  source: string;
  minCount: number;
  lowercase: boolean;
  ingestSeconds: number;
  synthetic?: boolean;
  files: StoredFile[];
  skipped: SkippedFile[];
  /** Words in id order (ids are frequency ranks) and their counts. */
  words: string[];
  counts: Uint32Array;
  /** The token stream, as consecutive pieces (for example one per file). */
  pieces: Uint32Array[];
  /** Sorted token offsets where a paragraph or document starts. */
  breaks: Uint32Array;
}

/**
 * One stored chunk, already varint-encoded: chunk `seq` holds tokens
 * [seq·TOKENS_PER_CHUNK, seq·TOKENS_PER_CHUNK + count), every chunk but the last full.
 */
export interface EncodedChunk {
  seq: number;
  count: number;
  bytes: Uint8Array;
}

const fromBlob = uint32FromBlob;

export function insertCorpus(db: Db, c: NewCorpus): number {
  const tokens = c.pieces.reduce((s, p) => s + p.length, 0);
  return db.transaction(() => {
    const id = insertCorpusRows(db, c, tokens);
    writeChunks(db, id, c.pieces);
    return id;
  })();
}

/**
 * Like insertCorpus, for a token stream still being encoded: everything else is
 * written first, then each chunk as the assembler completes it, all inside one
 * transaction (nothing is visible until it commits; a failure or a kill leaves no
 * partial corpus). Other connections wait (busy_timeout) to write until it commits.
 * `encoded` settles once every thread has sent its last segment.
 */
export async function insertCorpusAsChunksArrive(
  db: Db, c: Omit<NewCorpus, 'pieces'>, tokens: number, assembler: ChunkAssembler, encoded: Promise<unknown>,
): Promise<number> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const id = insertCorpusRows(db, c, tokens);
    const write = chunkWriter(db, id);
    assembler.start((k) => write(k.seq, k.count, k.bytes));
    await encoded;
    assembler.finish();
    db.exec('COMMIT');
    return id;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}

/** Every row of a corpus but its token chunks; the caller holds the transaction. */
function insertCorpusRows(db: Db, c: Omit<NewCorpus, 'pieces'>, tokens: number): number {
  let hapax = 0;
  let atMin = 0;
  for (let i = 0; i < c.counts.length; i++) {
    if (c.counts[i] === 1) hapax++;
    if (c.counts[i] >= c.minCount) atMin++;
  }
  const bytes = c.files.reduce((s, f) => s + f.bytes, 0);
  const info = db
    .prepare(
      `INSERT INTO corpora (name, source, created_at, files, bytes, tokens, types, hapax, min_count,
         types_at_min_count, lowercase, ingest_seconds, synthetic)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(c.name, c.source, new Date().toISOString(), c.files.length, bytes, tokens, c.words.length, hapax,
      c.minCount, atMin, c.lowercase ? 1 : 0, c.ingestSeconds, c.synthetic ? 1 : 0);
  const id = Number(info.lastInsertRowid);
  const file = db.prepare(
    'INSERT INTO corpus_files (corpus_id, idx, path, bytes, tokens, first_token, encoding, sha1) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  c.files.forEach((f, i) => file.run(id, i, f.path, f.bytes, f.tokens, f.firstToken, f.encoding, f.sha1));
  const skip = db.prepare('INSERT INTO corpus_skipped (corpus_id, path, reason) VALUES (?, ?, ?)');
  for (const s of c.skipped) skip.run(id, s.path, s.reason);
  if (c.counts.length !== c.words.length) throw new Error(`Vocabulary of ${c.words.length} words has ${c.counts.length} counts.`);
  db.prepare('INSERT INTO corpus_vocab (corpus_id, words, counts) VALUES (?, ?, ?)').run(id, c.words.join('\n'), asBlob(c.counts));
  db.prepare('INSERT INTO corpus_breaks (corpus_id, offsets) VALUES (?, ?)').run(id, asBlob(c.breaks));
  return id;
}

export function setIngestSeconds(db: Db, id: number, seconds: number): void {
  db.prepare('UPDATE corpora SET ingest_seconds = ? WHERE id = ?').run(seconds, id);
}

/** Stores chunk `seq` of a corpus: `count` varint-encoded ids, the chunk's first token at seq × TOKENS_PER_CHUNK. */
function chunkWriter(db: Db, corpusId: number): (seq: number, count: number, bytes: Uint8Array) => void {
  const insert = db.prepare('INSERT INTO token_chunks (corpus_id, seq, first_token, count, ids) VALUES (?, ?, ?, ?, ?)');
  return (seq, count, bytes) => void insert.run(corpusId, seq, seq * TOKENS_PER_CHUNK, count, bytes);
}

/** Re-cuts the pieces into fixed-size chunks without concatenating the whole stream. */
function writeChunks(db: Db, corpusId: number, pieces: Uint32Array[]): void {
  const write = chunkWriter(db, corpusId);
  const buffer = new Uint32Array(TOKENS_PER_CHUNK);
  const encoded = Buffer.allocUnsafe(TOKENS_PER_CHUNK * 5);
  let fill = 0;
  let seq = 0;
  const flush = (): void => {
    if (fill === 0) return;
    const bytes = encodeVarints(buffer.subarray(0, fill), encoded);
    write(seq++, fill, encoded.subarray(0, bytes)); // every chunk but the last is full: it starts at seq × TOKENS_PER_CHUNK
    fill = 0;
  };
  for (const piece of pieces) {
    let at = 0;
    while (at < piece.length) {
      const take = Math.min(piece.length - at, TOKENS_PER_CHUNK - fill);
      buffer.set(piece.subarray(at, at + take), fill);
      fill += take;
      at += take;
      if (fill === TOKENS_PER_CHUNK) flush();
    }
  }
  flush();
}

interface CorpusRow {
  id: number;
  name: string;
  source: string;
  created_at: string;
  files: number;
  bytes: number;
  tokens: number;
  types: number;
  hapax: number;
  min_count: number;
  types_at_min_count: number;
  lowercase: number;
  ingest_seconds: number;
  synthetic: number;
  skipped_count: number;
}

const SUMMARY_SQL = `SELECT c.*, (SELECT COUNT(*) FROM corpus_skipped s WHERE s.corpus_id = c.id) AS skipped_count FROM corpora c`;

function toSummary(r: CorpusRow): CorpusSummary {
  return {
    id: r.id,
    name: r.name,
    source: r.source,
    createdAt: r.created_at,
    files: r.files,
    bytes: r.bytes,
    tokens: r.tokens,
    types: r.types,
    hapax: r.hapax,
    minCount: r.min_count,
    typesAtMinCount: r.types_at_min_count,
    lowercase: r.lowercase === 1,
    ingestSeconds: r.ingest_seconds,
    skippedCount: r.skipped_count,
    synthetic: r.synthetic === 1,
  };
}

export function listCorpora(db: Db): CorpusSummary[] {
  return (db.prepare(`${SUMMARY_SQL} ORDER BY c.id`).all() as CorpusRow[]).map(toSummary);
}

export function getCorpusSummary(db: Db, id: number): CorpusSummary {
  const row = db.prepare(`${SUMMARY_SQL} WHERE c.id = ?`).get(id) as CorpusRow | undefined;
  if (!row) throw new LabError(`There is no corpus with id ${id}.`, 'not-found');
  return toSummary(row);
}

export function getCorpusDetail(db: Db, id: number, topN = 50): CorpusDetail {
  const summary = getCorpusSummary(db, id);
  const { words, counts } = readVocab(db, id);
  const top = words.slice(0, topN).map((word, i) => ({ word, count: counts[i] }));
  const fileList = (
    db.prepare('SELECT path, bytes, tokens, encoding FROM corpus_files WHERE corpus_id = ? ORDER BY idx').all(id) as CorpusFile[]
  );
  const skipped = db.prepare('SELECT path, reason FROM corpus_skipped WHERE corpus_id = ? ORDER BY rowid').all(id) as SkippedFile[];
  return { ...summary, top, zipf: zipfCurve(counts), fileList, skipped };
}

/** About 200 points of the rank–frequency curve, evenly spaced in log(rank). */
export function zipfCurve(counts: Uint32Array): [number, number][] {
  const types = counts.length;
  if (types === 0) return [];
  const ranks = new Set<number>();
  const steps = 200;
  for (let i = 0; i <= steps; i++) ranks.add(Math.round(Math.exp((Math.log(types) * i) / steps)));
  return [...ranks]
    .filter((r) => r >= 1 && r <= types)
    .sort((a, b) => a - b)
    .map((r) => [r, counts[r - 1]]);
}

export function removeCorpus(db: Db, id: number): boolean {
  return db.transaction(() => db.prepare('DELETE FROM corpora WHERE id = ?').run(id).changes > 0)();
}

export function readVocab(db: Db, id: number): { words: string[]; counts: Uint32Array } {
  const row = db.prepare('SELECT words, counts FROM corpus_vocab WHERE corpus_id = ?').get(id) as { words: string; counts: Buffer } | undefined;
  if (!row) throw new LabError(`There is no corpus with id ${id}.`, 'not-found');
  const counts = fromBlob(row.counts);
  return { words: counts.length === 0 ? [] : row.words.split('\n'), counts };
}

/** The corpus's word counts alone (in id order), without making a string of every word. */
export function readVocabCounts(db: Db, id: number): Uint32Array {
  const row = db.prepare('SELECT counts FROM corpus_vocab WHERE corpus_id = ?').get(id) as { counts: Buffer } | undefined;
  if (!row) throw new LabError(`There is no corpus with id ${id}.`, 'not-found');
  return fromBlob(row.counts);
}

/** The first `n` words (ids 0..n-1): the kept vocabulary of a run, without the long tail. */
export function readVocabWords(db: Db, id: number, n: number): string[] {
  const row = db.prepare('SELECT words FROM corpus_vocab WHERE corpus_id = ?').get(id) as { words: string } | undefined;
  if (!row) throw new LabError(`There is no corpus with id ${id}.`, 'not-found');
  if (n <= 0) return [];
  let end = -1;
  for (let k = 0; k < n; k++) {
    end = row.words.indexOf('\n', end + 1);
    if (end === -1) break;
  }
  const words = (end === -1 ? row.words : row.words.slice(0, end)).split('\n');
  if (words.length < n) throw new Error(`Corpus ${id} has ${words.length} words, not ${n}.`);
  return words;
}

/** The whole token-id stream of a corpus. */
export function readTokens(db: Db, id: number): Uint32Array {
  const { tokens } = getCorpusSummary(db, id);
  const out = new Uint32Array(tokens);
  for (const row of db.prepare('SELECT first_token, count, ids FROM token_chunks WHERE corpus_id = ? ORDER BY seq').iterate(id) as Iterable<{
    first_token: number;
    count: number;
    ids: Buffer;
  }>) {
    decodeVarints(row.ids, row.count, out, row.first_token);
  }
  return out;
}

/**
 * The token-id stream one stored chunk at a time, decoded into one reused buffer:
 * each array yielded is valid until the next is requested. Memory stays at one
 * chunk, where readTokens holds the whole stream.
 */
export function* tokenChunks(db: Db, id: number): Generator<Uint32Array> {
  const buffer = new Uint32Array(TOKENS_PER_CHUNK);
  for (const row of db.prepare('SELECT count, ids FROM token_chunks WHERE corpus_id = ? ORDER BY seq').iterate(id) as Iterable<{
    count: number;
    ids: Buffer;
  }>) {
    const out = row.count <= buffer.length ? buffer : new Uint32Array(row.count); // chunks written by this version are never larger
    decodeVarints(row.ids, row.count, out);
    yield out.subarray(0, row.count);
  }
}

export function readBreaks(db: Db, id: number): Uint32Array {
  const row = db.prepare('SELECT offsets FROM corpus_breaks WHERE corpus_id = ?').get(id) as { offsets: Buffer } | undefined;
  return row ? fromBlob(row.offsets) : new Uint32Array(0);
}
