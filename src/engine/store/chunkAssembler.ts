/**
 * Puts the tokenizer threads' encoded segments together into the store's chunks while they arrive, and
 * hands each chunk on as soon as its last segment is in. A chunk may hold files of several threads, so
 * its segments come in any order; only chunks with a segment still missing are held.
 */
import type { EncodedChunk } from './corpora.js';
import { TOKENS_PER_CHUNK } from './chunkLayout.js';

/** A run of one chunk: `count` tokens from corpus offset `firstToken`, varint-encoded. */
export interface ChunkSegment {
  seq: number;
  firstToken: number;
  count: number;
  bytes: Uint8Array;
}

export class ChunkAssembler {
  private readonly open = new Map<number, { parts: ChunkSegment[]; tokens: number }>();
  private readonly expected: number;
  private written = 0;
  /** Chunks completed before a writer was given. */
  private queued: EncodedChunk[] = [];
  private write: ((c: EncodedChunk) => void) | null = null;

  constructor(private readonly tokens: number) {
    this.expected = Math.ceil(tokens / TOKENS_PER_CHUNK);
  }

  /** Where complete chunks go from now on; those completed before go first. */
  start(write: (c: EncodedChunk) => void): void {
    this.write = write;
    for (const c of this.queued) this.emit(c);
    this.queued = [];
  }

  add(segments: ChunkSegment[]): void {
    for (const s of segments) {
      const size = this.sizeOf(s.seq);
      if (s.count <= 0 || s.firstToken < s.seq * TOKENS_PER_CHUNK || s.firstToken + s.count > s.seq * TOKENS_PER_CHUNK + size) {
        throw new Error(`Encoded segment of chunk ${s.seq} (tokens ${s.firstToken}+${s.count}) does not fit a stream of ${this.tokens} tokens.`);
      }
      const chunk = this.open.get(s.seq) ?? { parts: [], tokens: 0 };
      chunk.parts.push(s);
      chunk.tokens += s.count;
      if (chunk.tokens > size) throw new Error(`Chunk ${s.seq} received ${chunk.tokens} tokens; it holds ${size}.`);
      if (chunk.tokens < size) {
        this.open.set(s.seq, chunk);
        continue;
      }
      this.open.delete(s.seq);
      const parts = chunk.parts.sort((a, b) => a.firstToken - b.firstToken);
      const bytes = parts.length === 1 ? parts[0].bytes : Buffer.concat(parts.map((p) => p.bytes));
      const done = { seq: s.seq, count: size, bytes };
      if (this.write) this.emit(done);
      else this.queued.push(done);
    }
  }

  /** Checks that every chunk was completed and handed on. */
  finish(): void {
    if (this.open.size > 0) throw new Error(`${this.open.size} encoded chunk(s) were left incomplete (the first: chunk ${[...this.open.keys()].sort((a, b) => a - b)[0]}).`);
    if (this.queued.length > 0 || this.written !== this.expected) {
      throw new Error(`${this.written} encoded chunks were stored for ${this.tokens} tokens; expected ${this.expected}.`);
    }
  }

  private sizeOf(seq: number): number {
    if (!Number.isInteger(seq) || seq < 0 || seq >= this.expected) throw new Error(`Encoded chunk ${seq} does not fit a stream of ${this.tokens} tokens.`);
    return Math.min(TOKENS_PER_CHUNK, this.tokens - seq * TOKENS_PER_CHUNK);
  }

  private emit(c: EncodedChunk): void {
    this.write!(c);
    this.written++;
  }
}
