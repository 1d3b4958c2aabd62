/**
 * fastText model files (.bin, as `fasttext skipgram|cbow` write them): the vocabulary's vectors exactly
 * as fastText computes them (print-word-vectors, .vec): the mean of the word's own input row and its
 * character n-gram rows. See fastText/header.ts for the layout.
 *
 * Streamed: the file is read once, front to back, and never held. What is kept is the result matrix
 * (words × dim), the words' n-gram buckets as a bucket → words index (4 bytes per n-gram of each word,
 * twice while it is built) and one chunk of rows. The n-gram rows are added to their words as they
 * stream past (fastText/subwordKernel.ts), so a 2M-word × 2M-bucket model never has its 2M bucket rows
 * in memory unless `subwordRows` asks for them. After the input matrix, the output matrix (unused) is
 * checked by its header and the file's size, not read, unless the file is gzip-compressed.
 *
 * Refused with a sentence saying why: supervised models (classifiers), quantized models (.ftz), files
 * without fastText's magic number or with a version other than 11/12, and truncated or corrupt files
 * (naming the byte offset and what was expected there).
 */
import { quoted } from '../../shared/printable.js';
import type { SubwordLayout } from '../../shared/types/vectors.js';
import { LabError } from '../../shared/labError.js';
import { checkWord, DEFAULT_MAX_MATRIX_BYTES } from './collect.js';
import { BinaryCursor } from './fastText/cursor.js';
import { readDictionaryEntries } from './fastText/dictionary.js';
import { quantizedRefusal, readModelHead, readSignature, type FastTextModelInfo } from './fastText/header.js';
import { firstNonFinite } from './fastText/subwordKernel.js';
import { SubwordSum } from './fastText/subwordPool.js';
import { forEachSubword, hasSubwords } from './fastText/subwords.js';
import type { ByteReader } from './source.js';
import { decodeWord } from './textFields.js';

export { FASTTEXT_MAGIC, FASTTEXT_VERSIONS, describeModel, type FastTextModelInfo } from './fastText/header.js';
export { fastTextHash, subwordBuckets, subwordStrings, type SubwordParams } from './fastText/subwords.js';

/** Where a model's n-gram rows are, so that vectors of words outside the vocabulary can be made later. */
export type { SubwordLayout };

export interface FastTextReadOptions {
  /** Only the first `limit` words (the most frequent). */
  limit?: number;
  maxMatrixBytes?: number;
  /** Also return the n-gram rows (bucket × dim float32) in memory, for vectors of unseen words. */
  subwordRows?: boolean;
  /** Threads for the n-gram sum (default: by the size of the work; 1 runs it inline). */
  threads?: number;
}

export interface FastTextVectors {
  words: string[];
  counts: Uint32Array;
  dim: number;
  /** The vocabulary's vectors; on a SharedArrayBuffer when threads summed them (share it; it cannot be transferred). */
  W: Float32Array;
  warnings: string[];
  model: FastTextModelInfo;
  /** Null when the model has no character n-grams (maxn 0). */
  subwords: SubwordLayout | null;
  /** With `subwordRows`: the n-gram rows, bucket × dim. */
  subwordRows?: Float32Array;
}

const EOS = Buffer.from('</s>');
const CHUNK_BYTES = 4 << 20;
const MAX_U32 = 0xffffffff;

/** Reads a fastText .bin model from r (at its start). */
export async function readFastTextBin(r: ByteReader, o: FastTextReadOptions = {}): Promise<FastTextVectors> {
  const c = new BinaryCursor(r);
  const file = r.file;
  const version = await readSignature(c);
  const model = await readModelHead(c, version);
  const dim = model.dim;
  const keep = Math.min(model.words, o.limit ?? Infinity);
  const warnings: string[] = [];
  const subwords = hasSubwords(model) && model.pruneSize < 0;

  const dict = await readWords(c, model, keep, subwords);
  // Checked once the dictionary is read, so that a corrupt word count is reported as such (it ends early).
  const maxBytes = o.maxMatrixBytes ?? DEFAULT_MAX_MATRIX_BYTES;
  if (keep * dim * 4 > maxBytes) {
    const fits = Math.floor(maxBytes / (4 * dim));
    throw new LabError(`${file}: ${keep.toLocaleString('en-US')} words × ${dim} dimensions is larger than one run can hold (${(maxBytes / 1e9).toFixed(2)} GB); import the first ${fits.toLocaleString('en-US')} words or fewer (limit).`, 'invalid');
  }
  if (dict.repaired > 0) warnings.push(`${file}: ${dict.repaired} words were not valid UTF-8; their bad bytes were replaced with U+FFFD.`);
  if (dict.clamped > 0) warnings.push(`${file}: ${dict.clamped} word counts exceed 4,294,967,295 and were stored as that.`);

  if (model.pruneSize >= 0) await c.skip(8 * model.pruneSize, `the pruned index (${model.pruneSize} pairs of int32)`);
  if (await c.bool('the flag "input matrix quantized"')) throw quantizedRefusal(file);
  if (model.pruneSize >= 0) {
    throw c.error(c.at, 'the dictionary is pruned but the input matrix is not quantized; fastText itself refuses such a file (its issue 332: download the model again).');
  }
  const inputRows = model.words + model.bucket;
  await matrixHeader(c, 'input', inputRows, dim, `${model.words} words + ${model.bucket} buckets`);
  const inputEnd = c.at + inputRows * dim * 4;
  if (!r.gzip && inputEnd > r.size) {
    throw c.error(c.at, `the file is truncated: the input matrix (${inputRows} × ${dim} float32) should end at byte ${inputEnd}, but the file has ${r.size} bytes.`);
  }

  const { W, rowsOffset, subwordRows } = await readInputRows(c, model, dict, keep, subwords, o);

  await checkOutputMatrix(c, model, warnings);
  const decoded = { words: dict.words, counts: dict.counts, W, dim };
  const out = dict.repaired > 0 ? dropDuplicates(file, decoded, warnings) : decoded;
  const layout: SubwordLayout | null = subwords
    ? { minn: model.minn, maxn: model.maxn, bucket: model.bucket, dim, file, fileBytes: r.size, rowsOffset: r.gzip ? null : rowsOffset }
    : null;
  return { ...out, warnings, model, subwords: layout, ...(subwordRows ? { subwordRows } : {}) };
}

