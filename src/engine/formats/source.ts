/**
 * Reading a vector file as a stream of bytes: plain or gzip (by the magic bytes 1f 8b, whatever the
 * name), in 1 MiB chunks, with progress in bytes of the file on disk and cancellation between chunks.
 * Nothing ever holds the whole file.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { LabError } from '../../shared/labError.js';
import { Cancelled } from '../base/errors.js';
import { noProgress, type ProgressSink } from '../base/progress.js';

const CHUNK = 1 << 20;
const EMPTY = Buffer.alloc(0);

/** Whether the file starts with the gzip magic bytes. */
export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * The uncompressed size a gzip file announces in its last 4 bytes (ISIZE, modulo 2^32), or 0 when it
 * cannot be right (smaller than the compressed file: a file over 4 GiB, or several members). Used only
 * to size buffers; nothing relies on it being exact.
 */
async function gzipDataSize(path: string, size: number): Promise<number> {
  if (size < 18) return 0;
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(4);
    await fh.read(b, 0, 4, size - 4);
    const isize = b.readUInt32LE(0);
    return isize >= size ? isize : 0;
  } finally {
    await fh.close();
  }
}

/** Stats a file the user named, with errors that say what is wrong. */
export async function statInput(path: string): Promise<{ size: number; isDirectory: boolean }> {
  try {
    const s = await stat(path);
    if (!s.isFile() && !s.isDirectory()) throw new LabError(`${path}: not a regular file.`, 'invalid');
    return { size: s.size, isDirectory: s.isDirectory() };
  } catch (e) {
    if (e instanceof LabError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LabError(`${path}: no such file.`, 'not-found');
    if (code === 'EACCES') throw new LabError(`${path}: permission denied.`, 'invalid');
    throw new LabError(`${path}: ${(e as Error).message}`, 'failed');
  }
}

export interface ReaderOptions {
  progress?: ProgressSink;
  signal?: AbortSignal;
  /** Bytes already counted by earlier files of the same import (progress is cumulative). */
  progressBase?: number;
}

/**
 * A window over the (decompressed) byte stream: `buf[pos..]` are the bytes not yet consumed, and
 * `offset + i` is the stream offset of `buf[i]`. fill(n) reads until n bytes are available or the end.
 */
export class ByteReader {
  buf: Buffer = EMPTY;
  pos = 0;
  offset = 0;
  eof = false;
  private readonly it: AsyncIterator<Buffer>;
  private readonly progress: ProgressSink;

  private constructor(
    readonly file: string,
    readonly gzip: boolean,
    readonly size: number,
    /** The size of the (decompressed) data when known, else 0: for gzip, the trailer's ISIZE when plausible. */
    readonly dataSize: number,
    private readonly fileStream: ReadStream,
    private readonly stream: Readable,
    private readonly options: ReaderOptions,
  ) {
    this.it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    this.progress = options.progress ?? noProgress;
  }

  static async open(file: string, options: ReaderOptions = {}): Promise<ByteReader> {
    const { size, isDirectory } = await statInput(file);
    if (isDirectory) throw new LabError(`${file}: is a directory, not a file.`, 'invalid');
    const gzip = size >= 2 && (await isGzipFile(file));
    const dataSize = gzip ? await gzipDataSize(file, size) : size;
    const fileStream = createReadStream(file, { highWaterMark: CHUNK });
    let stream: Readable = fileStream;
    if (gzip) {
      const gunzip = createGunzip({ chunkSize: CHUNK });
      stream = pipeline(fileStream, gunzip, () => {});
    }
    return new ByteReader(file, gzip, size, dataSize, fileStream, stream, options);
  }

  get available(): number {
    return this.buf.length - this.pos;
  }

  /** Bytes of the file on disk read so far. */
  get bytesRead(): number {
    return this.fileStream.bytesRead;
  }

  /** Where the data ends, as an index into buf; only meaningful once eof. */
  get end(): number {
    return this.buf.length;
  }

  /** Reads until at least n bytes are available after pos, or the stream ends. Returns whether n are. */
  async fill(n: number): Promise<boolean> {
    while (this.buf.length - this.pos < n && !this.eof) {
      if (this.options.signal?.aborted) throw new Cancelled();
      let r: IteratorResult<Buffer>;
      try {
        r = await this.it.next();
      } catch (e) {
        throw this.streamError(e as Error);
      }
      if (this.options.signal?.aborted) throw new Cancelled();
      if (r.done) {
        this.eof = true;
        break;
      }
      const rest = this.buf.length - this.pos;
      this.buf = rest === 0 ? r.value : Buffer.concat([this.buf.subarray(this.pos), r.value], rest + r.value.length);
      this.offset += this.pos;
      this.pos = 0;
      this.progress.update((this.options.progressBase ?? 0) + this.fileStream.bytesRead);
    }
    return this.buf.length - this.pos >= n;
  }

  /** Reads one more chunk (whatever is there). Returns false at the end. */
  async more(): Promise<boolean> {
    if (this.eof) return false;
    const before = this.available;
    await this.fill(before + 1);
    return this.available > before;
  }

  /** Where (in words) a stream offset is: "byte N" or, for gzip, "byte N of the decompressed data". */
  where(streamOffset: number): string {
    return this.gzip ? `byte ${streamOffset} of the decompressed data` : `byte ${streamOffset}`;
  }

  close(): void {
    this.stream.destroy();
    this.fileStream.destroy();
  }

  private streamError(e: Error): Error {
    if (e instanceof Cancelled || e instanceof LabError) return e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e.message)) {
      return new LabError(`${this.file}: the gzip data is truncated (it ends in the middle of the compressed stream).`, 'invalid');
    }
    if (code?.startsWith('Z_') || /incorrect header check|invalid (block|distance|code)/i.test(e.message)) {
      return new LabError(`${this.file}: not valid gzip data (${e.message}).`, 'invalid');
    }
    if (code === 'EISDIR') return new LabError(`${this.file}: is a directory, not a file.`, 'invalid');
    return new LabError(`${this.file}: ${e.message}`, 'failed');
  }
}

