/**
 * Fields of a text vector line: a word, then numbers, separated by spaces (w2v text, GloVe) or tabs
 * (Projector TSV). Shared by the readers and the format detector.
 */
import { quoted } from '../../shared/printable.js';
import { isUtf8 } from 'node:buffer';
import { parseDecimal } from './numbers.js';

export class FieldSplitter {
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);

  /** Splits buf[s..e) on runs of `sep`; returns the number of fields. */
  split(buf: Uint8Array, s: number, e: number, sep = 32): number {
    let n = 0;
    let i = s;
    while (i < e) {
      while (i < e && buf[i] === sep) i++;
      if (i >= e) break;
      if (n === this.starts.length) this.grow();
      this.starts[n] = i;
      while (i < e && buf[i] !== sep) i++;
      this.ends[n] = i;
      n++;
    }
    return n;
  }

  /** Splits on every `sep` (empty fields kept), as TSV does. */
  splitStrict(buf: Uint8Array, s: number, e: number, sep = 9): number {
    let n = 0;
    let i = s;
    for (;;) {
      if (n === this.starts.length) this.grow();
      this.starts[n] = i;
      while (i < e && buf[i] !== sep) i++;
      this.ends[n] = i;
      n++;
      if (i >= e) break;
      i++;
    }
    return n;
  }

  text(buf: Buffer, k: number): string {
    return buf.toString('utf8', this.starts[k], this.ends[k]);
  }

  numeric(buf: Uint8Array, k: number): boolean {
    return !Number.isNaN(parseDecimal(buf, this.starts[k], this.ends[k]));
  }

  private grow(): void {
    const s = new Int32Array(this.starts.length * 2);
    s.set(this.starts);
    const e = new Int32Array(this.ends.length * 2);
    e.set(this.ends);
    this.starts = s;
    this.ends = e;
  }
}

/** A header line "V d": exactly two non-negative integers. */
export function parseHeaderLine(buf: Buffer, s: number, e: number): { words: number; dim: number } | null {
  const m = /^ *(\d{1,15}) +(\d{1,15}) *$/.exec(buf.toString('latin1', s, e));
  return m ? { words: Number(m[1]), dim: Number(m[2]) } : null;
}

/**
 * Whether a line is a word followed by `dim` numbers (any number when dim is 0); words may hold spaces.
 * With `loose`, fields that merely start like numbers (or are nan/inf) count, so that detection hands a
 * file with a bad value to the reader, whose error says which value is wrong.
 */
export function isVectorLine(f: FieldSplitter, buf: Buffer, s: number, e: number, dim: number, loose = false): boolean {
  const n = f.split(buf, s, e, 32);
  if (n < 2) return false;
  const d = dim > 0 ? dim : n - 1;
  if (n < d + 1) return false;
  for (let k = n - d; k < n; k++) if (!(loose ? looksNumeric(buf, f.starts[k], f.ends[k]) : f.numeric(buf, k))) return false;
  return true;
}

function looksNumeric(buf: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (buf[i] === 45 || buf[i] === 43) i++;
  if (i >= e) return false;
  const c = buf[i];
  if ((c >= 48 && c <= 57) || (c === 46 && i + 1 < e && buf[i + 1] >= 48 && buf[i + 1] <= 57)) return true;
  const w = Buffer.from(buf.buffer, buf.byteOffset + i, e - i).toString('latin1').toLowerCase();
  return w === 'nan' || w === 'inf' || w === 'infinity';
}

/** Whether a line is only numbers separated by tabs (a Projector vectors.tsv row). */
export function isTsvNumbersLine(f: FieldSplitter, buf: Buffer, s: number, e: number): boolean {
  const n = f.splitStrict(buf, s, e, 9);
  if (n < 2) return false;
  for (let k = 0; k < n; k++) if (!f.numeric(buf, k)) return false;
  return true;
}

/**
 * Decodes a word. Invalid UTF-8 becomes U+FFFD (the caller warns); returns the word and whether it was
 * repaired.
 */
export function decodeWord(buf: Buffer, s: number, e: number): { word: string; repaired: boolean } {
  const word = buf.toString('utf8', s, e);
  if (word.indexOf('\uFFFD') === -1) return { word, repaired: false };
  return { word, repaired: !isUtf8(buf.subarray(s, e)) };
}

/** The start of a line, for error messages. */
export function preview(buf: Buffer, s: number, e: number, max = 60): string {
  const t = buf.toString('utf8', s, Math.min(e, s + max * 4));
  return quoted(t, max);
}
