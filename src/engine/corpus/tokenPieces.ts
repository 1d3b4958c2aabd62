/**
 * A tokenizer thread keeps the files it read until the vocabulary is ranked. Held as 32-bit ids in
 * one array per file, a 2 GB file with one line took about 8 bytes a token at the peak (the kernel's
 * buffer, grown by doubling, and its copy). So a long file is taken in pieces: every few MB of text
 * the tokenizer's file is finished at a cut that cannot change any token or paragraph break, and the
 * piece's ids are kept as varints (local ids are in order of first occurrence, so frequent words
 * have small ones: about 1.5 bytes a token).
 */
import type { FileTokenizer, TokenizerKernel } from '../kernels/tokenizerKernel.js';

/** Text pushed into the tokenizer before a long file is cut into its next piece. */
export const PIECE_BYTES = 8 << 20;

/** One piece of a file: `count` local ids, varint-encoded. */
export interface IdPiece {
  count: number;
  bytes: Uint8Array;
}

/**
 * The tokenizer kernel's varint coder. Every token of a corpus goes through it twice (packed when
 * read, unpacked when encoded for the store), so the native one matters: in JavaScript the two
 * passes made ingestion of the medium corpus 15–20% slower.
 */
export type IdCodec = Pick<TokenizerKernel, 'packIds' | 'unpackIds'>;

/** Reused between pieces: a fresh one each time was garbage the size of the piece's ids. */
let packScratch = new Uint8Array(0);

export function packIds(ids: Uint32Array, codec: IdCodec): IdPiece {
  if (packScratch.length < ids.length * 5) packScratch = new Uint8Array(ids.length * 5);
  const n = codec.packIds(ids, packScratch);
  return { count: ids.length, bytes: packScratch.slice(0, n) };
}

export function unpackIds(piece: IdPiece, codec: IdCodec): Uint32Array {
  const ids = new Uint32Array(piece.count);
  codec.unpackIds(piece.bytes, ids);
  return ids;
}

// The tokenizer's separator bytes at the top level (never inside a token): ASCII other than
// letters, digits, the joiners ' and - and the number joiners . and , (see text/byteTokenizer.ts).
const ALNUM = new Uint8Array(128);
const SEPARATOR = new Uint8Array(128);
for (let b = 0; b < 128; b++) {
  ALNUM[b] = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) ? 1 : 0;
  SEPARATOR[b] = ALNUM[b] || b === 0x27 || b === 0x2d || b === 0x2e || b === 0x2c ? 0 : 1;
}
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const decoder = new TextDecoder();

/** Whether the character ending just before `end` (exclusive) is a letter or digit: it is then inside a token. */
function letterEndsAt(buf: Uint8Array, end: number): boolean {
  const last = buf[end - 1];
  if (last < 0x80) return ALNUM[last] === 1;
  let start = end - 1;
  while (start > 0 && end - start < 4 && (buf[start] & 0xc0) === 0x80) start--;
  return WORD_CHAR.test(decoder.decode(buf.subarray(start, end)));
}

/** Whether the character starting at `at` is a letter or digit: a token starts there after a separator. */
function letterStartsAt(buf: Uint8Array, at: number): boolean {
  const first = buf[at];
  if (first < 0x80) return ALNUM[first] === 1;
  const len = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 0;
  return len > 0 && at + len <= buf.length && WORD_CHAR.test(decoder.decode(buf.subarray(at, at + len)));
}

/**
 * A place in `buf` (valid UTF-8) where the tokenizer's file may be finished and started again with
 * the same tokens and paragraph breaks: a run of separator bytes with a letter or digit on each side.
 * There the last token has just ended (so no newline is pending), and the next token starts where
 * the run ends; it starts a paragraph if the run holds two newlines or more, which a new file's first
 * token would not record, so `paragraph` says so. Null when the block has no such place.
 */
export function findPieceCut(buf: Uint8Array): { at: number; paragraph: boolean } | null {
  for (let s = 1; s < buf.length; s++) {
    const b = buf[s];
    if (b >= 0x80 || SEPARATOR[b] === 0) continue;
    let q = s;
    let newlines = 0;
    while (q < buf.length && buf[q] < 0x80 && SEPARATOR[buf[q]] === 1) {
      if (buf[q] === 0x0a) newlines++;
      q++;
    }
    if (q < buf.length && letterEndsAt(buf, s) && letterStartsAt(buf, q)) return { at: s, paragraph: newlines >= 2 };
    s = q;
  }
  return null;
}

/** The file being read: its finished pieces and paragraph breaks, offsets from its first token. */
export class FileInPieces {
  readonly pieces: IdPiece[] = [];
  private readonly breaks: number[] = [];
  private tokens = 0;
  private pushedSinceCut = 0;

  constructor(private readonly tokenizer: FileTokenizer, private readonly codec: IdCodec, private readonly pieceBytes = PIECE_BYTES) {}

  /** Pushes a block (valid UTF-8 ending at a character boundary); past `pieceBytes` of text, finishes a piece at the first safe cut in it. */
  push(block: Uint8Array): void {
    const cut = this.pushedSinceCut >= this.pieceBytes ? findPieceCut(block) : null;
    if (!cut) {
      this.tokenizer.push(block);
      this.pushedSinceCut += block.length;
      return;
    }
    this.tokenizer.push(block.subarray(0, cut.at));
    this.finishPiece(false);
    // The next token starts a paragraph that a fresh file's first token would not record.
    if (cut.paragraph) this.breaks.push(this.tokens);
    this.tokenizer.push(block.subarray(cut.at));
    this.pushedSinceCut = block.length - cut.at;
  }

  /** Finishes the file: its token count and breaks (the pieces stay in `pieces`). */
  finish(): { tokens: number; breaks: Uint32Array } {
    this.finishPiece(true);
    return { tokens: this.tokens, breaks: Uint32Array.from(this.breaks) };
  }

  private finishPiece(last: boolean): void {
    const piece = this.tokenizer.finishFile();
    for (const b of piece.breaks) this.breaks.push(this.tokens + b);
    if (piece.ids.length > 0 || (last && this.pieces.length === 0)) this.pieces.push(packIds(piece.ids, this.codec));
    this.tokens += piece.ids.length;
  }
}
