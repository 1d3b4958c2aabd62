/**
 * Vector files: the formats the lab reads and writes, and what an import or an export
 * reports. Format ids, as the CLI and the contract name them:
 *  - 'w2v-text'  word2vec text: a "V d" header line, then "word v1 … vd" per line (gensim, fastText .vec);
 *  - 'w2v-bin'   word2vec binary: a "V d\n" header, then per word: the word's UTF-8 bytes, a space,
 *                d little-endian float32 and a "\n" (as word2vec.c writes it; gensim writes no "\n");
 *  - 'glove'     GloVe text: "word v1 … vd" per line, no header;
 *  - 'tsv'       TensorFlow Embedding Projector: vectors.tsv + metadata.tsv (+ projector_config.json);
 *  - 'npy'       NumPy: vectors.npy (float32 '<f4', C order, shape (V, d)) + vocab.txt.
 *
 * Read only (a model, not a vector file; see engine/formats/fastTextBin.ts):
 *  - 'fasttext-bin'  a fastText model (.bin) from `fasttext skipgram|cbow`: the vocabulary's vectors as
 *                    fastText computes them, and where its character n-gram rows are, for unseen words.
 */
export const VECTOR_FORMATS = ['w2v-text', 'w2v-bin', 'glove', 'tsv', 'npy'] as const;
/** A format the lab writes (and reads). */
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

/** What an imported fastText model is, in fastText's own argument names. */
export interface FastTextModelSummary {
  version: number;
  model: string;
  loss: string;
  dim: number;
  ws: number;
  epoch: number;
  minCount: number;
  neg: number;
  bucket: number;
  minn: number;
  maxn: number;
  words: number;
  tokens: number;
}

/** Where a fastText model's character n-gram rows are, for the vectors of words it never saw. */
export interface SubwordLayout {
  minn: number;
  maxn: number;
  bucket: number;
  dim: number;
  /** The model's file, its size, and the byte offset of n-gram row 0 in it (null when gzip-compressed). */
  file: string;
  fileBytes: number;
  rowsOffset: number | null;
}

export interface ImportRunResult {
  runId: number;
  name: string;
  format: ReadFormat;
  gzip: boolean;
  words: number;
  dim: number;
  files: string[];
  warnings: string[];
  seconds: number;
  /** For a fastText model: what it is, and where its n-gram rows are (null: no n-grams). */
  fastText?: { model: FastTextModelSummary; description: string; subwords: SubwordLayout | null };
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

export interface ExportRunResult extends ExportResult {
  runId: number;
}

/** corpus.exportText: the corpus's tokens as plain text, one paragraph per line. */
export interface CorpusTextExport {
  corpusId: number;
  /** The file written, absolute. */
  out: string;
  lines: number;
  tokens: number;
}
