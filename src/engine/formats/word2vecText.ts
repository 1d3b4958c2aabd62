/**
 * word2vec text format (and GloVe, which is the same without the header line):
 *
 *   V d                       ← header: number of words, dimension (w2v text only)
 *   word v1 v2 … vd           ← one line per word, fields separated by spaces
 *
 * This is what gensim's KeyedVectors.save_word2vec_format(binary=False) writes and fastText's .vec files
 * hold. Values are written as the shortest decimal that reloads to the identical float32.
 *
 * Reading: the last d fields of a line are the vector and everything before them is the word, so a word
 * that contains spaces (GloVe 840B has some) reads back whole. A line with more fields than d + 1 whose
 * extra fields are all numbers is reported as a wrong dimension count instead. Blank lines are skipped,
 * a UTF-8 BOM and CRLF line ends are accepted, and word2vec.c's trailing space is ignored.
 */
import { quoted } from '../../shared/printable.js';
import { LabError } from '../../shared/labError.js';
import { VectorCollector, checkAnnouncedMatrix, checkWord } from './collect.js';
import { describeBadNumber, parseDecimal, writeFloat32 } from './numbers.js';
import { ByteChunker } from '../base/atomicFiles.js';
import { forEachLine, type ByteReader } from './source.js';
import { FieldSplitter, decodeWord, isVectorLine, parseHeaderLine, preview } from './textFields.js';
import type { RowSource } from './types.js';

export interface TextReadOptions {
  /** true: a "V d" header is required (w2v-text); false: none is expected (glove). */
  header: boolean;
  limit?: number;
  maxMatrixBytes?: number;
}

export interface TextReadResult {
  words: string[];
  counts: Uint32Array;
  dim: number;
  W: Float32Array;
  warnings: string[];
}

const lineWhere = (line: number): string => `line ${line}`;

