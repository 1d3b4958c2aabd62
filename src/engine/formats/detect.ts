/**
 * Which format a file (or folder) is, from its name and its first bytes:
 *  - a folder: projector_config.json, vectors.tsv + metadata.tsv, or vectors.npy + vocab.txt inside;
 *  - gzip by the magic bytes 1f 8b (any name), then the rules below on the decompressed bytes;
 *  - a fastText model by its magic number (the int32 793712314 at byte 0);
 *  - .npy by the magic "\x93NUMPY"; projector_config.json by name; a .tsv name is Projector TSV
 *    (metadata.tsv beside it);
 *  - a first line of exactly two integers is a word2vec header: text when the next line is a word and
 *    d numbers, binary otherwise;
 *  - a first line "word n1 n2 …" is GloVe (no header); tab-separated numbers alone are a Projector vectors file.
 */
import { isUtf8 } from 'node:buffer';
import { access, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LabError } from '../../shared/labError.js';
import { FASTTEXT_MAGIC } from './fastText/header.js';
import { findNpyVocab, isNpyMagic, NPY_FILES } from './npy.js';
import { PROJECTOR_FILES, readProjectorConfig } from './projector.js';
import { statInput, withReader } from './source.js';
import { FieldSplitter, isTsvNumbersLine, isVectorLine, parseHeaderLine, preview } from './textFields.js';
import { FORMAT_LABELS, type ImportFormat, type ReadFormat } from './types.js';

export interface ImportPlan {
  format: ReadFormat;
  /** The file holding the vectors. */
  vectors: string;
  /** metadata.tsv (tsv) or vocab.txt (npy). */
  words?: string;
  gzip: boolean;
  /** How the format was recognised, for messages. */
  reason: string;
  warnings: string[];
}

const PEEK = 64 << 10;

/** What the first bytes of a file say. */
export interface Sniff {
  gzip: boolean;
  empty: boolean;
  npy: boolean;
  /** Starts with fastText's magic number. */
  fastText: boolean;
  /** Line 1 is "V d". */
  header: { words: number; dim: number } | null;
  /** After a header: whether line 2 is a text vector line (true), not one (false). */
  textAfterHeader: boolean | null;
  /** Without a header: line 1 is "word n1 n2 …". */
  vectorLine: boolean;
  /** Line 1 is tab-separated numbers. */
  tsvLine: boolean;
  firstLine: string;
}

export async function sniff(file: string): Promise<Sniff> {
  return withReader(file, {}, async (r) => {
    await r.fill(PEEK);
    let b = r.buf.subarray(r.pos);
    const fastText = b.length >= 4 && b.readInt32LE(0) === FASTTEXT_MAGIC;
    const out: Sniff = { gzip: r.gzip, empty: b.length === 0, npy: isNpyMagic(b), fastText, header: null, textAfterHeader: null, vectorLine: false, tsvLine: false, firstLine: '' };
    if (out.empty || out.npy || out.fastText) return out;
    let s = 0;
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) s = 3;
    let nl = b.indexOf(10, s);
    let e = nl === -1 ? b.length : nl;
    if (e > s && b[e - 1] === 13) e--;
    out.firstLine = preview(b, s, e);
    const f = new FieldSplitter();
    out.header = parseHeaderLine(b, s, e);
    if (out.header && nl !== -1) {
      // Line 2 decides text or binary; make sure all of it is here when it is text (≤ ~40 bytes a value).
      const want = Math.min(nl + 1 + 64 + 40 * out.header.dim, 16 << 20);
      if (b.length < want && !r.eof) {
        await r.fill(want);
        b = r.buf.subarray(r.pos);
      }
      const s2 = nl + 1;
      const nl2 = b.indexOf(10, s2);
      if (nl2 === -1 && !r.eof && b.length >= want) {
        // Line 2 goes on past what text of this dimension needs. Text still when what is here reads as
        // "word n1 n2 …" (up to its last space), so that the reader names the line that is too long.
        const e2 = b.lastIndexOf(32, b.length - 1);
        out.textAfterHeader = e2 > s2 && isPrintable(b, s2, e2) && isVectorLine(f, b, s2, e2, 0, true);
      } else {
        let e2 = nl2 === -1 ? b.length : nl2;
        if (e2 > s2 && b[e2 - 1] === 13) e2--;
        // Text when line 2 is printable UTF-8 shaped like "word n1 n2 …" (whatever its count: the reader
        // then reports a count that disagrees with the header); binary floats are never all printable.
        out.textAfterHeader = s2 < e2 && isPrintable(b, s2, e2) && isVectorLine(f, b, s2, e2, 0, true);
      }
      return out;
    }
    out.vectorLine = isVectorLine(f, b, s, e, 0, true);
    out.tsvLine = isTsvNumbersLine(f, b, s, e);
    return out;
  });
}

