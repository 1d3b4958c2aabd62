/**
 * Little-endian fields read one after another from a ByteReader, each named, so that a truncated or
 * corrupt file is reported with its byte offset and what was expected there.
 */
import { LabError } from '../../../shared/labError.js';
import type { ByteReader } from '../source.js';

export class BinaryCursor {
  constructor(readonly r: ByteReader) {}

  /** The stream offset of the next unread byte. */
  get at(): number {
    return this.r.offset + this.r.pos;
  }

  get file(): string {
    return this.r.file;
  }

  /** An error at stream offset `at`: "FILE: byte N: message". */
  error(at: number, message: string): LabError {
    return new LabError(`${this.r.file}: ${this.r.where(at)}: ${message}`, 'invalid');
  }

  /** Makes n bytes available, or fails saying the file is truncated where `what` was expected. */
  async need(n: number, what: string): Promise<void> {
    if (this.r.available >= n || (await this.r.fill(n))) return;
    const left = this.r.available;
    throw this.error(this.at, `the file is truncated: expected ${what} (${n} bytes) but ${left === 0 ? 'it ends here' : `only ${left} remain`}.`);
  }

  async int32(what: string): Promise<number> {
    await this.need(4, what);
    const v = this.r.buf.readInt32LE(this.r.pos);
    this.r.pos += 4;
    return v;
  }

  /** An int64 that must fit a JS number exactly (sizes and counts). */
  async int64(what: string): Promise<number> {
    await this.need(8, what);
    const at = this.at;
    const v = this.r.buf.readBigInt64LE(this.r.pos);
    this.r.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw this.error(at, `${what} is ${v}, too large to be right.`);
    return Number(v);
  }

  async float64(what: string): Promise<number> {
    await this.need(8, what);
    const v = this.r.buf.readDoubleLE(this.r.pos);
    this.r.pos += 8;
    return v;
  }

  /** A C++ bool: one byte, 0 or 1. */
  async bool(what: string): Promise<boolean> {
    await this.need(1, what);
    const at = this.at;
    const v = this.r.buf[this.r.pos++];
    if (v > 1) throw this.error(at, `expected ${what} (a byte 0 or 1), found ${v}; the file is corrupt.`);
    return v === 1;
  }

  /**
   * Skips n bytes (reading through them: the reader may be a gzip stream), failing as `need` does.
   * Returns nothing; progress and cancellation come from the reader.
   */
  async skip(n: number, what: string): Promise<void> {
    let left = n;
    const start = this.at;
    while (left > 0) {
      if (this.r.available === 0 && !(await this.r.more())) {
        throw this.error(start, `the file is truncated: expected ${what} (${n} bytes) but it ends ${n - left} bytes in.`);
      }
      const k = Math.min(left, this.r.available);
      this.r.pos += k;
      left -= k;
    }
  }
}
