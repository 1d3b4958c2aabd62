/**
 * The ingestion fast path of the tokenizer (rules in tokenizer.ts).
 *
 * It works on UTF-8 bytes. Text is cut into chunks at ASCII separators (bytes
 * that can never be part of a token). A chunk made only of ASCII is tokenized
 * byte by byte here; a chunk holding any non-ASCII byte is decoded and handed
 * to the reference tokenizer, whose tokens are then looked up by their bytes.
 * Both lanes therefore produce exactly the reference's tokens.
 *
 * It also notes paragraph breaks: a token preceded by two or more newlines
 * (a blank line, or a line with no token) starts a new paragraph.
 */
import { ByteVocab } from './byteVocab.js';
import { tokenize, type TokenizerOptions, defaultTokenizerOptions } from './tokenizer.js';

// Repeated here rather than imported: a cross-module binding in the hottest loop costs measurably under tsx.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const SEP = 0;
const LETTER = 1;
const DIGIT = 2;
const JOIN = 3; // ' and -: join word characters on both sides
const NUMJOIN = 4; // . and ,: join digits on both sides
const NEWLINE = 5;
const HIGH = 6; // a byte of a multi-byte UTF-8 sequence

const CLASS = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  if (b >= 0x80) CLASS[b] = HIGH;
  else if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) CLASS[b] = LETTER;
  else if (b >= 0x30 && b <= 0x39) CLASS[b] = DIGIT;
  else if (b === 0x27 || b === 0x2d) CLASS[b] = JOIN;
  else if (b === 0x2e || b === 0x2c) CLASS[b] = NUMJOIN;
  else if (b === 0x0a) CLASS[b] = NEWLINE;
  else CLASS[b] = SEP;
}
const isWordClass = (c: number): boolean => c === LETTER || c === DIGIT;

/**
 * Common non-ASCII punctuation in English text, U+20xx encoded as E2 80 xx, that the
 * rules treat as separators: – — ‘ “ ” • …  Handling them here keeps curly-quoted words
 * on the fast lane. U+2019 (’, E2 80 99) is an apostrophe and is handled as a joiner.
 */
const PUNCT_2000 = new Uint8Array(256);
for (const x of [0x93, 0x94, 0x98, 0x9c, 0x9d, 0xa2, 0xa6]) PUNCT_2000[x] = 1;
const RSQUO_3 = 0x99;

/** Byte length of a separator starting at i (0 when there is none). */
function separatorAt(buf: Uint8Array, i: number, end: number): number {
  const b = buf[i];
  const c = CLASS[b];
  if (c === SEP || c === NEWLINE) return 1;
  if (b === 0xe2 && i + 2 < end && buf[i + 1] === 0x80 && PUNCT_2000[buf[i + 2]] === 1) return 3;
  if (b === 0xc2 && i + 1 < end && buf[i + 1] === 0xa0) return 2; // no-break space
  return 0;
}
const isRsquo = (buf: Uint8Array, k: number, end: number): boolean =>
  buf[k] === 0xe2 && k + 2 < end && buf[k + 1] === 0x80 && buf[k + 2] === RSQUO_3;

export interface TokenizedFile {
  ids: Uint32Array;
  /** Token offsets (into ids) where a paragraph starts, excluding 0. */
  breaks: Uint32Array;
}

export class ByteTokenizer {
  readonly vocab = new ByteVocab();
  private readonly lower: Uint8Array;
  private scratch: Uint8Array = new Uint8Array(256);
  private ids: Uint32Array = new Uint32Array(1 << 16);
  private n = 0;
  private breaks: number[] = [];
  private newlines = 0;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  constructor(private readonly options: TokenizerOptions = defaultTokenizerOptions) {
    this.lower = new Uint8Array(256);
    for (let b = 0; b < 256; b++) this.lower[b] = options.lowercase && b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
  }

  get tokenCount(): number {
    return this.n;
  }

  /** Tokenizes one block of valid UTF-8 that ends at a chunk boundary. */
  push(buf: Uint8Array): void {
    const end = buf.length;
    let i = 0;
    while (i < end) {
      const c = CLASS[buf[i]];
      if (c === SEP) {
        i++;
      } else if (c === NEWLINE) {
        this.newlines++;
        i++;
      } else if (c === HIGH && separatorAt(buf, i, end) > 0) {
        i += separatorAt(buf, i, end);
      } else {
        let j = i;
        let high = false;
        while (j < end) {
          const cj = CLASS[buf[j]];
          if (cj === SEP || cj === NEWLINE) break;
          if (cj === HIGH) {
            if (separatorAt(buf, j, end) > 0) break;
            if (isRsquo(buf, j, end)) {
              j += 3;
              continue;
            }
            high = true;
          }
          j++;
        }
        if (high) this.slowChunk(buf, i, j);
        else this.fastChunk(buf, i, j);
        i = j;
      }
    }
  }

  /** Ends the current document and returns its tokens; the vocabulary is kept. */
  finishFile(): TokenizedFile {
    const ids = this.ids.slice(0, this.n);
    const breaks = Uint32Array.from(this.breaks);
    this.n = 0;
    this.breaks = [];
    this.newlines = 0;
    return { ids, breaks };
  }

  private fastChunk(buf: Uint8Array, start: number, end: number): void {
    const lower = this.lower;
    let k = start;
    while (k < end) {
      while (k < end && !isWordClass(CLASS[buf[k]])) k++;
      if (k >= end) return;
      let scratch = this.scratch;
      let len = 0;
      let h = FNV_OFFSET;
      while (k < end) {
        let b = buf[k];
        const c = CLASS[b];
        let width = 1;
        if (c === LETTER || c === DIGIT) {
          // a word character: take it
        } else if (c === HIGH) {
          // On this lane the only non-ASCII byte is the start of ’, an apostrophe.
          if (k + 3 >= end || !isWordClass(CLASS[buf[k + 3]])) break;
          b = 0x27;
          width = 3;
        } else if (c === JOIN) {
          if (k + 1 >= end || !isWordClass(CLASS[buf[k + 1]])) break;
        } else if (c === NUMJOIN) {
          if (CLASS[buf[k - 1]] !== DIGIT || k + 1 >= end || CLASS[buf[k + 1]] !== DIGIT) break;
        } else {
          break;
        }
        const lb = lower[b];
        if (len === scratch.length) scratch = this.growScratch();
        scratch[len++] = lb;
        h = Math.imul(h ^ lb, FNV_PRIME);
        k += width;
      }
      this.emit(this.vocab.idOf(scratch, 0, len, h >>> 0));
    }
  }

  private slowChunk(buf: Uint8Array, start: number, end: number): void {
    const text = this.decoder.decode(buf.subarray(start, end));
    for (const token of tokenize(text, this.options)) {
      const bytes = this.encoder.encode(token);
      let h = FNV_OFFSET;
      for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
      this.emit(this.vocab.idOf(bytes, 0, bytes.length, h >>> 0));
    }
  }

  private emit(id: number): void {
    if (this.newlines >= 2 && this.n > 0) this.breaks.push(this.n);
    this.newlines = 0;
    if (this.n === this.ids.length) {
      const next = new Uint32Array(this.ids.length * 2);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids[this.n++] = id;
  }

  private growScratch(): Uint8Array {
    const next = new Uint8Array(this.scratch.length * 2);
    next.set(this.scratch);
    this.scratch = next;
    return next;
  }
}