function isPrintable(b: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] < 32 && b[i] !== 9) return false;
  return isUtf8(b.subarray(s, e));
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

const bare = (p: string): string => basename(p).toLowerCase().replace(/\.gz$/, '');

/** The metadata.tsv for a Projector vectors file (or the vectors file for a metadata file). */
async function projectorPair(file: string): Promise<{ vectors: string; metadata: string }> {
  const dir = dirname(file);
  const name = basename(file);
  if (/metadata/i.test(name)) {
    const vectors = [name.replace(/metadata/i, 'vectors'), PROJECTOR_FILES.vectors, `${PROJECTOR_FILES.vectors}.gz`].map((x) => join(dir, x));
    for (const v of vectors) if (v !== file && (await exists(v))) return { vectors: v, metadata: file };
    throw new LabError(`${file}: this is Projector metadata; import its vectors.tsv (expected beside it).`, 'invalid');
  }
  const candidates = [...new Set([name.replace(/vectors/i, 'metadata'), PROJECTOR_FILES.metadata, `${PROJECTOR_FILES.metadata}.gz`])]
    .filter((x) => x !== name)
    .map((x) => join(dir, x));
  for (const m of candidates) if (await exists(m)) return { vectors: file, metadata: m };
  throw new LabError(`${file}: a Projector vectors file holds no words; expected ${candidates.map((c) => basename(c)).join(' or ')} beside it.`, 'invalid');
}

async function planDirectory(dir: string): Promise<ImportPlan> {
  const entries = new Set(await readdir(dir));
  if (entries.has(PROJECTOR_FILES.config)) {
    const c = await readProjectorConfig(join(dir, PROJECTOR_FILES.config));
    return { format: 'tsv', vectors: c.vectors, words: c.metadata, gzip: false, reason: 'a folder with projector_config.json', warnings: c.warnings };
  }
  for (const v of [PROJECTOR_FILES.vectors, `${PROJECTOR_FILES.vectors}.gz`]) {
    if (entries.has(v)) {
      const pair = await projectorPair(join(dir, v));
      return { format: 'tsv', vectors: pair.vectors, words: pair.metadata, gzip: false, reason: `a folder with ${v}`, warnings: [] };
    }
  }
  for (const v of [NPY_FILES.vectors, `${NPY_FILES.vectors}.gz`]) {
    if (entries.has(v)) {
      const vectors = join(dir, v);
      return { format: 'npy', vectors, words: await findNpyVocab(vectors), gzip: false, reason: `a folder with ${v}`, warnings: [] };
    }
  }
  throw new LabError(
    `${dir}: is a folder; expected one holding ${PROJECTOR_FILES.config}, ${PROJECTOR_FILES.vectors} + ${PROJECTOR_FILES.metadata}, or ${NPY_FILES.vectors} + ${NPY_FILES.vocab} (or name a vector file).`,
    'invalid',
  );
}

