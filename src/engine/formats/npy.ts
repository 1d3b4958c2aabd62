/**
 * NumPy .npy (format version 1.0) with a vocabulary beside it:
 *
 *   vectors.npy   "\x93NUMPY" 01 00, a little-endian uint16 header length, the header
 *                 "{'descr': '<f4', 'fortran_order': False, 'shape': (V, d), }" padded with spaces and
 *                 ending in "\n" so that the data starts at a multiple of 64 bytes, then V × d float32 LE
 *                 in C order: np.load('vectors.npy') gives the matrix;
 *   vocab.txt     one line per row: "word count" (as gensim's fvocab), or the word alone when the run has no
 *                 counts. Read back: when every line ends in " <integer>", that integer is the count.
 *
 * The importer also reads versions 2.0 and 3.0 and float64 or big-endian data (converted to float32);
 * the vocabulary is "<name>.vocab.txt" or "vocab.txt" beside the .npy file.
 */
import { printable, quoted } from '../../shared/printable.js';
import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LabError } from '../../shared/labError.js';
import { VectorCollector, checkWord, checkAnnouncedMatrix } from './collect.js';
import { ByteChunker, TextChunker } from '../base/atomicFiles.js';
import { forEachLine, statInput, withReader, type ReaderOptions } from './source.js';
import { decodeWord } from './textFields.js';
import type { RowSource } from './types.js';

export const NPY_FILES = { vectors: 'vectors.npy', vocab: 'vocab.txt' } as const;
const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

export function isNpyMagic(b: Uint8Array): boolean {
  return b.length >= 6 && MAGIC.every((x, i) => b[i] === x);
}

