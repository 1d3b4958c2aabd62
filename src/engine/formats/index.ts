/**
 * Vector files in and out: importVectors reads any supported format (detected or named), exportVectors
 * writes one. Both stream, report progress in bytes (import) or words (export), and stop with Cancelled
 * when the signal aborts. See types.ts for the formats.
 */
import { quoted } from '../../shared/printable.js';
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LabError } from '../../shared/labError.js';
import { Cancelled } from '../base/errors.js';
import { noProgress } from '../base/progress.js';
import type { TrainedVectors } from '../vectors/trainedVectors.js';
import { planImport, type ImportPlan } from './detect.js';
import { gloveChunks, readGlove } from './glove.js';
import { npyChunks, NPY_FILES, readNpy, vocabChunks } from './npy.js';
import { projectorConfig, projectorMetadataChunks, projectorPaths, projectorVectorChunks, readProjector } from './projector.js';
import { selectRows } from './rows.js';
import { commitFiles, discardFiles, writeTemp, type PendingFile } from '../base/atomicFiles.js';
import { statInput, withReader } from './source.js';
import { binaryVectorChunks, readBinaryVectors } from './word2vecBinary.js';
import { readTextVectors, textVectorChunks } from './word2vecText.js';
import { readFastTextBin } from './fastTextBin.js';
import { FORMAT_LABELS, IMPORT_FORMATS, isImportFormat, isVectorFormat, VECTOR_FORMATS, type ExportOptions, type FastTextImport, type ExportResult, type ImportedVectors, type ImportOptions, type RowSource } from './types.js';

export * from './types.js';
export { planImport, type ImportPlan } from './detect.js';
export { describeModel, fastTextHash, readFastTextBin, subwordBuckets, subwordStrings, type FastTextModelInfo, type FastTextReadOptions, type FastTextVectors } from './fastTextBin.js';
export { SubwordFile, SubwordRows } from './fastText/unseenWords.js';

export async function importVectors(path: string, o: ImportOptions = {}): Promise<ImportedVectors> {
  const format = o.format ?? 'auto';
  if (format !== 'auto' && !isImportFormat(format)) {
    throw new LabError(`Unknown vector format "${format}"; expected auto, ${IMPORT_FORMATS.join(', ')}.`, 'invalid');
  }
  if (o.limit !== undefined && (!Number.isInteger(o.limit) || o.limit < 1)) throw new LabError(`limit must be a positive integer, not ${o.limit}.`, 'invalid');
  const file = resolve(path);
  const progress = o.progress ?? noProgress;
  if (o.signal?.aborted) throw new Cancelled();
  const plan: ImportPlan = await planImport(file, format);
  const files = plan.words ? [plan.words, plan.vectors] : [plan.vectors];
  let total = 0;
  for (const f of files) total += (await statInput(f)).size;
  progress.phase('read', total, 'bytes');
  const ro = { progress, signal: o.signal, limit: o.limit, maxMatrixBytes: o.maxMatrixBytes };
  let got: { words: string[]; counts: Uint32Array; dim: number; W: Float32Array; warnings: string[] };
  let fastText: FastTextImport | undefined;
  switch (plan.format) {
    case 'w2v-text':
      got = await withReader(plan.vectors, ro, (r) => readTextVectors(r, { header: true, limit: o.limit, maxMatrixBytes: o.maxMatrixBytes }));
      break;
    case 'glove':
      got = await withReader(plan.vectors, ro, (r) => readGlove(r, { limit: o.limit, maxMatrixBytes: o.maxMatrixBytes }));
      break;
    case 'w2v-bin':
      got = await withReader(plan.vectors, ro, (r) => readBinaryVectors(r, { limit: o.limit, maxMatrixBytes: o.maxMatrixBytes }));
      break;
    case 'tsv':
      got = await readProjector(plan.vectors, plan.words!, ro);
      break;
    case 'npy':
      got = await readNpy(plan.vectors, plan.words!, ro);
      break;
    case 'fasttext-bin': {
      const { model, subwords, subwordRows, ...vectors } = await withReader(plan.vectors, ro, (r) =>
        readFastTextBin(r, { limit: o.limit, maxMatrixBytes: o.maxMatrixBytes, subwordRows: o.subwordRows }));
      got = vectors;
      fastText = { model, subwords, ...(subwordRows ? { subwordRows } : {}) };
      break;
    }
  }
  progress.update(total);
  return { ...got, format: plan.format, gzip: plan.gzip, files, warnings: [...plan.warnings, ...got.warnings], ...(fastText ? { fastText } : {}) };
}