/**
 * The input matrix's rows: the kept words' own rows into W, then the n-gram rows, streamed in chunks
 * and added to the words that hold them (SubwordSum: inline or on threads); W ends as the means.
 */
async function readInputRows(c: BinaryCursor, model: FastTextModelInfo, dict: Words, keep: number, subwords: boolean, o: FastTextReadOptions) {
  const dim = model.dim;
  const rowBytes = 4 * dim;
  const chunkRows = Math.max(1, Math.floor(CHUNK_BYTES / rowBytes));
  const sum = subwords ? new SubwordSum(dim, dict.wordStart, dict.ids, keep, model.bucket, { threads: o.threads, chunkRows }) : null;
  dict.ids = new Uint32Array(0); // the sum's index replaces it
  try {
    const W = sum ? sum.W : new Float32Array(keep * dim);
    const wordBytes = new Uint8Array(W.buffer, W.byteOffset, W.byteLength);
    await streamRows(c, model.words, rowBytes, 'the word rows of the input matrix', async (buf, at, first, n) => {
      const take = Math.max(0, Math.min(n, keep - first));
      if (take > 0) buf.copy(wordBytes, first * rowBytes, at, at + take * rowBytes);
    });
    const bad = firstNonFinite(W);
    if (bad >= 0) throw nonFinite(c, model, Math.floor(bad / dim), bad % dim, dict.words[Math.floor(bad / dim)]);

    const rowsOffset = c.at;
    const subwordRows = o.subwordRows && subwords ? new Float32Array(model.bucket * dim) : undefined;
    const scratch = sum ? null : new Float32Array(chunkRows * dim);
    await streamRows(c, model.bucket, rowBytes, 'the n-gram rows of the input matrix', async (buf, at, first, n) => {
      const rows = (sum ? await sum.buffer() : scratch!).subarray(0, n * dim);
      buf.copy(new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength), 0, at, at + n * rowBytes);
      const b = firstNonFinite(rows);
      if (b >= 0) throw nonFinite(c, model, model.words + first + Math.floor(b / dim), b % dim, null);
      subwordRows?.set(rows, first * dim);
      if (sum) await sum.add(first, n);
    }, chunkRows);
    if (sum) await sum.finish();
    return { W, rowsOffset, subwordRows };
  } finally {
    await sum?.close();
  }
}

interface Words {
  words: string[];
  counts: Uint32Array;
  /** Word w's n-gram buckets are ids[wordStart[w] .. wordStart[w + 1]). */
  wordStart: Uint32Array;
  ids: Uint32Array;
  repaired: number;
  clamped: number;
}

/** The dictionary: the first `keep` words, their counts and their n-gram buckets. */
async function readWords(c: BinaryCursor, model: FastTextModelInfo, keep: number, subwords: boolean): Promise<Words> {
  // Arrays grow as entries arrive, so that a corrupt count costs no memory before the file proves it.
  const first = Math.min(keep, 1 << 16);
  const d: Words = { words: [], counts: new Uint32Array(first), wordStart: new Uint32Array(first + 1), ids: new Uint32Array(subwords ? first * 16 : 0), repaired: 0, clamped: 0 };
  let n = 0;
  let scratch: Uint8Array = new Uint8Array(256);
  const push = (b: number): void => {
    if (n === d.ids.length) {
      if (n >= MAX_U32) throw new LabError(`${c.file}: the vocabulary's words hold more than 4 billion n-grams; import fewer words (limit).`, 'invalid');
      d.ids = grown(d.ids, Math.min(MAX_U32, n * 2));
    }
    d.ids[n++] = b;
  };
  await readDictionaryEntries(c, model, (k, buf, s, e, count, at) => {
    if (k >= keep) return;
    const { word, repaired } = decodeWord(buf, s, e);
    checkWord(c.file, c.r.where(at), word);
    if (repaired) d.repaired++;
    d.words.push(word);
    if (k === d.counts.length) {
      const size = Math.min(keep, 2 * k);
      d.counts = grown(d.counts, size);
      d.wordStart = grown(d.wordStart, size + 1);
    }
    if (count > MAX_U32) d.clamped++;
    d.counts[k] = Math.min(count, MAX_U32);
    // fastText gives its end-of-sentence token "</s>" no n-grams.
    if (subwords && !(e - s === EOS.length && EOS.equals(buf.subarray(s, e)))) scratch = forEachSubword(buf, s, e, model, push, scratch);
    d.wordStart[k + 1] = n;
  });
  return d;
}

