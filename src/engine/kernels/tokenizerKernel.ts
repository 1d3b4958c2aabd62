/**
 * Ingestion's tokenizer and rank encoder as a kernel family: the JavaScript
 * ByteTokenizer (the reference) and the native fast lane (native/tokenizer.c) behind
 * one interface; registry.ts chooses. Chunks with non-ASCII letters come back from
 * the native lane and go through the reference tokenizer, as in the JS version.
 */
import { tokenize, type TokenizerOptions, defaultTokenizerOptions } from '../text/tokenizer.js';
import { ByteTokenizer, type TokenizedFile } from '../text/byteTokenizer.js';
import { decodeVarints, encodeMappedVarints, encodeVarints } from '../base/varint.js';
import type { Backend } from './backends.js';
import { nativeFunctions } from './nativeModule.js';

/** What ingestion needs from a tokenizer, whichever backend implements it. */
export interface FileTokenizer {
  readonly backend: Backend;
  push(buf: Uint8Array): void;
  finishFile(): TokenizedFile;
  /**
   * Types with ids from `start` on, in id order, joined by newlines ('' when there are
   * none; a token never holds one): one string is far cheaper to build and to send to
   * another thread than an array of them.
   */
  wordsJoined(start: number): string;
  /** Occurrences of each id in every file finished so far (a copy). */
  counts(): Uint32Array;
  readonly size: number;
}

interface NativeTokenizerApi {
  tokenizerCreate(lowercase: boolean): object;
  tokenizerPush(h: object, bytes: Uint8Array, from: number, out: Float64Array): number;
  tokenizerEmitBytes(h: object, bytes: Uint8Array): number;
  tokenizerFinishFile(h: object): [Uint32Array, Uint32Array];
  tokenizerWordsJoined(h: object, from: number): string;
  tokenizerSize(h: object): number;
  tokenizerCounts(h: object): Uint32Array;
  encodeMappedVarints(ids: Uint32Array, from: number, to: number, map: Uint32Array, out: Uint8Array): number;
  encodeVarints(ids: Uint32Array, out: Uint8Array): number;
  decodeVarints(bytes: Uint8Array, out: Uint32Array): void;
}

/** The family's interface: a tokenizer per file stream, and the varint encoder of ingestion's last pass. */
export interface TokenizerKernel {
  readonly name: Backend;
  create(options?: TokenizerOptions): FileTokenizer;
  /**
   * Varint-encodes map[ids[i]] for i in [from, to) into `out` (5 bytes per id of room);
   * returns the bytes used.
   */
  encodeRanks(ids: Uint32Array, from: number, to: number, map: Uint32Array, out: Uint8Array): number;
  /** Varint-encodes every id into `out` (5 bytes per id of room); returns the bytes used. A thread holds its files so. */
  packIds(ids: Uint32Array, out: Uint8Array): number;
  /** Fills `out` with `out.length` ids decoded from `bytes`, which must hold exactly that many. */
  unpackIds(bytes: Uint8Array, out: Uint32Array): void;
}

class NativeTokenizer implements FileTokenizer {
  readonly backend = 'native' as const;
  private readonly handle: object;
  private readonly out = new Float64Array(1);
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  constructor(private readonly n: NativeTokenizerApi, private readonly options: TokenizerOptions) {
    this.handle = n.tokenizerCreate(options.lowercase);
  }

  push(buf: Uint8Array): void {
    let at = 0;
    while (at < buf.length) {
      const slow = this.n.tokenizerPush(this.handle, buf, at, this.out);
      if (slow >= buf.length) return;
      const end = this.out[0];
      for (const token of tokenize(this.decoder.decode(buf.subarray(slow, end)), this.options)) {
        this.n.tokenizerEmitBytes(this.handle, this.encoder.encode(token));
      }
      at = end;
    }
  }

  finishFile(): TokenizedFile {
    const [ids, breaks] = this.n.tokenizerFinishFile(this.handle);
    return { ids, breaks };
  }

  wordsJoined(start: number): string {
    return this.n.tokenizerWordsJoined(this.handle, start);
  }

  counts(): Uint32Array {
    return this.n.tokenizerCounts(this.handle);
  }

  get size(): number {
    return this.n.tokenizerSize(this.handle);
  }
}

class JsTokenizer implements FileTokenizer {
  readonly backend = 'js' as const;
  private readonly t: ByteTokenizer;
  constructor(options: TokenizerOptions) {
    this.t = new ByteTokenizer(options);
  }
  push(buf: Uint8Array): void {
    this.t.push(buf);
  }
  private tally = new Uint32Array(1024);
  finishFile(): TokenizedFile {
    const file = this.t.finishFile();
    if (this.t.vocab.size > this.tally.length) {
      const grown = new Uint32Array(Math.max(this.t.vocab.size, this.tally.length * 2));
      grown.set(this.tally);
      this.tally = grown;
    }
    for (let i = 0; i < file.ids.length; i++) this.tally[file.ids[i]]++;
    return file;
  }
  wordsJoined(start: number): string {
    return this.t.vocab.words(start).join('\n');
  }
  counts(): Uint32Array {
    return this.tally.slice(0, this.t.vocab.size);
  }
  get size(): number {
    return this.t.vocab.size;
  }
}

export const jsTokenizer: TokenizerKernel = {
  name: 'js',
  create: (options = defaultTokenizerOptions) => new JsTokenizer(options),
  encodeRanks: encodeMappedVarints,
  packIds: encodeVarints,
  unpackIds: (bytes, out) => decodeVarints(bytes, out.length, out),
};

/** The native tokenizer, or null where it was not built. */
export function nativeTokenizer(): TokenizerKernel | null {
  const n = nativeFunctions<NativeTokenizerApi>([
    'tokenizerCreate', 'tokenizerPush', 'tokenizerEmitBytes', 'tokenizerFinishFile', 'tokenizerWordsJoined',
    'tokenizerSize', 'tokenizerCounts', 'encodeMappedVarints', 'encodeVarints', 'decodeVarints',
  ]);
  if (!n) return null;
  return {
    name: 'native',
    create: (options = defaultTokenizerOptions) => new NativeTokenizer(n, options),
    encodeRanks: (ids, from, to, map, out) => n.encodeMappedVarints(ids, from, to, map, out),
    packIds: (ids, out) => n.encodeVarints(ids, out),
    unpackIds: (bytes, out) => n.decodeVarints(bytes, out),
  };
}