export async function readTextVectors(r: ByteReader, o: TextReadOptions): Promise<TextReadResult> {
  const file = r.file;
  const fail = (line: number, msg: string): never => {
    throw new LabError(`${file}: line ${line}: ${msg}`, 'invalid');
  };
  await r.fill(3);
  if (r.available >= 3 && r.buf[r.pos] === 0xef && r.buf[r.pos + 1] === 0xbb && r.buf[r.pos + 2] === 0xbf) r.pos += 3;
  if (r.available === 0) {
    throw new LabError(`${file}: the file is empty; expected ${o.header ? 'a word2vec text file (a "V d" header line, then one "word v1 … vd" line per word)' : 'GloVe text (one "word v1 … vd" line per word)'}.`, 'invalid');
  }

  const f = new FieldSplitter();
  let header: { words: number; dim: number } | null = null;
  let dim = 0;
  let firstDataLine = 0;
  let line1Header: string | null = null; // a GloVe file whose line 1 looks like a header, for a hint
  let collector: VectorCollector | null = null;
  let records = 0;
  let repaired = 0;
  const limit = o.limit ?? Infinity;
  let sawFirst = false;
  let done = false;

  const onLine = (buf: Buffer, s: number, e: number, line: number): boolean => {
    if (!sawFirst) {
      sawFirst = true;
      if (o.header) {
        header = parseHeaderLine(buf, s, e);
        if (!header) {
          const looksGlove = isVectorLine(f, buf, s, e, 0);
          fail(line, `expected a header "V d" (two integers: the number of words and the dimension), found ${s === e ? 'an empty line' : preview(buf, s, e)}` +
            (looksGlove ? '; this looks like GloVe text without a header: import it as glove (or auto)' : '') + '.');
        }
        const h = header!;
        if (h.dim < 1) fail(line, `the header "${h.words} ${h.dim}" gives dimension 0; expected "V d" with d ≥ 1.`);
        if (h.words < 1) fail(line, `the header "${h.words} ${h.dim}" says the file holds no vectors.`);
        checkAnnouncedMatrix(file, `line ${line}`, Math.min(h.words, limit), h.dim, o.maxMatrixBytes);
        dim = h.dim;
        const plausible = r.dataSize > 0 ? Math.floor(r.dataSize / (2 * dim)) : Infinity; // each value takes ≥ 2 bytes
        collector = new VectorCollector(file, dim, lineWhere, { expectedRows: Math.min(h.words, limit, plausible), maxMatrixBytes: o.maxMatrixBytes });
        return true;
      }
      const h = parseHeaderLine(buf, s, e);
      if (h) line1Header = `${h.words} ${h.dim}`;
    }
    const n = f.split(buf, s, e);
    if (n === 0) return true; // a blank line
    if (header && records >= header.words) {
      fail(line, `the header says ${header.words} words, but this line holds another vector (is the header's count wrong?).`);
    }
    if (dim === 0) {
      if (n < 2) fail(line, `expected a word followed by its vector values, found ${preview(buf, s, e)}.`);
      dim = n - 1;
      firstDataLine = line;
      // No header: guess the row count from the file's size and this line's (10% spare), so that the
      // matrix is usually allocated once; a wrong guess only means growing in blocks.
      const guess = Math.min(limit, Math.ceil((r.dataSize / (e - s + 1)) * 1.1));
      collector = new VectorCollector(file, dim, lineWhere, { expectedRows: guess, maxMatrixBytes: o.maxMatrixBytes });
    }
    const wrongCount = (): never =>
      fail(line, `expected ${dim} values after the word ${header ? `(the header says d = ${dim})` : `(as on line ${firstDataLine})`}, found ${n - 1}` +
        (line1Header && firstDataLine === 1 ? `; line 1 looks like a word2vec header "${line1Header}": import as w2v-text (or auto).` : '.'));
    if (n < dim + 1) wrongCount();
    let wordEnd = f.ends[0];
    if (n > dim + 1) {
      const extra = n - dim - 1;
      let allNumeric = true;
      for (let k = 1; k <= extra && allNumeric; k++) allNumeric = f.numeric(buf, k);
      if (allNumeric) wrongCount();
      wordEnd = f.ends[extra];
    }
    const { word, repaired: bad } = decodeWord(buf, f.starts[0], wordEnd);
    if (bad) repaired++;
    checkWord(file, `line ${line}`, word);
    const row = collector!.row(word, line);
    const first = n - dim;
    for (let k = 0; k < dim; k++) {
      const fk = first + k;
      row[k] = parseDecimal(buf, f.starts[fk], f.ends[fk]);
      if (row[k] - row[k] !== 0) fail(line, `value ${k + 1} of ${quoted(word)} ${describeBadNumber(f.text(buf, fk))}.`);
    }
    records++;
    if (records >= limit) {
      done = true;
      return false;
    }
    return true;
  };

  const endLine = await forEachLine(r, 1, onLine);
  if (!collector) {
    throw new LabError(`${file}: holds no vectors (only blank lines).`, 'invalid');
  }
  if (header && !done && records < (header as { words: number }).words) {
    throw new LabError(
      `${file}: line ${endLine - 1}: the header says ${(header as { words: number }).words} words, but the file ends after ${records} (is it truncated?).`,
      'invalid',
    );
  }
  const out = (collector as VectorCollector).finish();
  if (repaired > 0) out.warnings.push(`${file}: ${repaired} words were not valid UTF-8; their bad bytes were replaced with U+FFFD.`);
  return out;
}

/** The lines of a text export: an optional "V d" header, then "word v1 … vd", written straight as bytes. */
export async function* textVectorChunks(
  src: RowSource,
  o: { header: boolean; wordOf: (i: number) => string; onRow?: (i: number) => void; separator?: number; words?: boolean },
): AsyncGenerator<Buffer> {
  yield* delimitedChunks(src, o.header ? `${src.n} ${src.dim}\n` : '', o.separator ?? 32, o.words === false ? null : o.wordOf, o.onRow);
}

/** Rows as text: [word sep] v1 sep v2 … "\n", each value the shortest float32 round-trip decimal. */
export async function* delimitedChunks(
  src: RowSource, head: string, sep: number, wordOf: ((i: number) => string) | null, onRow?: (i: number) => void,
): AsyncGenerator<Buffer> {
  const out = new ByteChunker();
  if (head) {
    out.reserve(head.length);
    out.advance(out.target.write(head, out.used, 'latin1'));
  }
  const dim = src.dim;
  for (let i = 0; i < src.n; i++) {
    const word = wordOf ? wordOf(i) : '';
    const full = out.reserve(3 * word.length + 2 + 32 * dim);
    if (full) {
      onRow?.(i);
      yield full;
    }
    const t = out.target;
    let at = out.used;
    if (wordOf) {
      at += t.write(word, at, 'utf8');
      t[at++] = sep;
    }
    const row = src.row(i);
    for (let j = 0; j < dim; j++) {
      if (j > 0) t[at++] = sep;
      at = writeFloat32(t, at, row[j]);
    }
    t[at++] = 10;
    out.advance(at - out.used);
  }
  onRow?.(src.n);
  const last = out.take();
  if (last) yield last;
}