/** Runs fn with a reader over file, and always closes it. */
export async function withReader<T>(file: string, options: ReaderOptions, fn: (r: ByteReader) => Promise<T>): Promise<T> {
  const r = await ByteReader.open(file, options);
  try {
    return await fn(r);
  } finally {
    r.close();
  }
}

/**
 * Iterates the lines of a reader: calls onLine(buf, start, end, lineNumber) with end excluding "\n" and a
 * trailing "\r". Lines are numbered from `firstLine`. Stops early when onLine returns false.
 */
export async function forEachLine(
  r: ByteReader,
  firstLine: number,
  onLine: (buf: Buffer, start: number, end: number, line: number) => boolean | void,
  maxLineBytes = 64 << 20,
): Promise<number> {
  let line = firstLine;
  for (;;) {
    const buf = r.buf;
    let p = r.pos;
    let nl = buf.indexOf(10, p);
    while (nl !== -1) {
      let e = nl;
      if (e > p && buf[e - 1] === 13) e--;
      const go = onLine(buf, p, e, line++);
      p = nl + 1;
      if (go === false) {
        r.pos = p;
        return line;
      }
      nl = buf.indexOf(10, p);
    }
    r.pos = p;
    if (r.eof) {
      if (r.available > 0) {
        let e = r.buf.length;
        if (e > r.pos && r.buf[e - 1] === 13) e--;
        onLine(r.buf, r.pos, e, line++);
        r.pos = r.buf.length;
      }
      return line;
    }
    if (r.available > maxLineBytes) {
      throw new LabError(`${r.file}: line ${line} is longer than ${maxLineBytes >> 20} MiB; this is not a text vector file.`, 'invalid');
    }
    await r.more();
  }
}
