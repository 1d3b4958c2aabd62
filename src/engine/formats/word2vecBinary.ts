/**
 * word2vec binary format, as word2vec.c writes it:
 *
 *   "V d\n"                                  ← header, ASCII
 *   word bytes (UTF-8), " ", d × float32 LE, "\n"   ← one record per word
 *
 * gensim's save_word2vec_format(binary=True) writes the same records without the "\n"; its reader and
 * ours accept both (a "\n" before a word is skipped).
 *
 * Words that contain a space: the format has no escape. word2vec.c and gensim read a word up to its
 * first space, so they cannot read such a file. Our reader can, when the file has the "\n" after each
 * vector (as we write it): it takes the first space after which d floats and a "\n" follow and after
 * which the next record starts with a word (no "\n" before its space). Our exporter writes such words as
 * they are by default (export option spaces: 'keep', with a warning) or as "new_york" (spaces: 'underscore').
 */
import { quoted } from '../../shared/printable.js';
import { LabError } from '../../shared/labError.js';
import { VectorCollector, checkWord, checkAnnouncedMatrix } from './collect.js';
import { ByteChunker } from '../base/atomicFiles.js';
import type { ByteReader } from './source.js';
import { decodeWord, parseHeaderLine, preview } from './textFields.js';
import type { RowSource } from './types.js';

/** The longest word we look for (word2vec.c allows 100 bytes; phrases can be longer). */
const MAX_WORD = 16 << 10;
const NL = 10;
const SP = 32;

export interface BinaryReadOptions {
  limit?: number;
  maxMatrixBytes?: number;
}

export async function readBinaryVectors(r: ByteReader, o: BinaryReadOptions = {}) {
  const file = r.file;
  const { words: V, dim: d } = await readHeader(r, o);
  const vecBytes = 4 * d;
  const limit = Math.min(V, o.limit ?? Infinity);
  const plausible = r.dataSize > 0 ? Math.floor(r.dataSize / (vecBytes + 2)) : Infinity;
  const collector = new VectorCollector(file, d, (pos) => r.where(pos), { expectedRows: Math.min(limit, plausible), maxMatrixBytes: o.maxMatrixBytes });
  // Whether each vector is followed by "\n" (word2vec.c) or not (gensim); decided on the first record.
  let layout: Layout = { newlines: null };
  let repaired = 0;
  const need = MAX_WORD + vecBytes + 2 + MAX_WORD;

  for (let k = 0; k < limit; k++) {
    await r.fill(need);
    const buf = r.buf;
    let p = r.pos;
    while (p < buf.length && buf[p] === NL) p++;
    const record: RecordPlace = { k, V, d, p, at: r.offset + p };
    if (p >= buf.length) failAt(r, record.at, `the header says ${V} words, but the file ends after ${k} (is it truncated?).`);
    const sep = wordEnd(r, record, layout);
    if (layout.newlines === null && k < V - 1) layout = { newlines: sep.newlines };

    const { word, repaired: bad } = decodeWord(buf, p, sep.at);
    if (bad) repaired++;
    checkWord(file, r.where(record.at), word);
    const row = collector.row(word, record.at);
    const vs = sep.at + 1;
    new Uint8Array(row.buffer, row.byteOffset, vecBytes).set(buf.subarray(vs, vs + vecBytes));
    for (let j = 0; j < d; j++) {
      if (row[j] - row[j] !== 0) failAt(r, r.offset + vs + 4 * j, `value ${j + 1} of ${quoted(word)} is ${Number.isNaN(row[j]) ? 'NaN' : 'infinite'}; NaN and infinite values are not allowed.`);
    }
    let next = vs + vecBytes;
    if (next < buf.length && buf[next] === NL) next++;
    r.pos = next;
  }
  const warnings: string[] = [];
  if (limit === V && (await bytesAfterLastVector(r)) > 0) warnings.push(`${file}: ignored data after the ${V} vectors the header announces (is the header's count right?).`);
  const out = collector.finish();
  out.warnings.push(...warnings);
  if (repaired > 0) out.warnings.push(`${file}: ${repaired} words were not valid UTF-8; their bad bytes were replaced with U+FFFD.`);
  return out;
}

const failAt = (r: ByteReader, offset: number, msg: string): never => {
  throw new LabError(`${r.file}: ${r.where(offset)}: ${msg}`, 'invalid');
};

/** Reads and checks the "V d" line; leaves the reader after it. */
async function readHeader(r: ByteReader, o: BinaryReadOptions): Promise<{ words: number; dim: number }> {
  const file = r.file;
  await r.fill(1);
  if (r.available === 0) throw new LabError(`${file}: the file is empty; expected a word2vec binary file (a "V d" header line, then the vectors).`, 'invalid');
  let nl = -1;
  while ((nl = r.buf.indexOf(NL, r.pos)) === -1 && !r.eof && r.available < 4096) await r.more();
  if (nl === -1 || nl - r.pos > 4096) {
    throw new LabError(`${file}: line 1: expected a header "V d" (two integers: the number of words and the dimension) ending with a line break, found ${preview(r.buf, r.pos, r.buf.length)}.`, 'invalid');
  }
  let he = nl;
  if (he > r.pos && r.buf[he - 1] === 13) he--;
  const header = parseHeaderLine(r.buf, r.pos, he);
  if (!header) {
    throw new LabError(`${file}: line 1: expected a header "V d" (two integers: the number of words and the dimension), found ${preview(r.buf, r.pos, he)}.`, 'invalid');
  }
  const { words: V, dim: d } = header;
  if (d < 1) throw new LabError(`${file}: line 1: the header "${V} ${d}" gives dimension 0; expected "V d" with d ≥ 1.`, 'invalid');
  if (V < 1) throw new LabError(`${file}: line 1: the header "${V} ${d}" says the file holds no vectors.`, 'invalid');
  checkAnnouncedMatrix(file, 'line 1', Math.min(V, o.limit ?? Infinity), d, o.maxMatrixBytes);
  r.pos = nl + 1;
  return header;
}

