/**
 * The head of a fastText model file (.bin), in the order fastText writes it (FastText::saveModel; all
 * little-endian, as on the machines that write them):
 *
 *   int32 magic 793712314, int32 version (11 or 12)
 *   args:        int32 dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn,
 *                lrUpdateRate; float64 t
 *   dictionary:  int32 size, nwords, nlabels; int64 ntokens, pruneidx_size;
 *                size × (word bytes, a 0 byte, int64 count, int8 type 0 word / 1 label);
 *                pruneidx_size × (int32 bucket, int32 row)
 *   bool quantized; the input matrix (int64 rows, int64 cols, rows × cols float32 when not quantized)
 *   bool qout; the output matrix (the same layout)
 *
 * This module reads up to the dictionary's entries; dictionary.ts reads the entries and fastTextBin.ts
 * the matrices.
 */
import { LabError } from '../../../shared/labError.js';
import type { BinaryCursor } from './cursor.js';

export const FASTTEXT_MAGIC = 793712314;
/** The versions fastText has written since it signs its files (11: before 0.2, 12: 0.2 to 0.9.2). */
export const FASTTEXT_VERSIONS = [11, 12] as const;

export type FastTextModelType = 'cbow' | 'skipgram' | 'supervised';
export type FastTextLoss = 'hs' | 'ns' | 'softmax' | 'ova';
/** The most n-gram buckets accepted (fastText's default is 2M; the index costs 4 bytes a bucket). */
const MAX_BUCKETS = 1 << 28;
const MODELS: Record<number, FastTextModelType> = { 1: 'cbow', 2: 'skipgram', 3: 'supervised' };
const LOSSES: Record<number, FastTextLoss> = { 1: 'hs', 2: 'ns', 3: 'softmax', 4: 'ova' };

/** What a fastText model says about itself (its training arguments and dictionary sizes). */
export interface FastTextModelInfo {
  version: number;
  model: FastTextModelType;
  loss: FastTextLoss;
  dim: number;
  /** Context window, epochs, minimum count, negatives, word n-grams, lr update rate, sampling threshold. */
  ws: number;
  epoch: number;
  minCount: number;
  neg: number;
  wordNgrams: number;
  lrUpdateRate: number;
  t: number;
  /** Character n-gram rows and lengths (maxn 0: no subwords). */
  bucket: number;
  minn: number;
  maxn: number;
  /** Dictionary: words, labels (supervised models), tokens seen in training. */
  words: number;
  labels: number;
  tokens: number;
  /** -1 when not pruned; otherwise the number of n-gram rows kept (quantized models). */
  pruneSize: number;
}

/** The file's magic number and version; byte 0 onwards. */
export async function readSignature(c: BinaryCursor): Promise<number> {
  await c.need(4, "fastText's magic number");
  const magic = c.r.buf.readInt32LE(c.r.pos);
  if (magic !== FASTTEXT_MAGIC) {
    const found = c.r.buf.subarray(c.r.pos, c.r.pos + 4).toString('hex').replace(/(..)(?=.)/g, '$1 ');
    throw c.error(c.at, `not a fastText model: expected its magic number ${FASTTEXT_MAGIC} (bytes ba 16 4f 2f), found bytes ${found}. ` +
      'A fastText .vec file is word2vec text (import it as w2v-text); models saved before fastText signed its files are not supported.');
  }
  c.r.pos += 4;
  const at = c.at;
  const version = await c.int32('the format version');
  if (!(FASTTEXT_VERSIONS as readonly number[]).includes(version)) {
    throw c.error(at, `unsupported fastText format version ${version}; expected ${FASTTEXT_VERSIONS.join(' or ')} (what fastText 0.1 to 0.9.2 write).`);
  }
  return version;
}

