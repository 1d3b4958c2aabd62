/**
 * A metadata.tsv as the TensorFlow Projector takes it: one row per word, columns
 * separated by tabs; with one column there is no header, with more the first line
 * names them. Rows are matched to the projected words by the word column (one
 * named word/token/label/name, else the first) or by order (row r is the
 * vocabulary's word r, as the Projector matches rows to vectors). A column whose
 * values are all numbers is coloured on a ramp unless it holds a few whole
 * numbers only (ids, years, topics); any other column is categories.
 */

export interface MetadataTable {
  name: string;
  columns: string[];
  /** Row-major cells, rows × columns. */
  rows: string[][];
  /** The column that holds the words. */
  wordColumn: number;
}

export type MatchBy = 'word' | 'order';

const WORD_COLUMNS = ['word', 'token', 'label', 'name'];
/** Whole-number columns with at most this many values are categories (cluster ids, topics, years). */
const MAX_INTEGER_CATEGORIES = 20;
const MAX_ROWS = 1_000_000;
/** "topic 2" before "topic 10". */
const NATURAL = new Intl.Collator('en', { numeric: true });

/** Parses the file's text; an error names the line and what was expected. */
export function parseMetadataTsv(name: string, text: string): MetadataTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new Error(`${name} is empty: expected a header line, then one row per word, columns separated by tabs.`);
  if (lines.length > MAX_ROWS + 1) throw new Error(`${name} has ${lines.length.toLocaleString('en-US')} lines; at most ${MAX_ROWS.toLocaleString('en-US')} rows are read.`);
  const width = lines[0].split('\t').length;
  const header = width > 1;
  const columns = header ? lines[0].split('\t').map((c, i) => c.trim() || `column ${i + 1}`) : ['label'];
  const rows: string[][] = [];
  for (let l = header ? 1 : 0; l < lines.length; l++) {
    const cells = lines[l].split('\t');
    if (cells.length !== width) {
      throw new Error(`${name}, line ${l + 1}: ${cells.length} column${cells.length === 1 ? '' : 's'}, but line 1 has ${width}; every row needs one value per column (tab-separated, empty allowed).`);
    }
    rows.push(cells);
  }
  if (rows.length === 0) throw new Error(`${name} has a header line but no rows.`);
  const named = columns.findIndex((c) => WORD_COLUMNS.includes(c.toLowerCase()));
  return { name, columns, rows, wordColumn: named >= 0 ? named : 0 };
}

/** For each point, its row (−1: none). `vocabIndex(k)` is point k's row in the run's vocabulary, for matching by order. */
export function matchRows(t: MetadataTable, words: readonly string[], by: MatchBy, vocabIndex: (k: number) => number): Int32Array {
  const rowOf = new Int32Array(words.length).fill(-1);
  if (by === 'order') {
    for (let k = 0; k < words.length; k++) {
      const r = vocabIndex(k);
      if (r < t.rows.length) rowOf[k] = r;
    }
    return rowOf;
  }
  const exact = new Map<string, number>();
  const folded = new Map<string, number>();
  t.rows.forEach((row, r) => {
    const w = row[t.wordColumn].trim();
    if (!exact.has(w)) exact.set(w, r);
    if (!folded.has(w.toLowerCase())) folded.set(w.toLowerCase(), r);
  });
  for (let k = 0; k < words.length; k++) rowOf[k] = exact.get(words[k]) ?? folded.get(words[k].toLowerCase()) ?? -1;
  return rowOf;
}

/** By word when the word column names at least half of the points it could (else the rows are taken in order). */
export function autoMatch(t: MetadataTable, words: readonly string[], vocabIndex: (k: number) => number): MatchBy {
  const byWord = matchRows(t, words, 'word', vocabIndex);
  let found = 0;
  for (const r of byWord) if (r >= 0) found++;
  return found * 2 >= Math.min(words.length, t.rows.length) ? 'word' : 'order';
}

export type ColumnValues =
  | { kind: 'numeric'; values: Float64Array; min: number; max: number }
  | { kind: 'categorical'; codes: Int32Array; categories: string[]; counts: number[] };

/** A column's values for the points (NaN or −1 where a point has no row or an empty cell). */
export function columnValues(t: MetadataTable, column: number, rowOf: Int32Array): ColumnValues {
  const cells = Array.from(rowOf, (r) => (r >= 0 ? t.rows[r][column].trim() : ''));
  if (isNumericColumn(t, column)) {
    const values = Float64Array.from(cells, (c) => (c === '' ? NaN : Number(c)));
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return { kind: 'numeric', values, min, max };
  }
  const tally = new Map<string, number>();
  for (const c of cells) if (c !== '') tally.set(c, (tally.get(c) ?? 0) + 1);
  const categories = [...tally.keys()].sort((a, b) => tally.get(b)! - tally.get(a)! || NATURAL.compare(a, b));
  const code = new Map(categories.map((c, i) => [c, i]));
  return { kind: 'categorical', codes: Int32Array.from(cells, (c) => code.get(c) ?? -1), categories, counts: categories.map((c) => tally.get(c)!) };
}

/** Numbers throughout (empty cells aside), and not a few whole numbers only. */
export function isNumericColumn(t: MetadataTable, column: number): boolean {
  const distinct = new Set<number>();
  let whole = true;
  for (const row of t.rows) {
    const c = row[column].trim();
    if (c === '') continue;
    const v = Number(c);
    if (!Number.isFinite(v)) return false;
    if (!Number.isInteger(v)) whole = false;
    if (distinct.size <= MAX_INTEGER_CATEGORIES) distinct.add(v);
  }
  return distinct.size > 0 && !(whole && distinct.size <= MAX_INTEGER_CATEGORIES);
}
