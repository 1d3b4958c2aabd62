/**
 * Shared types of the vector file formats (export and import).
 *
 * Format ids, as the CLI and the contract name them:
 *  - 'w2v-text'  word2vec text: a "V d" header line, then "word v1 … vd" per line (gensim, fastText .vec);
 *  - 'w2v-bin'   word2vec binary: a "V d\n" header, then per word: the word's UTF-8 bytes, a space,
 *                d little-endian float32 and a "\n" (as word2vec.c writes it; gensim writes no "\n");
 *  - 'glove'     GloVe text: "word v1 … vd" per line, no header;
 *  - 'tsv'       TensorFlow Embedding Projector: vectors.tsv + metadata.tsv (+ projector_config.json);
 *  - 'npy'       NumPy: vectors.npy (float32 '<f4', C order, shape (V, d)) + vocab.txt.
 *
 * Read only (a model, not a vector file; see fastTextBin.ts):
 *  - 'fasttext-bin'  a fastText model (.bin) from `fasttext skipgram|cbow`: the vocabulary's vectors as
 *                    fastText computes them, and where its character n-gram rows are, for unseen words.
 */
import type { ProgressSink } from '../base/progress.js';
import type { TrainedVectors } from '../vectors/trainedVectors.js';
import type { FastTextModelInfo } from './fastText/header.js';
import type { SubwordLayout } from './fastTextBin.js';

/** The formats that are both read and written. */
export const VECTOR_FORMATS = ['w2v-text', 'w2v-bin', 'glove', 'tsv', 'npy'] as const;
export type VectorFormat = (typeof VECTOR_FORMATS)[number];
/** The formats that are only read. */
export const READ_ONLY_FORMATS = ['fasttext-bin'] as const;
/** Every format an import can read. */
export const IMPORT_FORMATS = [...VECTOR_FORMATS, ...READ_ONLY_FORMATS] as const;
export type ReadFormat = (typeof IMPORT_FORMATS)[number];
export type ImportFormat = ReadFormat | 'auto';

export const FORMAT_LABELS: Record<ReadFormat, string> = {
  'w2v-text': 'word2vec text',
  'w2v-bin': 'word2vec binary',
  glove: 'GloVe text',
  tsv: 'TensorFlow Projector TSV',
  npy: 'NumPy .npy + vocab.txt',
  'fasttext-bin': 'fastText model (.bin)',
};

/** Whether s names a format that is written (and read). */
export function isVectorFormat(s: string): s is VectorFormat {
  return (VECTOR_FORMATS as readonly string[]).includes(s);
}

/** Whether s names a format that an import reads. */
export function isImportFormat(s: string): s is ReadFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(s);
}

export interface ImportOptions {
  /** 'auto' (the default) detects the format from the path and the first bytes. */
  format?: ImportFormat;
  /** Read only the first `limit` vectors (files are in frequency order), like gensim's `limit`. */
  limit?: number;
  /** Refuse a matrix larger than this many bytes (the store holds one run's matrix in one blob). */
  maxMatrixBytes?: number;
  /** fastText models: also return the character n-gram rows in memory (fastText.subwordRows). */
  subwordRows?: boolean;
  progress?: ProgressSink;
  signal?: AbortSignal;
}

/** What a fastText model adds to its imported vectors. */
export interface FastTextImport {
  model: FastTextModelInfo;
  /** Where its n-gram rows are (for vectors of unseen words); null when it has no n-grams. */
  subwords: SubwordLayout | null;
  /** The n-gram rows (bucket × dim), when the import asked for them (subwordRows). */
  subwordRows?: Float32Array;
}

export interface ImportedVectors extends TrainedVectors {
  /** The format that was read (the detected one for 'auto'). */
  format: ReadFormat;
  /** Whether the (main) file was gzip-compressed. */
  gzip: boolean;
  /** Every file that was read. */
  files: string[];
  /** Things the user should know that did not stop the import (duplicate words, repaired bytes...). */
  warnings: string[];
  /** Set for a fastText model. */
  fastText?: FastTextImport;
}

export interface ExportOptions {
  format: VectorFormat;
  /**
   * Where to write. For w2v-text, w2v-bin and glove: the file (a name ending in .gz is gzip-compressed).
   * For tsv and npy: a directory (created if missing) that receives the format's fixed file names.
   */
  out: string;
  /** Only the first (most frequent) N words. */
  top?: number;
  /** L2-normalise each row. */
  normalize?: boolean;
  /** Write W + C (word plus context vectors) where the run has C. */
  contexts?: boolean;
  /**
   * Words that contain a space, in the formats that separate fields with spaces (w2v-text, w2v-bin, glove):
   * 'keep' (the default) writes them as they are, as word2vec.c and gensim's save_word2vec_format do; our
   * importer reads them back exactly, but gensim and word2vec.c end a word at its first space and cannot.
   * 'underscore' writes "new york" as "new_york", which every tool reads.
   */
  spaces?: 'keep' | 'underscore';
  /** The tensor's name in projector_config.json. */
  name?: string;
  progress?: ProgressSink;
  signal?: AbortSignal;
}

export interface ExportResult {
  format: VectorFormat;
  /** The files written, absolute. */
  files: string[];
  words: number;
  dim: number;
  bytes: number;
  warnings: string[];
}

/** The rows an export writes, after top-N, W+C and normalisation; computed row by row, never copied whole. */
export interface RowSource {
  n: number;
  dim: number;
  words: string[];
  counts: Uint32Array;
  /** Row i, valid until the next call. */
  row(i: number): Float32Array;
}
