import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkAssembler, type ChunkSegment } from '../../../src/engine/store/chunkAssembler.js';
import { TOKENS_PER_CHUNK as N } from '../../../src/engine/store/chunkLayout.js';
import type { EncodedChunk } from '../../../src/engine/store/corpora.js';

const seg = (seq: number, firstToken: number, count: number, tag: number): ChunkSegment => ({ seq, firstToken, count, bytes: Uint8Array.of(tag) });

test('chunks are handed on once their last segment is in, parts in token order, whatever order they came in', () => {
  const tokens = 2 * N + N / 2; // two full chunks and a half one
  const a = new ChunkAssembler(tokens);
  const out: EncodedChunk[] = [];
  // Before start(): completed chunks wait.
  a.add([seg(1, N + 100, N - 100, 2), seg(0, 0, 10, 0)]);
  a.add([seg(1, N, 100, 1)]); // chunk 1 complete: its two parts, in token order
  a.start((c) => out.push(c));
  assert.deepEqual(out.map((c) => [c.seq, c.count, [...c.bytes]]), [[1, N, [1, 2]]]);
  a.add([seg(2, 2 * N + 5, N / 2 - 5, 9), seg(0, 10, N - 10, 3)]);
  assert.deepEqual(out.map((c) => c.seq), [1, 0], 'chunk 0 complete, chunk 2 still short of 5 tokens');
  assert.throws(() => a.finish(), /1 encoded chunk\(s\) were left incomplete \(the first: chunk 2\)/);
  a.add([seg(2, 2 * N, 5, 8)]);
  assert.deepEqual(out.map((c) => [c.seq, c.count, [...c.bytes]]), [[1, N, [1, 2]], [0, N, [0, 3]], [2, N / 2, [8, 9]]]);
  a.finish();
});

test('a segment that does not fit the stream, an overfilled chunk and a missing chunk are refused', () => {
  const a = new ChunkAssembler(N + 10);
  assert.throws(() => a.add([seg(2, 2 * N, 1, 0)]), /chunk 2 does not fit a stream of/);
  assert.throws(() => a.add([seg(1, N + 5, 6, 0)]), /does not fit a stream of/);
  assert.throws(() => a.add([seg(0, N - 1, 2, 0)]), /does not fit a stream of/);
  const b = new ChunkAssembler(N + 10);
  b.start(() => {});
  b.add([seg(1, N, 10, 0)]);
  assert.throws(() => b.finish(), /1 encoded chunks were stored for .* expected 2/);
  // A second copy of a stored chunk is caught at the end, whole or in part.
  const c = new ChunkAssembler(N);
  c.start(() => {});
  c.add([seg(0, 0, N, 0), seg(0, 0, N, 0)]);
  assert.throws(() => c.finish(), /2 encoded chunks were stored for .* expected 1/);
  const d = new ChunkAssembler(N);
  d.add([seg(0, 0, N, 0), seg(0, 0, 1, 0)]);
  assert.throws(() => d.finish(), /left incomplete/);
  const e = new ChunkAssembler(N);
  assert.throws(() => e.add([seg(0, 0, N - 1, 0), seg(0, 5, 2, 0)]), /Chunk 0 received 1048577 tokens; it holds 1048576/);
});