/** The args block and the dictionary's counts, validated; stops before the dictionary's entries. */
export async function readModelHead(c: BinaryCursor, version: number): Promise<FastTextModelInfo> {
  const argsAt = c.at;
  const int = (name: string): Promise<number> => c.int32(`the training argument ${name}`);
  const dim = await int('dim');
  const ws = await int('ws');
  const epoch = await int('epoch');
  const minCount = await int('minCount');
  const neg = await int('neg');
  const wordNgrams = await int('wordNgrams');
  const lossAt = c.at;
  const lossId = await int('loss');
  const modelAt = c.at;
  const modelId = await int('model');
  const bucket = await int('bucket');
  const minn = await int('minn');
  const maxn = await int('maxn');
  const lrUpdateRate = await int('lrUpdateRate');
  const t = await c.float64('the training argument t');
  const model = MODELS[modelId];
  const loss = LOSSES[lossId];
  if (!model) throw c.error(modelAt, `the model type is ${modelId}; expected 1 (cbow), 2 (skipgram) or 3 (supervised). The file is corrupt.`);
  if (!loss) throw c.error(lossAt, `the loss is ${lossId}; expected 1 (hs), 2 (ns), 3 (softmax) or 4 (ova). The file is corrupt.`);
  if (dim < 1 || dim > 1_000_000) throw c.error(argsAt, `the dimension is ${dim}; expected 1 to 1,000,000. The file is corrupt.`);
  if (bucket < 0 || minn < 0 || maxn < 0) throw c.error(argsAt + 32, `bucket ${bucket}, minn ${minn}, maxn ${maxn}: none may be negative. The file is corrupt.`);
  if (bucket > MAX_BUCKETS) throw c.error(argsAt + 32, `the model has ${bucket} n-gram buckets; more than ${MAX_BUCKETS} (fastText's default is 2,000,000) is not a model this lab can hold. The file is corrupt, or too large.`);
  if (maxn > 0 && bucket === 0 && model !== 'supervised') throw c.error(argsAt + 32, `the model has n-grams of ${minn}–${maxn} characters but 0 buckets for them. The file is corrupt.`);

  const dictAt = c.at;
  const size = await c.int32('the dictionary size');
  const words = await c.int32('the number of words');
  const labels = await c.int32('the number of labels');
  const tokens = await c.int64('the number of training tokens');
  const pruneSize = await c.int64('the pruned index size');
  if (words < 0 || labels < 0 || size !== words + labels) {
    throw c.error(dictAt, `the dictionary says ${size} entries = ${words} words + ${labels} labels, which does not add up. The file is corrupt.`);
  }
  // Each entry takes at least 10 bytes (a byte of word, its 0, the count and the type).
  if (!c.r.gzip && c.at + 10 * size > c.r.size) {
    throw c.error(dictAt, `the dictionary says ${size} entries, but the file (${c.r.size} bytes) cannot hold them: it is truncated or corrupt.`);
  }
  if (pruneSize < -1 || (bucket > 0 && pruneSize > bucket)) throw c.error(dictAt + 20, `the pruned index size is ${pruneSize}; expected -1 (not pruned) or 0 to ${bucket}. The file is corrupt.`);
  const info: FastTextModelInfo = { version, model, loss, dim, ws, epoch, minCount, neg, wordNgrams, lrUpdateRate, t, bucket, minn, maxn, words, labels, tokens, pruneSize };
  if (model === 'supervised') throw supervisedRefusal(c.file, info);
  if (words === 0) throw c.error(dictAt, 'the dictionary holds no words.');
  return info;
}

export function describeModel(m: FastTextModelInfo): string {
  const subwords = m.maxn > 0 ? `character n-grams of ${m.minn}–${m.maxn} in ${m.bucket.toLocaleString('en-US')} buckets` : 'no character n-grams';
  return `fastText ${m.model} model (format version ${m.version}, loss ${m.loss}): ${m.words.toLocaleString('en-US')} words × ${m.dim} dimensions, ${subwords}`;
}

function supervisedRefusal(file: string, m: FastTextModelInfo): LabError {
  return new LabError(
    `${file}: this is a fastText supervised model (a text classifier with ${m.labels.toLocaleString('en-US')} labels, trained with "fasttext supervised"), ` +
      'not word vectors: its rows are trained to predict the labels of whole texts, not to place words by the words around them, ' +
      'so neighbours and analogies over them mean little. Import a skipgram or cbow model (or its .vec file).',
    'invalid',
  );
}

export function quantizedRefusal(file: string): LabError {
  return new LabError(
    `${file}: this is a quantized fastText model (.ftz, written by "fasttext quantize"): its rows are stored as product-quantization codes, ` +
      'a lossy compression made for classifiers, not the word vectors themselves. The lab does not decode them; import the model\'s .bin (before quantization) or .vec file.',
    'invalid',
  );
}
