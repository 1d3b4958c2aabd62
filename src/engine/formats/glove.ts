/**
 * GloVe text format: "word v1 … vd" per line, no header (Stanford's glove.*.txt files). The reader and
 * writer are word2vec text's without the header line; see word2vecText.ts.
 */
import type { ByteReader } from './source.js';
import type { RowSource } from './types.js';
import { readTextVectors, textVectorChunks, type TextReadResult } from './word2vecText.js';

export function readGlove(r: ByteReader, o: { limit?: number; maxMatrixBytes?: number } = {}): Promise<TextReadResult> {
  return readTextVectors(r, { ...o, header: false });
}

export function gloveChunks(src: RowSource, o: { wordOf: (i: number) => string; onRow?: (i: number) => void }): AsyncGenerator<Buffer> {
  return textVectorChunks(src, { ...o, header: false });
}