/** Words as a format can hold them: spaces kept or made "_" (w2v/GloVe), tabs made spaces (TSV). */
function wordMapper(v: { words: string[] }, n: number, o: ExportOptions, warnings: string[]): (i: number) => string {
  const spaced = (o.format === 'w2v-text' || o.format === 'w2v-bin' || o.format === 'glove') ? v.words.slice(0, n).filter((w) => w.includes(' ')) : [];
  if (spaced.length > 0) {
    const eg = spaced.slice(0, 3).map((w) => quoted(w)).join(', ');
    if ((o.spaces ?? 'keep') === 'keep') {
      warnings.push(
        `${spaced.length} word${spaced.length === 1 ? ' contains' : 's contain'} a space (${eg}); they are written as they are, which this lab reads back exactly, ` +
          `but gensim and word2vec.c end a word at its first space and cannot read this file. Export with spaces "underscore" to write them with "_".`,
      );
    } else {
      const all = new Set(v.words.slice(0, n));
      const clashes = spaced.filter((w) => all.has(w.replaceAll(' ', '_'))).length;
      warnings.push(`${spaced.length} word${spaced.length === 1 ? '' : 's'} with a space (${eg}) written with "_" instead` + (clashes ? `; ${clashes} of them now equal another word (readers keep the first).` : '.'));
      return (i) => v.words[i].replaceAll(' ', '_');
    }
  }
  if (o.format === 'tsv') {
    const tabbed = v.words.slice(0, n).filter((w) => w.includes('\t')).length;
    if (tabbed > 0) {
      warnings.push(`${tabbed} words contain a tab, which separates TSV columns; written with a space instead.`);
      return (i) => v.words[i].replaceAll('\t', ' ');
    }
  }
  return (i) => v.words[i];
}

async function ensureDirectory(dir: string, format: string, files: string): Promise<void> {
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw new LabError(`--format ${format} writes ${files}: give the path of a folder, not of the file ${dir}.`, 'invalid');
    return;
  } catch (e) {
    if (e instanceof LabError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new LabError(`Cannot use ${dir}: ${(e as Error).message}`, 'invalid');
  }
  if (/\.(tsv|npy|txt|json)(\.gz)?$/i.test(dir)) {
    throw new LabError(`--format ${format} writes ${files} into a folder; ${dir} looks like a file name. Give a folder.`, 'invalid');
  }
  await mkdir(dir, { recursive: true });
}

export async function exportVectors(v: TrainedVectors, o: ExportOptions): Promise<ExportResult> {
  if (!isVectorFormat(o.format)) {
    const readOnly = isImportFormat(o.format) ? ` (${FORMAT_LABELS[o.format]} is read, not written)` : '';
    throw new LabError(`Unknown vector format "${o.format}"${readOnly}; expected ${VECTOR_FORMATS.join(', ')}.`, 'invalid');
  }
  if (!o.out) throw new LabError('An export needs a destination (out).', 'invalid');
  if (o.signal?.aborted) throw new Cancelled();
  const src = selectRows(v, o);
  if (src.n === 0) throw new LabError('There are no vectors to export.', 'invalid');
  const warnings: string[] = [];
  const wordOf = wordMapper(v, src.n, o, warnings);
  const progress = o.progress ?? noProgress;
  const onRow = (i: number): void => {
    if (o.signal?.aborted) throw new Cancelled();
    progress.update(i);
  };
  const out = resolve(o.out);
  const pending: PendingFile[] = [];
  progress.phase('write', src.n, 'words');
  const write = async (target: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> => {
    pending.push(await writeTemp(target, chunks, o.signal));
  };
  try {
    await writeAll(o.format, out, src, write, wordOf, onRow, o.name);
    if (o.signal?.aborted) throw new Cancelled();
    await commitFiles(pending);
  } catch (e) {
    await discardFiles(pending);
    throw e;
  }
  progress.update(src.n);
  const bytes = pending.reduce((a, f) => a + f.bytes, 0);
  return { format: o.format, files: pending.map((f) => f.target), words: src.n, dim: src.dim, bytes, warnings };
}

type Write = (target: string, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) => Promise<void>;

async function writeAll(
  format: ExportOptions['format'], out: string, src: RowSource, write: Write,
  wordOf: (i: number) => string, onRow: (i: number) => void, name = 'embedding',
): Promise<void> {
  switch (format) {
    case 'w2v-text':
      await write(out, textVectorChunks(src, { header: true, wordOf, onRow }));
      break;
    case 'glove':
      await write(out, gloveChunks(src, { wordOf, onRow }));
      break;
    case 'w2v-bin':
      await write(out, binaryVectorChunks(src, { wordOf, onRow }));
      break;
    case 'tsv': {
      await ensureDirectory(out, 'tsv', 'vectors.tsv, metadata.tsv and projector_config.json');
      const p = projectorPaths(out);
      await write(p.vectors, projectorVectorChunks(src, onRow));
      await write(p.metadata, projectorMetadataChunks(src, wordOf));
      await write(p.config, [Buffer.from(projectorConfig(name, src.n, src.dim))]);
      break;
    }
    case 'npy': {
      await ensureDirectory(out, 'npy', `${NPY_FILES.vectors} and ${NPY_FILES.vocab}`);
      await write(join(out, NPY_FILES.vectors), npyChunks(src, onRow));
      await write(join(out, NPY_FILES.vocab), vocabChunks(src, wordOf));
      break;
    }
  }
}

export { FORMAT_LABELS };