function grown(a: Uint32Array, size: number): Uint32Array {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
}

/** A matrix's int64 rows and columns, which must be what the dictionary and args imply. */
async function matrixHeader(c: BinaryCursor, name: string, rows: number, dim: number, why: string): Promise<void> {
  const at = c.at;
  const m = await c.int64(`the ${name} matrix's number of rows`);
  const n = await c.int64(`the ${name} matrix's number of columns`);
  if (m !== rows || n !== dim) {
    throw c.error(at, `the ${name} matrix is ${m} × ${n}; expected ${rows} × ${dim} (${why} × the dimension). The file is corrupt.`);
  }
}

/**
 * Calls onRows(buf, at, first, n) for consecutive whole rows buf[at .. at + n·rowBytes) (rows first..
 * first + n − 1, at most maxRows at a time), failing as truncated if the file ends before `rows` rows.
 */
async function streamRows(
  c: BinaryCursor, rows: number, rowBytes: number, what: string,
  onRows: (buf: Buffer, at: number, first: number, n: number) => Promise<void>, maxRows = Infinity,
): Promise<void> {
  const r = c.r;
  for (let done = 0; done < rows; ) {
    if (r.available < rowBytes && !(await r.fill(rowBytes))) {
      throw c.error(c.at, `the file is truncated: it ends in row ${done + 1} of ${rows} of ${what} (each ${rowBytes} bytes: ${rowBytes / 4} float32).`);
    }
    const n = Math.min(rows - done, Math.floor(r.available / rowBytes), maxRows);
    await onRows(r.buf, r.pos, done, n);
    r.pos += n * rowBytes;
    done += n;
  }
}

/** The output matrix (unused here) must be nwords × dim; a plain file is checked by its size, gzip by reading through. */
async function checkOutputMatrix(c: BinaryCursor, model: FastTextModelInfo, warnings: string[]): Promise<void> {
  if (await c.bool('the flag "output matrix quantized"')) throw quantizedRefusal(c.file);
  await matrixHeader(c, 'output', model.words, model.dim, `${model.words} words`);
  const bytes = 4 * model.words * model.dim;
  const r = c.r;
  if (!r.gzip) {
    const end = c.at + bytes;
    if (r.size < end) {
      throw c.error(r.size, `the file is truncated: the output matrix (${model.words} × ${model.dim} float32) should end at byte ${end}, but the file has ${r.size} bytes.`);
    }
    if (r.size > end) warnings.push(`${c.file}: ${r.size - end} bytes after the end of the model were ignored.`);
    return;
  }
  await c.skip(bytes, `the output matrix (${model.words} × ${model.dim} float32)`);
  let extra = r.available;
  while (await r.more()) {
    extra = r.available;
    if (extra > 0) break;
  }
  if (extra > 0) warnings.push(`${c.file}: data after the end of the model was ignored.`);
}

function nonFinite(c: BinaryCursor, model: FastTextModelInfo, row: number, col: number, word: string | null): LabError {
  const what = word !== null ? `the row of ${quoted(word)}` : `n-gram row ${row - model.words + 1}`;
  return new LabError(`${c.file}: value ${col + 1} of ${what} in the input matrix is NaN or infinite; the model is corrupt (or diverged in training).`, 'invalid');
}

/** Words that decode to the same string (only after repairing invalid UTF-8): the first keeps its row. */
function dropDuplicates(file: string, v: { words: string[]; counts: Uint32Array; W: Float32Array; dim: number }, warnings: string[]) {
  const seen = new Set<string>();
  const dup: number[] = [];
  for (let i = 0; i < v.words.length; i++) {
    if (seen.has(v.words[i])) dup.push(i);
    else seen.add(v.words[i]);
  }
  if (dup.length === 0) return v;
  warnings.push(`${file}: ${dup.length} words equal an earlier one once their invalid UTF-8 is replaced (${dup.slice(0, 3).map((i) => quoted(v.words[i])).join(', ')}); kept the first of each.`);
  const drop = new Set(dup);
  let to = 0;
  for (let i = 0; i < v.words.length; i++) {
    if (drop.has(i)) continue;
    if (to !== i) {
      v.words[to] = v.words[i];
      v.counts[to] = v.counts[i];
      v.W.copyWithin(to * v.dim, i * v.dim, (i + 1) * v.dim);
    }
    to++;
  }
  v.words.length = to;
  return { words: v.words, counts: v.counts.slice(0, to), W: v.W.slice(0, to * v.dim), dim: v.dim };
}