/** Where record k (of V, dimension d) starts: `p` in the reader's buffer, `at` in the file. */
interface RecordPlace {
  k: number;
  V: number;
  d: number;
  p: number;
  at: number;
}

/** The file's layout once known: a "\n" after each vector (true), none (false), or not yet seen (null). */
interface Layout {
  newlines: boolean | null;
}

/**
 * The space that ends record k's word, and the layout it implies. The candidates are the spaces before
 * the first "\n" (a word never holds one): in word2vec.c's layout, the first after which d floats, a "\n"
 * and a plausible next record follow; in gensim's, the first space.
 */
function wordEnd(r: ByteReader, rec: RecordPlace, layout: Layout): { at: number; newlines: boolean } {
  const buf = r.buf;
  const vecBytes = 4 * rec.d;
  const wordLimit = Math.min(buf.length, rec.p + MAX_WORD);
  let firstSpace = -1;
  let newlineAt = -1;
  for (let j = rec.p; j < wordLimit; j++) {
    const c = buf[j];
    if (c === NL) {
      newlineAt = j;
      break;
    }
    if (c !== SP) continue;
    if (firstSpace === -1) firstSpace = j;
    if (layout.newlines === false) break; // gensim layout: the first space ends the word
    const end = j + 1 + vecBytes;
    if (end > buf.length) break; // truncated: reported below
    if (end === buf.length && r.eof && rec.k === rec.V - 1) return { at: j, newlines: true };
    if (end < buf.length && buf[end] === NL && nextRecordLooksRight(buf, end + 1)) return { at: j, newlines: true };
  }
  const { k, V, d, p, at } = rec;
  if (firstSpace === -1) {
    if (newlineAt !== -1) failAt(r, at, `expected word ${k + 1} of ${V} and a space, found a line break at ${r.where(r.offset + newlineAt)} first; is the header's dimension (${d}) right?`);
    if (wordLimit === buf.length && r.eof) failAt(r, at, `truncated: the file ends inside word ${k + 1} of ${V} (expected a word, a space and ${vecBytes} bytes of vector).`);
    failAt(r, at, `expected a word followed by a space within ${MAX_WORD} bytes (record ${k + 1} of ${V}); is this really a word2vec binary file?`);
  }
  if (firstSpace + 1 + vecBytes > buf.length) {
    const word = buf.toString('utf8', p, firstSpace);
    failAt(r, at, `truncated: word ${k + 1} of ${V} (${quoted(word)}) needs ${vecBytes} bytes of vector (${d} float32), but the file ends after ${buf.length - firstSpace - 1}.`);
  }
  if (layout.newlines === true) {
    failAt(r, r.offset + firstSpace + 1 + vecBytes, `expected a line break after the vector of word ${k + 1} of ${V} (${quoted(buf.toString('utf8', p, firstSpace))}), as after the earlier ones; is the header's dimension (${d}) right?`);
  }
  return { at: firstSpace, newlines: false }; // the gensim layout, or the last word
}

/** Bytes after the last vector other than line breaks: anything there is suspicious (a wrong header count?). */
async function bytesAfterLastVector(r: ByteReader): Promise<number> {
  let extra = 0;
  for (;;) {
    while (r.pos < r.buf.length && (r.buf[r.pos] === NL || r.buf[r.pos] === 13)) r.pos++;
    extra += r.available;
    r.pos = r.buf.length;
    if (extra > 0 || !(await r.more())) break;
  }
  return extra;
}

/** After a candidate record's "\n": the next record must begin with a word (no "\n" before its space). */
function nextRecordLooksRight(buf: Buffer, q: number): boolean {
  const lim = Math.min(buf.length, q + MAX_WORD);
  for (let j = q; j < lim; j++) {
    if (buf[j] === SP) return j > q;
    if (buf[j] === NL) return false;
  }
  return lim === buf.length; // the end of the data (or of the window): nothing contradicts it
}

/** The bytes of a binary export: "V d\n", then per word its bytes, a space, d float32 LE and "\n". */
export async function* binaryVectorChunks(
  src: RowSource,
  o: { wordOf: (i: number) => string; onRow?: (i: number) => void },
): AsyncGenerator<Buffer> {
  const out = new ByteChunker();
  const head = Buffer.from(`${src.n} ${src.dim}\n`, 'latin1');
  out.reserve(head.length);
  head.copy(out.target, out.used);
  out.advance(head.length);
  const vecBytes = 4 * src.dim;
  for (let i = 0; i < src.n; i++) {
    const word = Buffer.from(o.wordOf(i), 'utf8');
    const full = out.reserve(word.length + 2 + vecBytes);
    if (full) {
      o.onRow?.(i);
      yield full;
    }
    const t = out.target;
    let at = out.used;
    at += word.copy(t, at);
    t[at++] = SP;
    const row = src.row(i);
    t.set(new Uint8Array(row.buffer, row.byteOffset, vecBytes), at);
    at += vecBytes;
    t[at++] = NL;
    out.advance(at - out.used);
  }
  o.onRow?.(src.n);
  const last = out.take();
  if (last) yield last;
}
