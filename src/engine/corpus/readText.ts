/**
 * Reads one file as a stream of UTF-8 blocks, each ending at a character boundary.
 * It un-gzips, strips a BOM, decodes UTF-16 (with BOM), falls back to
 * Windows-1252/Latin-1 for blocks that are not valid UTF-8, and refuses binary
 * files. Memory stays at one block, whatever the file size.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { createGunzip } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export const BLOCK_BYTES = 4 << 20;

export class SkipFile extends Error {}

export interface TextBlocks {
  blocks: AsyncGenerator<Uint8Array>;
  /** Filled in as the blocks are read; final once `blocks` is exhausted. */
  info: { sha1: string; encoding: string; bytesRead: number };
}

const latin1 = new TextDecoder('latin1'); // WHATWG maps this label to windows-1252
const encoder = new TextEncoder();

function looksBinary(head: Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** Index just past the last ASCII whitespace byte, or the last UTF-8 character boundary. */
function safeCut(buf: Uint8Array): number {
  for (let i = buf.length - 1; i >= Math.max(0, buf.length - 65536); i--) {
    const b = buf[i];
    if (b === 0x0a || b === 0x20 || b === 0x09 || b === 0x0d) return i + 1;
  }
  let i = buf.length;
  while (i > 0 && (buf[i - 1] & 0xc0) === 0x80) i--; // back over continuation bytes
  return i > 0 && buf[i - 1] >= 0xc0 ? i - 1 : buf.length;
}

/**
 * The tail kept for the next block, copied: a Buffer's slice() is a view, and the chunk it came
 * from is the reused read buffer, which the next read overwrites.
 */
const copyOf = (tail: Uint8Array): Uint8Array => new Uint8Array(tail);

/** Plain files are read with one reused buffer (no stream machinery: most files are one read). */
const readBuffer = Buffer.allocUnsafe(BLOCK_BYTES);

function* syncChunks(absPath: string | Buffer): Generator<Buffer> {
  const fd = openSync(absPath, 'r');
  try {
    for (;;) {
      const n = readSync(fd, readBuffer, 0, BLOCK_BYTES, null);
      if (n === 0) return;
      yield readBuffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a file as UTF-8 blocks. `hash` computes its SHA-1 (for duplicate detection;
 * ingestion asks only for files whose size another file shares). A block is only
 * valid until the next one is requested.
 */
export function readTextBlocks(path: string | Uint8Array, gzip: boolean, hash = true): TextBlocks {
  // A name that is not UTF-8 comes as bytes (a Buffer sent to a thread arrives as a Uint8Array).
  const absPath = typeof path === 'string' ? path : Buffer.from(path.buffer, path.byteOffset, path.length);
  const info = { sha1: '', encoding: 'utf-8', bytesRead: 0 };
  const hasher = hash ? createHash('sha1') : null;
  async function* blocks(): AsyncGenerator<Uint8Array> {
    let stream: Readable | Iterable<Buffer>;
    if (gzip) {
      const raw = createReadStream(absPath, { highWaterMark: BLOCK_BYTES });
      if (hasher) raw.on('data', (d: string | Buffer) => {
        hasher.update(d);
      });
      const gunzip = raw.pipe(createGunzip({ chunkSize: 1 << 20 }));
      raw.on('error', (e) => gunzip.destroy(e));
      stream = gunzip;
    } else stream = syncChunks(absPath);
    let carry: Uint8Array = new Uint8Array(0);
    let first = true;
    let utf16: 'le' | 'be' | null = null;
    const encodings = new Set<string>();
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!gzip && hasher) hasher.update(chunk);
      info.bytesRead += chunk.length;
      let buf: Uint8Array = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      if (first) {
        first = false;
        if (buf[0] === 0xff && buf[1] === 0xfe) utf16 = 'le';
        else if (buf[0] === 0xfe && buf[1] === 0xff) utf16 = 'be';
        else if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
        if (utf16) buf = buf.subarray(2);
        else if (looksBinary(buf)) throw new SkipFile('binary file (NUL or control bytes)');
      }
      if (utf16) {
        const even = buf.length & ~1;
        carry = copyOf(buf.subarray(even));
        const text = new TextDecoder(utf16 === 'le' ? 'utf-16le' : 'utf-16be').decode(buf.subarray(0, even));
        encodings.add('utf-16');
        yield encoder.encode(text);
        continue;
      }
      const cut = safeCut(buf);
      carry = copyOf(buf.subarray(cut));
      yield decodeBlock(buf.subarray(0, cut), encodings);
    }
    if (carry.length) yield utf16 ? encoder.encode(new TextDecoder('utf-16' + utf16).decode(carry)) : decodeBlock(carry, encodings);
    info.sha1 = hasher ? hasher.digest('hex') : '';
    info.encoding = encodings.size === 0 ? 'utf-8' : [...encodings].join('+');
  }
  return { blocks: blocks(), info };
}

function decodeBlock(block: Uint8Array, encodings: Set<string>): Uint8Array {
  if (isUtf8(block)) {
    encodings.add('utf-8');
    return block;
  }
  encodings.add('latin-1');
  return encoder.encode(latin1.decode(block));
}