/** Works out how to import `path` with `format` ('auto' detects). Checks an explicit format against the bytes. */
export async function planImport(path: string, format: ImportFormat = 'auto'): Promise<ImportPlan> {
  const { isDirectory } = await statInput(path);
  if (isDirectory) {
    const plan = await planDirectory(path);
    if (format !== 'auto' && format !== plan.format) {
      throw new LabError(`${path}: this folder holds ${FORMAT_LABELS[plan.format]} files, not ${FORMAT_LABELS[format]}.`, 'invalid');
    }
    return plan;
  }
  const name = bare(path);
  if (name.endsWith('.json')) {
    if (format !== 'auto' && format !== 'tsv') throw new LabError(`${path}: a .json file can only be a projector_config.json (format tsv).`, 'invalid');
    const c = await readProjectorConfig(path);
    return { format: 'tsv', vectors: c.vectors, words: c.metadata, gzip: false, reason: 'projector_config.json', warnings: c.warnings };
  }
  const sn = await sniff(path);
  if (sn.empty) {
    throw new LabError(`${path}: the file is empty; expected ${format === 'auto' ? 'vectors (word2vec text or binary, GloVe, Projector TSV or .npy)' : FORMAT_LABELS[format]}.`, 'invalid');
  }
  const detected = ((): { format: ReadFormat; reason: string } | null => {
    if (sn.fastText) return { format: 'fasttext-bin', reason: "fastText's magic number" };
    if (sn.npy) return { format: 'npy', reason: 'the NumPy magic bytes' };
    if (name.endsWith('.tsv')) return { format: 'tsv', reason: 'the .tsv name' };
    // A header that cannot be right goes to the reader named (or text), whose error explains it.
    if (sn.header && (sn.header.dim < 1 || sn.header.words < 1)) return { format: format === 'w2v-bin' ? 'w2v-bin' : 'w2v-text', reason: 'a "V d" header' };
    if (sn.header) return sn.textAfterHeader ? { format: 'w2v-text', reason: 'a "V d" header then text lines' } : { format: 'w2v-bin', reason: 'a "V d" header then binary data' };
    if (sn.vectorLine) return { format: 'glove', reason: 'lines of a word and numbers, no header' };
    if (sn.tsvLine) return { format: 'tsv', reason: 'tab-separated numbers' };
    return null;
  })();
  const chosen = format === 'auto' ? detected?.format : format;
  if (!chosen) {
    throw new LabError(
      `${path}: could not recognise the format from line 1 (${sn.firstLine}); expected a word2vec header "V d", a GloVe line "word v1 … vd", ` +
        'tab-separated numbers (Projector vectors.tsv), a .npy file or a fastText .bin model. Name the format to see what is wrong.',
      'invalid',
    );
  }
  // An explicit format that the bytes clearly contradict gets a clear error rather than garbage.
  if (format !== 'auto' && detected && detected.format !== format) {
    const clash =
      (format === 'w2v-bin' && detected.format === 'w2v-text') ||
      ((format === 'w2v-text' || format === 'glove' || format === 'tsv') && detected.format === 'w2v-bin') ||
      (format !== 'npy' && detected.format === 'npy') ||
      (format !== 'fasttext-bin' && detected.format === 'fasttext-bin') ||
      (format === 'npy' && !sn.npy);
    if (clash) {
      throw new LabError(`${path}: this looks like ${FORMAT_LABELS[detected.format]} (${detected.reason}), not ${FORMAT_LABELS[format]}; import it as ${detected.format} (or auto).`, 'invalid');
    }
  }
  const plan: ImportPlan = { format: chosen, vectors: path, gzip: sn.gzip, reason: format === 'auto' ? detected!.reason : 'named', warnings: [] };
  if (chosen === 'tsv') {
    const pair = await projectorPair(path);
    plan.vectors = pair.vectors;
    plan.words = pair.metadata;
  } else if (chosen === 'npy') plan.words = await findNpyVocab(path);
  return plan;
}
