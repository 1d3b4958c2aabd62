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
  await r.fill(3);
  if (r.available >= 3 && r.buf[r.pos] === 0xef && r.buf[r.pos + 1] === 0xbb && r.buf[r.pos + 2] === 0xbf) r.pos += 3;
  if (r.available === 0) {
    throw new LabError(`${file}: the file is empty; expected ${o.header ? 'a word2vec text file (a "V d" header line, then one "word v1 … vd" line per word)' : 'GloVe text (one "word v1 … vd" line per word)'}.`, 'invalid');
  }
  const lines = new TextVectorLines(r, o);
  const endLine = await forEachLine(r, 1, (buf, s, e, line) => lines.take(buf, s, e, line));
  return lines.finish(endLine);
}

/** The reader's state across lines: the header (if any), the dimension once known, the rows so far. */
class TextVectorLines {
  private readonly f = new FieldSplitter();
  private readonly file: string;
  private readonly limit: number;
  private header: { words: number; dim: number } | null = null;
  private dim = 0;
  private firstDataLine = 0;
  /** A GloVe file whose line 1 looks like a header, for a hint. */
  private line1Header: string | null = null;
  private collector: VectorCollector | null = null;
  private records = 0;
  private repaired = 0;
  private sawFirst = false;
  private done = false;

  constructor(private readonly r: ByteReader, private readonly o: TextReadOptions) {
    this.file = r.file;
    this.limit = o.limit ?? Infinity;
  }

  private fail(line: number, msg: string): never {
    throw new LabError(`${this.file}: line ${line}: ${msg}`, 'invalid');
  }

  /** One line; false once the limit is reached (the reading stops). */
  take(buf: Buffer, s: number, e: number, line: number): boolean {
    if (!this.sawFirst) {
      this.sawFirst = true;
      if (this.o.header) {
        this.readHeader(buf, s, e, line);
        return true;
      }
      const h = parseHeaderLine(buf, s, e);
      if (h) this.line1Header = `${h.words} ${h.dim}`;
    }
    const n = this.f.split(buf, s, e);
    if (n === 0) return true; // a blank line
    if (this.header && this.records >= this.header.words) {
      this.fail(line, `the header says ${this.header.words} words, but this line holds another vector (is the header's count wrong?).`);
    }
    if (this.dim === 0) this.startWithoutHeader(buf, s, e, line, n);
    this.readRecord(buf, line, n);
    this.records++;
    if (this.records >= this.limit) {
      this.done = true;
      return false;
    }
    return true;
  }

  private readHeader(buf: Buffer, s: number, e: number, line: number): void {
    const h = parseHeaderLine(buf, s, e);
    if (!h) {
      const looksGlove = isVectorLine(this.f, buf, s, e, 0);
      this.fail(line, `expected a header "V d" (two integers: the number of words and the dimension), found ${s === e ? 'an empty line' : preview(buf, s, e)}` +
        (looksGlove ? '; this looks like GloVe text without a header: import it as glove (or auto)' : '') + '.');
    }
    if (h.dim < 1) this.fail(line, `the header "${h.words} ${h.dim}" gives dimension 0; expected "V d" with d ≥ 1.`);
    if (h.words < 1) this.fail(line, `the header "${h.words} ${h.dim}" says the file holds no vectors.`);
    checkAnnouncedMatrix(this.file, `line ${line}`, Math.min(h.words, this.limit), h.dim, this.o.maxMatrixBytes);
    this.header = h;
    this.dim = h.dim;
    const plausible = this.r.dataSize > 0 ? Math.floor(this.r.dataSize / (2 * h.dim)) : Infinity; // each value takes ≥ 2 bytes
    this.collector = new VectorCollector(this.file, h.dim, lineWhere, { expectedRows: Math.min(h.words, this.limit, plausible), maxMatrixBytes: this.o.maxMatrixBytes });
  }

  /** The first vector line of a file without a header sets the dimension. */
  private startWithoutHeader(buf: Buffer, s: number, e: number, line: number, n: number): void {
    if (n < 2) this.fail(line, `expected a word followed by its vector values, found ${preview(buf, s, e)}.`);
    this.dim = n - 1;
    this.firstDataLine = line;
    // Guess the row count from the file's size and this line's (10% spare), so that the matrix is
    // usually allocated once; a wrong guess only means growing in blocks.
    const guess = Math.min(this.limit, Math.ceil((this.r.dataSize / (e - s + 1)) * 1.1));
    this.collector = new VectorCollector(this.file, this.dim, lineWhere, { expectedRows: guess, maxMatrixBytes: this.o.maxMatrixBytes });
  }

  /** A "word v1 … vd" line already split into n fields: the last d are the vector, the rest the word. */
  private readRecord(buf: Buffer, line: number, n: number): void {
    const { f, dim } = this;
    const wrongCount = (): never =>
      this.fail(line, `expected ${dim} values after the word ${this.header ? `(the header says d = ${dim})` : `(as on line ${this.firstDataLine})`}, found ${n - 1}` +
        (this.line1Header && this.firstDataLine === 1 ? `; line 1 looks like a word2vec header "${this.line1Header}": import as w2v-text (or auto).` : '.'));
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
    if (bad) this.repaired++;
    checkWord(this.file, `line ${line}`, word);
    const row = this.collector!.row(word, line);
    const first = n - dim;
    for (let k = 0; k < dim; k++) {
      const fk = first + k;
      row[k] = parseDecimal(buf, f.starts[fk], f.ends[fk]);
      if (row[k] - row[k] !== 0) this.fail(line, `value ${k + 1} of ${quoted(word)} ${describeBadNumber(f.text(buf, fk))}.`);
    }
  }

  finish(endLine: number): TextReadResult {
    if (!this.collector) throw new LabError(`${this.file}: holds no vectors (only blank lines).`, 'invalid');
    if (this.header && !this.done && this.records < this.header.words) {
      throw new LabError(`${this.file}: line ${endLine - 1}: the header says ${this.header.words} words, but the file ends after ${this.records} (is it truncated?).`, 'invalid');
    }
    const out = this.collector.finish();
    if (this.repaired > 0) out.warnings.push(`${this.file}: ${this.repaired} words were not valid UTF-8; their bad bytes were replaced with U+FFFD.`);
    return out;
  }
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
