/** Vector file formats as the export dialog and the import panel name them. */
import type { RunSummary } from '../../../../shared/contract.js';

export type VectorFormat = 'w2v-text' | 'w2v-bin' | 'glove' | 'tsv' | 'npy';

export interface FormatInfo {
  id: VectorFormat;
  label: string;
  /** One line on what it is and who reads it. */
  help: string;
  /** Writes a folder of several files (tsv, npy) rather than one file. */
  folder: boolean;
  /** File extension (single-file formats) or folder suffix. */
  suffix: string;
  /** Fields separated by spaces, so words with spaces matter. */
  spaced: boolean;
}

export const FORMATS: FormatInfo[] = [
  { id: 'w2v-text', label: 'word2vec text', help: 'Header "V d", then a word and its numbers per line (.txt/.vec); gensim and fastText read it.', folder: false, suffix: '.txt', spaced: true },
  { id: 'w2v-bin', label: 'word2vec binary', help: 'As word2vec.c writes it: little-endian float32 after each word (.bin); gensim reads it with binary=True.', folder: false, suffix: '.bin', spaced: true },
  { id: 'glove', label: 'GloVe text', help: 'Like word2vec text without the header line, as glove.c writes it.', folder: false, suffix: '.glove.txt', spaced: true },
  { id: 'tsv', label: 'Embedding Projector TSV', help: 'vectors.tsv + metadata.tsv (word, count) + projector_config.json, for projector.tensorflow.org.', folder: true, suffix: '-projector', spaced: false },
  { id: 'npy', label: 'NumPy .npy', help: 'vectors.npy (float32, V × d) + vocab.txt (one word per line), for numpy.load.', folder: true, suffix: '-npy', spaced: false },
];

export const formatInfo = (id: VectorFormat): FormatInfo => FORMATS.find((f) => f.id === id)!;

/**
 * Whether the run stored context vectors C beside W (RunSummary does not say, so this follows
 * the methods: word2vec keeps C; PPMI-SVD keeps V·Σ^p unless it added it to W; GloVe keeps W̃ when its
 * output is W alone; LSA, M*, the SN objective and imported runs have none).
 */
export function hasContexts(run: Pick<RunSummary, 'method' | 'params'>): boolean {
  if (run.method === 'sgns' || run.method === 'cbow') return true;
  if (run.method === 'ppmi-svd') return run.params.addContexts !== true;
  if (run.method === 'glove') return run.params.output === 'W';
  return false;
}

/** A file-name stem from a run's name: letters, digits, dot, dash and underscore. */
export function fileStem(name: string, id: number): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(0, 80);
  return s || `run-${id}`;
}

export const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;
