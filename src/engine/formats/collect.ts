/**
 * Collects the vectors an importer reads: rows go straight into float32 storage (pre-sized from a
 * header, else grown in blocks, so that the peak is at most about twice the final matrix), duplicate
 * words keep their first vector and become warnings.
 */
import { quoted } from '../../shared/printable.js';
import { LabError } from '../../shared/labError.js';

const BLOCK_BYTES = 16 << 20;
const DETAILED_DUPLICATES = 10;

export const DEFAULT_MAX_MATRIX_BYTES = 1_000_000_000; // SQLite's default largest blob

export class VectorCollector {
  readonly words: string[] = [];
  readonly warnings: string[] = [];
  private counts: Uint32Array;
  /** Where each word was first seen (a line or a byte offset), for duplicate warnings. */
  private readonly seen = new Map<string, number>();
  private blocks: Float32Array[] = [];
  private blockRows: number[] = [];
  private rowsInLast = 0;
  private readonly scratch: Float32Array;
  private duplicates = 0;
  private readonly maxRows: number;

  constructor(
    readonly file: string,
    readonly dim: number,
    /** Turns a position given to row() into words: "line 12", "byte 1024"… */
    private readonly where: (pos: number) => string,
    options: { expectedRows?: number; maxMatrixBytes?: number } = {},
  ) {
    this.scratch = new Float32Array(dim);
    this.maxRows = Math.floor((options.maxMatrixBytes ?? DEFAULT_MAX_MATRIX_BYTES) / (4 * dim));
    const expected = Math.min(options.expectedRows ?? 0, this.maxRows);
    this.counts = new Uint32Array(Math.max(16, expected));
    if (expected > 0) this.addBlock(expected);
  }

  get size(): number {
    return this.words.length;
  }

  /**
   * Returns the row to fill with the vector of `word` found at `pos` (a line or an offset, see `where`).
   * For a duplicate word it returns a scratch row that is thrown away, and records a warning.
   */
  row(word: string, pos: number, count = 0): Float32Array {
    const first = this.seen.get(word);
    if (first !== undefined) {
      this.duplicates++;
      if (this.duplicates <= DETAILED_DUPLICATES) {
        this.warnings.push(`${this.file}: ${this.where(pos)}: duplicate word ${quoted(word)} (first at ${this.where(first)}); kept the first vector.`);
      }
      return this.scratch;
    }
    if (this.words.length >= this.maxRows) {
      throw new LabError(
        `${this.file}: more than ${this.maxRows.toLocaleString('en-US')} vectors of ${this.dim} dimensions, larger than one run can hold ` +
          `(${(this.maxRows * this.dim * 4 / 1e9).toFixed(2)} GB); import the first N words only (limit).`,
        'invalid',
      );
    }
    this.seen.set(word, pos);
    const n = this.words.length;
    this.words.push(word);
    if (n === this.counts.length) {
      const grown = new Uint32Array(this.counts.length * 2);
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[n] = count;
    const last = this.blocks.length - 1;
    if (last < 0 || this.rowsInLast === this.blockRows[last]) {
      this.addBlock(Math.max(1, Math.floor(BLOCK_BYTES / (4 * this.dim))));
    }
    const b = this.blocks[this.blocks.length - 1];
    const o = this.rowsInLast * this.dim;
    this.rowsInLast++;
    return b.subarray(o, o + this.dim);
  }

  /** The matrix (words × dim), the counts and the warnings; the collector is empty afterwards. */
  finish(): { words: string[]; counts: Uint32Array; dim: number; W: Float32Array; warnings: string[] } {
    const n = this.words.length;
    if (this.duplicates > DETAILED_DUPLICATES) {
      this.warnings.push(`${this.file}: ${this.duplicates - DETAILED_DUPLICATES} more duplicate words; each kept its first vector.`);
    }
    let W: Float32Array;
    const only = this.blocks.length === 1 ? this.blocks[0] : null;
    if (only && only.length === n * this.dim) W = only;
    else if (only && n * this.dim >= 0.75 * only.length) W = only.subarray(0, n * this.dim); // a pre-sized block a little too big: no copy
    else {
      W = new Float32Array(n * this.dim);
      let o = 0;
      for (let i = 0; i < this.blocks.length; i++) {
        const rows = i === this.blocks.length - 1 ? this.rowsInLast : this.blockRows[i];
        W.set(this.blocks[i].subarray(0, rows * this.dim), o);
        o += rows * this.dim;
        this.blocks[i] = EMPTY_F32; // each block can go as soon as it is copied
      }
    }
    this.blocks = [];
    this.seen.clear();
    const counts = this.counts.slice(0, n);
    return { words: this.words, counts, dim: this.dim, W, warnings: this.warnings };
  }

  private addBlock(rows: number): void {
    if (this.blocks.length > 0) this.blockRows[this.blocks.length - 1] = this.rowsInLast;
    this.blocks.push(new Float32Array(rows * this.dim));
    this.blockRows.push(rows);
    this.rowsInLast = 0;
  }
}

const EMPTY_F32 = new Float32Array(0);

/**
 * Refuses, before anything is allocated or read, a matrix that a header announces beyond what one run
 * can hold (a header may claim 10⁹ words): `rows` is the announced count, or the limit asked for if smaller.
 */
export function checkAnnouncedMatrix(file: string, where: string, rows: number, dim: number, maxMatrixBytes = DEFAULT_MAX_MATRIX_BYTES): void {
  if (rows * dim * 4 <= maxMatrixBytes) return;
  const fits = Math.floor(maxMatrixBytes / (4 * dim));
  throw new LabError(
    `${file}: ${where}: the header announces ${rows.toLocaleString('en-US')} words × ${dim.toLocaleString('en-US')} dimensions ` +
      `(${(rows * dim * 4 / 1e9).toFixed(2)} GB), larger than one run can hold (${(maxMatrixBytes / 1e9).toFixed(2)} GB); ` +
      `import the first ${fits.toLocaleString('en-US')} words or fewer (limit).`,
    'invalid',
  );
}

/** "row 3 of metadata" style helpers are plain strings; this checks a word is storable. */
export function checkWord(file: string, where: string, word: string): void {
  if (word.length === 0) throw new LabError(`${file}: ${where}: the word is empty.`, 'invalid');
  if (word.includes('\n')) throw new LabError(`${file}: ${where}: the word contains a line break.`, 'invalid');
}
