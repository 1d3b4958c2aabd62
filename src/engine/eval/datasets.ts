/**
 * Evaluation datasets: the standard sets shipped in resources/eval, or files the
 * user supplies in the same formats. Words are looked up through the lab's
 * tokenizer, so "Athens" finds the stored "athens".
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { printable } from '../../shared/printable.js';
import { basename, join } from 'node:path';
import { appRoot } from '../base/paths.js';
import { LabError } from '../../shared/labError.js';

export interface AnalogyQuestion {
  section: string;
  words: [string, string, string, string];
  line: number;
}

export interface SimilarityPair {
  a: string;
  b: string;
  score: number;
  line: number;
}

export const ANALOGY_SETS: Record<string, string> = { google: 'analogy/google.txt', msr: 'analogy/msr.txt' };
export const SIMILARITY_SETS: Record<string, string> = {
  ws353: 'similarity/ws353.tsv',
  ws353_similarity: 'similarity/ws353_similarity.tsv',
  ws353_relatedness: 'similarity/ws353_relatedness.tsv',
  simlex999: 'similarity/simlex999.tsv',
  men3000: 'similarity/men3000.tsv',
  rw: 'similarity/rw.tsv',
};
/** Google's first five sections are semantic, the rest (gram*) syntactic. */
export const GOOGLE_SEMANTIC = new Set(['capital-common-countries', 'capital-world', 'currency', 'city-in-state', 'family']);

/** A shipped set's path by name, or the user's own file. */
export function datasetPath(nameOrPath: string, kind: 'analogy' | 'similarity'): { name: string; path: string } {
  const table = kind === 'analogy' ? ANALOGY_SETS : SIMILARITY_SETS;
  if (table[nameOrPath]) return { name: nameOrPath, path: join(appRoot(), 'resources', 'eval', table[nameOrPath]) };
  if (existsSync(nameOrPath)) return { name: basename(nameOrPath), path: nameOrPath };
  throw new LabError(`No ${kind} set "${nameOrPath}": use one of ${Object.keys(table).join(', ')}, or the path of a file.`, 'invalid');
}

/**
 * The offending line, short and printable, once the file has shown itself to be a set (a
 * question or pair read before it): a page must not read the first line of any file on the
 * lab's machine by naming it as an evaluation set.
 */
const quoted = (line: string, readBefore: number): string => (readBefore > 0 ? `: "${printable(line)}"` : '');

/** `: section` lines and `a b c d` questions; a file without sections gets one section named after it. */
export function parseAnalogies(text: string, file: string): AnalogyQuestion[] {
  const out: AnalogyQuestion[] = [];
  let section: string | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (line.startsWith(':')) {
      section = line.slice(1).trim();
      if (!section) throw new LabError(`${file}, line ${i + 1}: a section line needs a name after ":".`, 'invalid');
      return;
    }
    const words = line.split(/\s+/, 101); // no more: a long line must not become millions of strings
    if (words.length !== 4) {
      const found = words.length > 100 ? 'more than 100' : String(words.length);
      throw new LabError(`${file}, line ${i + 1}: expected 4 words "a b c d", found ${found}${quoted(line, out.length)}.`, 'invalid');
    }
    out.push({ section: section ?? basename(file).replace(/\.[^.]*$/, ''), words: words as AnalogyQuestion['words'], line: i + 1 });
  });
  if (out.length === 0) throw new LabError(`${file}: no analogy questions found (expected lines "a b c d").`, 'invalid');
  return out;
}

/** `word1 word2 score` with tabs or spaces; a first line whose score is not a number is a header. */
export function parseSimilarity(text: string, file: string): SimilarityPair[] {
  const out: SimilarityPair[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const cols = line.includes('\t') ? line.split('\t', 4).map((c) => c.trim()) : line.split(/\s+/, 4);
    const score = Number(cols[2]);
    if (cols.length !== 3 || cols[2] === '' || !Number.isFinite(score)) {
      if (out.length === 0 && i === 0) return; // header
      throw new LabError(`${file}, line ${i + 1}: expected "word1 word2 score" with a numeric score${quoted(line, out.length)}.`, 'invalid');
    }
    out.push({ a: cols[0], b: cols[1], score, line: i + 1 });
  });
  if (out.length === 0) throw new LabError(`${file}: no word pairs found (expected lines "word1 word2 score").`, 'invalid');
  return out;
}

export function loadAnalogies(nameOrPath: string): { name: string; questions: AnalogyQuestion[] } {
  const { name, path } = datasetPath(nameOrPath, 'analogy');
  return { name, questions: parseAnalogies(readText(path), path) };
}

export function loadSimilarity(nameOrPath: string): { name: string; pairs: SimilarityPair[] } {
  const { name, path } = datasetPath(nameOrPath, 'similarity');
  return { name, pairs: parseSimilarity(readText(path), path) };
}

/** Evaluation sets are small (Google's is 0.6 MB, the largest shipped 1 MB); a bigger file is not one. */
export const MAX_EVAL_SET_BYTES = 64 * 1024 * 1024;

/**
 * Reads a set: a regular file only (a FIFO would block, /dev/zero would never end), of bounded size.
 * The file is opened without blocking and checked through its descriptor, so a FIFO swapped in after
 * a check by name cannot block the thread (the server's main thread answers eval.questions).
 */
function readText(path: string): string {
  const name = printable(path, 300);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new LabError(`Cannot read ${name}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, 'invalid');
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new LabError(`${name} is not a regular file, so it cannot be an evaluation set.`, 'invalid');
    const tooBig = (bytes: number): LabError =>
      new LabError(`${name} is ${(bytes / 1e6).toFixed(0)} MB; an evaluation set is at most ${MAX_EVAL_SET_BYTES / 1024 / 1024} MiB.`, 'invalid');
    if (st.size > MAX_EVAL_SET_BYTES) throw tooBig(st.size);
    // Read to the end, not to the size seen: the file may have grown since, and must still fit the cap.
    let buf = Buffer.allocUnsafe(st.size + 1);
    let used = 0;
    for (;;) {
      if (used === buf.length) {
        if (used > MAX_EVAL_SET_BYTES) break;
        const grown = Buffer.allocUnsafe(Math.min(MAX_EVAL_SET_BYTES + 1, 2 * used));
        buf.copy(grown, 0, 0, used);
        buf = grown;
      }
      const n = readSync(fd, buf, used, buf.length - used, null);
      if (n === 0) break;
      used += n;
    }
    if (used > MAX_EVAL_SET_BYTES) throw tooBig(used);
    return buf.toString('utf8', 0, used);
  } catch (e) {
    if (e instanceof LabError) throw e;
    throw new LabError(`Cannot read ${name}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, 'invalid');
  } finally {
    closeSync(fd);
  }
}
