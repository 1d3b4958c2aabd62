/**
 * word2vec's training stream in varints holds the same sentences as the 16-bit stream cut by
 * sentenceStarts: the kept words in corpus order, a sentence opening at each paragraph start and every
 * MAX_SENTENCE words, and takes the bytes its counts say.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutVocabulary, prepareCompactStream, prepareVarintStream } from '../../../src/engine/corpus/trainingStream.js';
import { sentenceStarts } from '../../../src/engine/methods/word2vecTraining.js';
import { decodeVarints, varintBytes } from '../../../src/engine/base/varint.js';
import { Rng } from '../../../src/engine/base/random.js';

test('the varint stream decodes to the 16-bit stream, sentence by sentence', () => {
  const rng = new Rng(3);
  // 20,000 ranks over 300,000 tokens: ranks from 128 and from 16,384 take two and three bytes.
  const tokens = Uint32Array.from({ length: 300_000 }, () => Math.floor(rng.next() ** 2 * 20_000));
  const counts = new Uint32Array(20_000);
  for (const t of tokens) counts[t]++;
  // Ranks are by frequency: renumber so that counts fall.
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
  const rank = new Uint32Array(order.length);
  order.forEach((g, r) => (rank[g] = r));
  const ranked = tokens.map((t) => rank[t]);
  const rankedCounts = Uint32Array.from(order, (g) => counts[g]);
  const cut = cutVocabulary(rankedCounts, 2, 0);
  // Words seen once are cut: the stream skips them.
  assert.ok(cut.size > 16_384 && cut.size < rankedCounts.findLastIndex((c) => c > 0), `vocabulary ${cut.size}`);
  // Paragraphs of 1 to 2,500 tokens (some longer than a sentence), and repeated breaks.
  const breaks: number[] = [];
  for (let p = 0; p < ranked.length; p += 1 + Math.floor(rng.next() * 2500)) breaks.push(p, p);
  const pieces = [ranked.subarray(0, 17_000), ranked.subarray(17_000, 17_001), ranked.subarray(17_001)];
  const wide = prepareCompactStream(pieces, Uint32Array.from(breaks), rankedCounts, cut, 0, 1);
  const starts = sentenceStarts(wide.ids.length, wide.segStarts);
  const v = prepareVarintStream(pieces, Uint32Array.from(breaks), rankedCounts, cut, 1000);
  assert.ok(v, 'it fits 32-bit offsets');
  assert.equal(v.tokens, wide.ids.length);
  assert.equal(v.starts.length, starts.length, 'the same number of sentences');
  let bytes = 0;
  for (let r = 0; r < cut.size; r++) bytes += rankedCounts[r] * varintBytes(r);
  assert.equal(v.bytes.length, bytes, 'the size the counts give');
  assert.ok(v.bytes.length < 2 * v.tokens, `${(v.bytes.length / v.tokens).toFixed(2)} bytes a token`);
  for (let s = 0; s + 1 < starts.length; s++) {
    const n = starts[s + 1] - starts[s];
    const got = new Uint32Array(n);
    decodeVarints(v.bytes.subarray(v.starts[s], v.starts[s + 1]), n, got);
    assert.deepEqual(got, Uint32Array.from(wide.ids.subarray(starts[s], starts[s + 1])), `sentence ${s}`);
  }
  assert.ok(v.bytes.buffer instanceof SharedArrayBuffer && v.starts.buffer instanceof SharedArrayBuffer, 'the threads share them');
});

test('varintBytes counts LEB128 bytes at each boundary', () => {
  for (const [v, n] of [[0, 1], [127, 1], [128, 2], [16_383, 2], [16_384, 3], [2_097_151, 3], [2_097_152, 4], [268_435_456, 5]]) assert.equal(varintBytes(v), n, String(v));
});

test('a stream past 4 GB of varints is left to the caller before a token is read', () => {
  const counts = Uint32Array.of(0x80000000, 0x80000000); // 2^32 one-byte tokens: one byte too many for 32-bit offsets
  const unread: Iterable<Uint32Array> = { [Symbol.iterator]: () => assert.fail('the corpus was read') };
  assert.equal(prepareVarintStream(unread, new Uint32Array(0), counts, cutVocabulary(counts, 1, 0), 1000), null);
});
