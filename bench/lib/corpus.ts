// The benchmark corpus: ../shared/data/corpus/medium when present, else a generated Zipf corpus.
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../src/engine/base/random.js';

export function folderStats(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        files++;
        bytes += statSync(p).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

/** Reads every file once so that no tool pays for the first read from disk. */
export function warmPageCache(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) warmPageCache(p);
    else if (e.isFile()) readFileSync(p);
  }
}

/**
 * Writes `files` text files holding about `tokens` words drawn from a Zipf law (exponent 1.0) over
 * `vocab` made-up words, in paragraphs of 20..200 words separated by blank lines. No semantics: good
 * for speed and memory, not for quality.
 */
export async function generateZipfCorpus(dir: string, opts: { tokens: number; files: number; vocab?: number; seed?: number }): Promise<void> {
  const vocabSize = opts.vocab ?? 250_000;
  const rng = new Rng(opts.seed ?? 1);
  const rand = (): number => rng.next();
  mkdirSync(dir, { recursive: true });
  const letters = 'etaoinshrdlcumwfgypbvkjxqz';
  const seen = new Set<string>();
  const words: string[] = [];
  while (words.length < vocabSize) {
    const len = 2 + Math.floor(rand() * rand() * 11);
    let w = '';
    for (let i = 0; i < len; i++) w += letters[Math.floor(rand() * rand() * letters.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  words.sort((a, b) => a.length - b.length); // short words are the frequent ones, as in real text
  const cdf = new Float64Array(vocabSize);
  let acc = 0;
  for (let i = 0; i < vocabSize; i++) cdf[i] = acc += 1 / (i + 1);
  for (let i = 0; i < vocabSize; i++) cdf[i] /= acc;
  const draw = (): string => {
    const u = rand();
    let lo = 0;
    let hi = vocabSize - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
  const perFile = Math.ceil(opts.tokens / opts.files);
  for (let f = 0; f < opts.files; f++) {
    const out = createWriteStream(join(dir, `synthetic-${String(f).padStart(4, '0')}.txt`));
    let written = 0;
    while (written < perFile) {
      const n = Math.min(perFile - written, 20 + Math.floor(rand() * 180));
      const para: string[] = new Array(n);
      for (let i = 0; i < n; i++) para[i] = draw();
      para[0] = para[0][0].toUpperCase() + para[0].slice(1);
      written += n;
      if (!out.write(para.join(' ') + '.\n\n')) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}

export interface CorpusChoice {
  dir: string;
  synthetic: boolean;
  note: string;
}

export async function chooseCorpus(root: string, tmp: string, requested: string | null, forceSynthetic: boolean, syntheticTokens: number): Promise<CorpusChoice> {
  if (requested && !forceSynthetic) {
    if (!existsSync(requested)) throw new Error(`--corpus ${requested}: no such folder`);
    return { dir: requested, synthetic: false, note: `corpus: ${requested} (--corpus)` };
  }
  const medium = join(root, '..', 'shared', 'data', 'corpus', 'medium');
  if (!forceSynthetic && existsSync(medium)) return { dir: medium, synthetic: false, note: `corpus: ${medium} (default)` };
  const dir = join(tmp, 'synthetic-zipf');
  const files = Math.max(1, Math.round((283 * syntheticTokens) / 18_000_000));
  await generateZipfCorpus(dir, { tokens: syntheticTokens, files });
  const why = forceSynthetic ? '--synthetic' : `${medium} does not exist`;
  return {
    dir,
    synthetic: true,
    note: `corpus: a generated Zipf corpus of ${syntheticTokens.toLocaleString('en-US')} words in ${files} files at ${dir} (${why}); it has no semantics, so quality numbers are skipped`,
  };
}
