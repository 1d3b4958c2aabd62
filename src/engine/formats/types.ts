/**
 * Types of the vector file formats (export and import). The format ids and labels and what an
 * import or export reports are the contract's (src/shared/types/vectors.ts).
 */
import type { ProgressSink } from '../base/progress.js';
import type { TrainedVectors } from '../vectors/trainedVectors.js';
import type { FastTextModelInfo } from './fastText/header.js';
import type { ImportFormat, ReadFormat, SubwordLayout, VectorFormat } from '../../shared/types/vectors.js';

export {
  FORMAT_LABELS, IMPORT_FORMATS, isImportFormat, isVectorFormat, READ_ONLY_FORMATS, VECTOR_FORMATS,
  type ExportResult, type ImportFormat, type ReadFormat, type SubwordLayout, type VectorFormat,
} from '../../shared/types/vectors.js';

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


/** The rows an export writes, after top-N, W+C and normalisation; computed row by row, never copied whole. */
export interface RowSource {
  n: number;
  dim: number;
  words: string[];
  counts: Uint32Array;
  /** Row i, valid until the next call. */
  row(i: number): Float32Array;
}
