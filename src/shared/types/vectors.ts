/**
 * Vector files: the formats the lab reads and writes, and what an import or an export
 * reports. Format ids, as the CLI and the contract name them:
 *  - 'w2v-text'  word2vec text: a "V d" header line, then "word v1 … vd" per line (gensim, fastText .vec);
 *  - 'w2v-bin'   word2vec binary: a "V d\n" header, then per word: the word's UTF-8 bytes, a space,
 *                d little-endian float32 and a "\n" (as word2vec.c writes it; gensim writes no "\n");
 *  - 'glove'     GloVe text: "word v1 … vd" per line, no header;
 *  - 'tsv'       TensorFlow Embedding Projector: vectors.tsv + metadata.tsv (+ projector_config.json);
 *  - 'npy'       NumPy: vectors.npy (float32 '<f4', C order, shape (V, d)) + vocab.txt.
 */
export const VECTOR_FORMATS = ['w2v-text', 'w2v-bin', 'glove', 'tsv', 'npy'] as const;
/** A format the lab writes (and reads). */
export type VectorFormat = (typeof VECTOR_FORMATS)[number];
export type ImportFormat = VectorFormat | 'auto';

export const FORMAT_LABELS: Record<VectorFormat, string> = {
  'w2v-text': 'word2vec text',
  'w2v-bin': 'word2vec binary',
  glove: 'GloVe text',
  tsv: 'TensorFlow Projector TSV',
  npy: 'NumPy .npy + vocab.txt',
};

export function isVectorFormat(s: string): s is VectorFormat {
  return (VECTOR_FORMATS as readonly string[]).includes(s);
}

export interface ImportRunResult {
  runId: number;
  name: string;
  format: VectorFormat;
  gzip: boolean;
  words: number;
  dim: number;
  files: string[];
  warnings: string[];
  seconds: number;
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