/** The v1.0 header for a C-order float32 matrix, padded so the data starts at a multiple of 64. */
export function npyHeader(rows: number, dim: number): Buffer {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${dim}), }`;
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1;
  const total = Math.ceil(unpadded / 64) * 64;
  const text = dict + ' '.repeat(total - unpadded) + '\n';
  const out = Buffer.alloc(total);
  MAGIC.copy(out, 0);
  out[6] = 1;
  out[7] = 0;
  out.writeUInt16LE(text.length, 8);
  out.write(text, 10, 'latin1');
  return out;
}

export async function* npyChunks(src: RowSource, onRow?: (i: number) => void): AsyncGenerator<Buffer> {
  yield npyHeader(src.n, src.dim);
  const out = new ByteChunker();
  const vecBytes = 4 * src.dim;
  for (let i = 0; i < src.n; i++) {
    const full = out.reserve(vecBytes);
    if (full) {
      onRow?.(i);
      yield full;
    }
    const row = src.row(i);
    out.target.set(new Uint8Array(row.buffer, row.byteOffset, vecBytes), out.used);
    out.advance(vecBytes);
  }
  onRow?.(src.n);
  const last = out.take();
  if (last) yield last;
}

export function* vocabChunks(src: RowSource, wordOf: (i: number) => string): Generator<Buffer> {
  const chunker = new TextChunker();
  let withCounts = false;
  for (let i = 0; i < src.n && !withCounts; i++) withCounts = src.counts[i] > 0;
  for (let i = 0; i < src.n; i++) {
    const full = chunker.push(withCounts ? `${wordOf(i)} ${src.counts[i]}\n` : `${wordOf(i)}\n`);
    if (full) yield full;
  }
  const last = chunker.take();
  if (last) yield last;
}

/** The vocabulary file for a .npy file: "<name>.vocab.txt", else "vocab.txt" beside it. */
export async function findNpyVocab(npyFile: string): Promise<string> {
  const dir = dirname(npyFile);
  const stem = basename(npyFile).replace(/\.gz$/i, '').replace(/\.npy$/i, '');
  const candidates = [join(dir, `${stem}.vocab.txt`), join(dir, NPY_FILES.vocab)];
  for (const c of candidates) {
    try {
      await access(c);
      return c;
    } catch {
      /* next */
    }
  }
  throw new LabError(`${npyFile}: a .npy file holds no words; expected its vocabulary beside it as ${candidates.map((c) => basename(c)).join(' or ')} (one word per line, or "word count").`, 'invalid');
}

async function readVocab(file: string, o: ReaderOptions, limit: number): Promise<{ words: string[]; counts: Uint32Array | null; warnings: string[] }> {
  return withReader(file, o, async (r) => {
    await r.fill(3);
    if (r.available >= 3 && r.buf[r.pos] === 0xef && r.buf[r.pos + 1] === 0xbb && r.buf[r.pos + 2] === 0xbf) r.pos += 3;
    if (r.available === 0) throw new LabError(`${file}: the file is empty; expected one word per line (or "word count").`, 'invalid');
    const lines: string[] = [];
    let allCounted = true;
    let repaired = 0;
    await forEachLine(r, 1, (buf, s, e, line) => {
      if (lines.length >= limit) return false;
      const { word, repaired: bad } = decodeWord(buf, s, e);
      if (bad) repaired++;
      checkWord(file, `line ${line}`, word);
      lines.push(word);
      if (allCounted && !/^.*[^ ] +\d{1,10}$/.test(word)) allCounted = false;
      return true;
    });
    let counts: Uint32Array | null = null;
    let words = lines;
    if (allCounted) {
      counts = new Uint32Array(lines.length);
      words = lines.map((l, i) => {
        const m = /^(.*[^ ]) +(\d{1,10})$/.exec(l)!;
        counts![i] = Math.min(Number(m[2]), 0xffffffff);
        return m[1];
      });
    }
    const warnings = repaired > 0 ? [`${file}: ${repaired} words were not valid UTF-8; their bad bytes were replaced with U+FFFD.`] : [];
    return { words, counts, warnings };
  });
}

interface NpyHeader {
  rows: number;
  dim: number;
  itemBytes: 4 | 8;
  littleEndian: boolean;
  dataStart: number;
}

function parseNpyHeader(file: string, b: Buffer, eof: boolean): NpyHeader {
  if (!isNpyMagic(b)) throw new LabError(`${file}: byte 0: expected the NumPy magic "\\x93NUMPY"; this is not a .npy file.`, 'invalid');
  if (b.length < 10) throw new LabError(`${file}: byte ${b.length}: truncated inside the .npy header.`, 'invalid');
  const major = b[6];
  if (major < 1 || major > 3) throw new LabError(`${file}: byte 6: .npy format version ${major}.${b[7]} is not one we read (1.0, 2.0 or 3.0).`, 'invalid');
  const lenBytes = major === 1 ? 2 : 4;
  const headerLen = major === 1 ? b.readUInt16LE(8) : b.length >= 12 ? b.readUInt32LE(8) : -1;
  const dataStart = 8 + lenBytes + headerLen;
  if (headerLen < 0 || b.length < dataStart) {
    if (eof || headerLen > 1 << 20) throw new LabError(`${file}: byte ${b.length}: truncated inside the .npy header (it announces ${headerLen} bytes).`, 'invalid');
    return { rows: -1, dim: 0, itemBytes: 4, littleEndian: true, dataStart };
  }
  const text = b.toString(major === 3 ? 'utf8' : 'latin1', 8 + lenBytes, dataStart);
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]+)['"]/.exec(text)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text)?.[1];
  const shape = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (!descr || !fortran || shape === undefined) throw new LabError(`${file}: byte 10: the .npy header is not a dict with descr, fortran_order and shape: ${quoted(text.trim(), 200)}.`, 'invalid');
  const dt = /^([<>|=])f([48])$/.exec(descr);
  if (!dt) throw new LabError(`${file}: the array's dtype is ${printable(descr, 40)}; expected float32 ('<f4') or float64 ('<f8').`, 'invalid');
  if (fortran === 'True') throw new LabError(`${file}: the array is in Fortran order; save it in C order (np.save(f, np.ascontiguousarray(m))).`, 'invalid');
  const dims = shape.split(',').map((x) => x.trim()).filter(Boolean).map(Number);
  if (dims.length !== 2 || !dims.every((x) => Number.isInteger(x) && x >= 0)) {
    throw new LabError(`${file}: the array's shape is (${printable(shape, 80)}); expected a matrix (words, dimensions).`, 'invalid');
  }
  if (dims[0] < 1 || dims[1] < 1) throw new LabError(`${file}: the array's shape is (${dims.join(', ')}); it holds no vectors.`, 'invalid');
  return { rows: dims[0], dim: dims[1], itemBytes: Number(dt[2]) as 4 | 8, littleEndian: dt[1] !== '>', dataStart };
}

