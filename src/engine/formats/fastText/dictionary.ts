/**
 * The dictionary's entries of a fastText model: per entry the word's bytes and a 0 byte, an int64
 * count and an int8 type (0 word, 1 label). Words come first, in the order of their rows (most frequent
 * first); labels (tokens starting with "__label__", also possible in unsupervised models) follow.
 * Entries are parsed straight from the reader's buffer, without a promise per entry.
 */
import { quoted } from '../../../shared/printable.js';
import type { BinaryCursor } from './cursor.js';
import type { FastTextModelInfo } from './header.js';

/** The longest entry we accept; fastText's own words are whitespace-free tokens, far shorter. */
const MAX_ENTRY_BYTES = 1 << 20;

/** Called for each word entry with its bytes buf[start..end) (valid during the call) and count. */
export type OnWord = (index: number, buf: Buffer, start: number, end: number, count: number, at: number) => void;

/** Reads the model's `size` entries, calling onWord for the words; checks each entry's type. */
export async function readDictionaryEntries(c: BinaryCursor, m: FastTextModelInfo, onWord: OnWord): Promise<void> {
  const size = m.words + m.labels;
  const r = c.r;
  for (let k = 0; k < size; ) {
    const buf = r.buf;
    let p = r.pos;
    // Parse the entries that lie wholly in the buffer.
    while (k < size) {
      const zero = buf.indexOf(0, p);
      if (zero === -1 || zero + 10 > buf.length) break;
      const at = r.offset + p;
      const type = buf[zero + 9];
      const expected = k < m.words ? 0 : 1;
      if (type !== expected) {
        throw c.error(r.offset + zero + 9, `entry ${k + 1} of ${size} (${quoted(buf.toString('utf8', p, Math.min(zero, p + 60)))}) has type ${type}; ` +
          `expected ${expected} (${expected === 0 ? 'a word: the first' : 'a label: after the'} ${m.words} words). Is the dictionary's size right? The file is corrupt.`);
      }
      if (zero === p) throw c.error(at, `entry ${k + 1} of ${size} is an empty word. The file is corrupt.`);
      const count = Number(buf.readBigInt64LE(zero + 1));
      if (count < 0) throw c.error(zero + 1 + r.offset, `entry ${k + 1} of ${size} has a negative count (${count}). The file is corrupt.`);
      if (k < m.words) onWord(k, buf, p, zero, count, at);
      p = zero + 10;
      k++;
    }
    r.pos = p;
    if (k === size) break;
    // An entry continues past the buffer: read more, unless it is already implausibly long.
    const zero = buf.indexOf(0, p);
    if (zero === -1 && r.available > MAX_ENTRY_BYTES) {
      throw c.error(c.at, `entry ${k + 1} of ${size} has no terminating 0 byte within ${MAX_ENTRY_BYTES >> 20} MiB; this is not a fastText dictionary (or it is corrupt).`);
    }
    if (!(await r.more())) {
      const what = zero === -1 ? 'the rest of its word and a 0 byte' : 'its int64 count and int8 type';
      throw c.error(c.at, `the file is truncated: it ends ${r.available} bytes into dictionary entry ${k + 1} of ${size} (expected ${what}).`);
    }
  }
}