export interface NpyReadOptions extends ReaderOptions {
  limit?: number;
  maxMatrixBytes?: number;
}

export async function readNpy(npyFile: string, vocabFile: string, o: NpyReadOptions = {}) {
  const limit = o.limit ?? Infinity;
  const vocab = await readVocab(vocabFile, o, limit);
  const vocabBytes = (await statInput(vocabFile)).size;
  return withReader(npyFile, { ...o, progressBase: (o.progressBase ?? 0) + vocabBytes }, async (r) => {
    const file = r.file;
    await r.fill(1);
    if (r.available === 0) throw new LabError(`${file}: the file is empty; expected a .npy array.`, 'invalid');
    let h = parseNpyHeader(file, (await r.fill(12), r.buf.subarray(r.pos)), r.eof);
    if (h.rows < 0) {
      await r.fill(h.dataStart);
      h = parseNpyHeader(file, r.buf.subarray(r.pos), r.eof);
    }
    const { rows, dim, itemBytes, littleEndian } = h;
    const n = Math.min(rows, limit);
    checkAnnouncedMatrix(file, 'byte 10', n, dim, o.maxMatrixBytes);
    if (vocab.words.length !== n) {
      throw new LabError(
        `${vocabFile}: holds ${vocab.words.length} words but ${basename(file)} has ${rows} rows${n < rows ? ` (${n} to import)` : ''}; each row needs a word.`,
        'invalid',
      );
    }
    r.pos += h.dataStart;
    const rowBytes = itemBytes * dim;
    const collector = new VectorCollector(file, dim, (i) => `${basename(vocabFile)} line ${i + 1}`, { expectedRows: n, maxMatrixBytes: o.maxMatrixBytes });
    const native = itemBytes === 4 && littleEndian;
    for (let i = 0; i < n; i++) {
      if (!(await r.fill(rowBytes))) {
        throw new LabError(
          `${file}: ${r.where(r.offset + r.buf.length)}: truncated: the header announces ${rows} × ${dim} values (${rows * rowBytes} bytes of data), but the file ends inside row ${i + 1}.`,
          'invalid',
        );
      }
      const row = collector.row(vocab.words[i], i, vocab.counts ? vocab.counts[i] : 0);
      const at = r.pos;
      if (native) new Uint8Array(row.buffer, row.byteOffset, rowBytes).set(r.buf.subarray(at, at + rowBytes));
      else {
        const dv = new DataView(r.buf.buffer, r.buf.byteOffset + at, rowBytes);
        for (let j = 0; j < dim; j++) row[j] = itemBytes === 4 ? dv.getFloat32(4 * j, littleEndian) : dv.getFloat64(8 * j, littleEndian);
      }
      for (let j = 0; j < dim; j++) {
        if (row[j] - row[j] !== 0) {
          throw new LabError(
            `${file}: ${r.where(r.offset + at + itemBytes * j)}: row ${i + 1} (${quoted(vocab.words[i])}), value ${j + 1} is ${Number.isNaN(row[j]) ? 'NaN' : 'infinite or beyond the float32 range'}; NaN and infinite values are not allowed.`,
            'invalid',
          );
        }
      }
      r.pos += rowBytes;
    }
    const warnings: string[] = [];
    if (n === rows) {
      let extra = r.available;
      while (extra === 0 && (await r.more())) extra = r.available;
      if (extra > 0) warnings.push(`${file}: ignored data after the ${rows} × ${dim} array.`);
    }
    const out = collector.finish();
    out.warnings.unshift(...vocab.warnings);
    out.warnings.push(...warnings);
    return out;
  });
}
