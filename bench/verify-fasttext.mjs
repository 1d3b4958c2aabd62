// Verification of the fastText .bin import (issue 19) against fastText itself and gensim:
//
//   node --import tsx bench/verify-fasttext.mjs [--corpus DIR] [--big] [--keep] [--write-fixture]
//
// Trains small models with Debian's fasttext (/usr/bin/fasttext, 0.9.2) on the small corpus (default
// /work/shared/data/corpus/small, all *.txt) plus 20 copies of test/fixtures/fasttext/tiny.txt (the
// corpus is ASCII; the copies give non-ASCII words and n-grams trained rows): skipgram with n-grams of
// 3–6, cbow with 3–6, and skipgram with -minn 0 -maxn 0; all -dim 20, 2M buckets, -epoch 1 -thread 2.
// For each it checks, and prints as a table:
//   - the import (timed, and its peak memory, in a child process of its own);
//   - every vocabulary word's vector against `fasttext print-word-vectors` (5 significant digits);
//   - 1,000 words outside the vocabulary (SubwordFile, by offset) against print-word-vectors, and the
//     same vectors from the rows in memory (SubwordRows), bit for bit;
//   - the vocabulary against gensim's load_facebook_vectors (bench/verify-fasttext.py);
//   - (skipgram) fastText's own bucket of n-grams: for each n-gram `fasttext print-ngrams` shows, the
//     one n-gram row equal to the vector it prints must be the row our hash picks.
// --big also trains a -dim 100 skipgram (an 800 MB model) to time the import at a larger size.
// --scale N instead times the import of a synthetic model (written here, not by fastText) of N words of
// 3–14 letters × 300 dimensions with 2M buckets, the shape of cc.en.300.bin with fewer words, inline and
// on threads (a file of (N + 2M) × 1.2 KB; N = 200000 is 3 GB).
// --write-fixture writes the n-gram buckets found from fastText to test/fixtures/fasttext/ngram-buckets.json.
// Exit code 1 if any check fails.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importVectors, readFastTextBin, subwordBuckets, SubwordFile, SubwordRows } from '../src/engine/formats/index.ts';
import { withReader } from '../src/engine/formats/source.ts';
import { writeSyntheticFastText } from '../test/helpers/syntheticFastText.ts';

const FASTTEXT = process.env.FASTTEXT ?? '/usr/bin/fasttext';
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

if (flag('--import-only')) {
  // Child mode: import one model and report time and peak memory.
  const file = option('--import-only');
  const threads = flag('--threads') ? Number(option('--threads')) : undefined;
  // VmHWM: this process's own peak (getrusage's maxRSS can carry the parent's over fork and exec).
  const hwm = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
  const baseMB = hwm();
  const t0 = performance.now();
  const v = threads === undefined ? await importVectors(file) : await withReader(file, {}, (r) => readFastTextBin(r, { threads }));
  const seconds = (performance.now() - t0) / 1000;
  const maxRssMB = hwm();
  console.log(JSON.stringify({ seconds, baseMB, maxRssMB, words: v.words.length, dim: v.dim, matrixMB: v.W.byteLength / 2 ** 20 }));
  process.exit(0);
}

const rows = [];
const record = (model, name, ok, detail) => {
  rows.push({ model, name, ok, detail });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${model.padEnd(9)} ${name.padEnd(34)} ${detail}`);
};

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** "word v1 … vd" lines → Map(word → numbers), in order. */
function parsePrinted(text) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const f = line.trim().split(' ');
    out.push({ word: f[0], v: f.slice(1).map(Number) });
  }
  return out;
}

/**
 * The largest error in units of the tolerance (≤ 1 passes): fastText prints 5 significant digits (half
 * a unit of the 5th digit), and our float32 sums add the same rows in another order (the vocabulary:
 * bucket order, as the rows stream), which may differ by about one float32 ulp of the row's scale.
 */
function printedError(got, want) {
  let scale = 0;
  for (const x of want) scale = Math.max(scale, Math.abs(x));
  const ulp = scale * 2 ** -23;
  let worst = 0;
  for (let j = 0; j < want.length; j++) {
    const tol = 5.1e-5 * Math.abs(want[j]) + ulp + 1e-12;
    worst = Math.max(worst, Math.abs(got[j] - want[j]) / tol);
  }
  return worst;
}

/** 1,000 words not in the vocabulary, made from vocabulary words (suffixes, prefixes, accents, reversal). */
function unseenWords(words, n = 1000) {
  const vocab = new Set(words);
  const edits = [(w) => `${w}ish`, (w) => `un${w}`, (w) => `${w}é`, (w) => [...w].reverse().join(''), (w) => `${w}${w}`, (w) => `Ü${w.slice(1)}`, (w) => `${w}ß`, (w) => `東${w}`];
  const out = [];
  for (let i = 0; out.length < n && i < words.length * edits.length; i++) {
    const w = edits[i % edits.length](words[(i * 7919) % words.length]);
    if (!vocab.has(w) && !/\s/.test(w) && w !== '</s>') {
      vocab.add(w);
      out.push(w);
    }
  }
  return out;
}

async function checkModel(label, file, dir, o) {
  const child = JSON.parse(run(process.execPath, ['--import', 'tsx', here('./verify-fasttext.mjs'), '--import-only', file]));
  const size = statSync(file).size;
  record(label, 'import (own process)', true, `${child.words} words × ${child.dim}, ${(size / 2 ** 20).toFixed(0)} MiB file in ${child.seconds.toFixed(2)} s ` +
    `(${(size / 2 ** 20 / child.seconds).toFixed(0)} MiB/s), peak RSS ${child.maxRssMB.toFixed(0)} MiB ` +
    `(${child.baseMB.toFixed(0)} MiB before it) for a ${child.matrixMB.toFixed(1)} MiB matrix`);
  if (o.timeOnly) return;

  const v = await importVectors(file, { subwordRows: true });
  const d = v.dim;
  const printed = parsePrinted(run(FASTTEXT, ['print-word-vectors', file], v.words.join('\n') + '\n'));
  let worst = 0;
  let bad = 0;
  const sameWords = printed.length === v.words.length && printed.every((p, i) => p.word === v.words[i]);
  printed.forEach((p, i) => {
    const e = printedError(v.W.subarray(i * d, (i + 1) * d), p.v);
    worst = Math.max(worst, e);
    if (e > 1) bad++;
  });
  record(label, 'vocabulary = print-word-vectors', sameWords && bad === 0, `${printed.length} words, ${bad} differ; worst error ${worst.toFixed(3)} of the 5-digit tolerance`);

  const unseen = unseenWords(v.words);
  const printedUnseen = parsePrinted(run(FASTTEXT, ['print-word-vectors', file], unseen.join('\n') + '\n'));
  if (v.fastText.subwords) {
    const sf = await SubwordFile.open(v.fastText.subwords);
    const got = await sf.vectors(unseen);
    await sf.close();
    const mem = new SubwordRows(v.fastText.subwords, v.fastText.subwordRows);
    let worstU = 0;
    let badU = 0;
    let memDiff = 0;
    printedUnseen.forEach((p, k) => {
      const mine = got.vectors.subarray(k * d, (k + 1) * d);
      const e = printedError(mine, p.v);
      worstU = Math.max(worstU, e);
      if (e > 1 || p.word !== unseen[k]) badU++;
      const m = mem.vector(unseen[k]).vector;
      for (let j = 0; j < d; j++) if (!Object.is(m[j], mine[j])) memDiff++;
    });
    record(label, '1,000 unseen words = print-word-vectors', badU === 0 && printedUnseen.length === unseen.length, `${printedUnseen.length} words (e.g. ${unseen.slice(0, 4).join(', ')}), ${badU} differ; worst ${worstU.toFixed(3)} of tolerance`);
    record(label, 'unseen: file rows = memory rows', memDiff === 0, `${memDiff} floats differ`);
  } else {
    const zeros = printedUnseen.every((p) => p.v.every((x) => x === 0));
    record(label, 'no subwords: unseen words are zero', zeros && v.fastText.subwords === null, 'fastText prints zeros; the import records no subword layout');
  }

  const g = JSON.parse(run(PYTHON, [here('./verify-fasttext.py'), file, dir]));
  const gWords = readFileSync(join(dir, 'gensim.words'), 'utf8').split('\n').slice(0, g.words);
  const gBuf = readFileSync(join(dir, 'gensim.f32'));
  const gW = new Float32Array(gBuf.buffer, gBuf.byteOffset, gBuf.byteLength / 4);
  let gWorst = 0;
  let gBits = 0;
  // gensim gives fastText's end-of-sentence token "</s>" n-grams; fastText (and we) give it none.
  const eos = v.words.indexOf('</s>');
  for (let i = 0; i < v.words.length; i++) {
    if (i === eos) continue;
    let norm = 0;
    for (let j = 0; j < d; j++) norm = Math.max(norm, Math.abs(gW[i * d + j]));
    for (let j = 0; j < d; j++) {
      const a = v.W[i * d + j];
      const b = gW[i * d + j];
      if (a === b) gBits++;
      gWorst = Math.max(gWorst, Math.abs(a - b) / (norm || 1));
    }
  }
  const gSame = gWords.length === v.words.length && gWords.every((w, i) => w === v.words[i]);
  const compared = v.words.length - (eos >= 0 ? 1 : 0);
  record(label, 'vocabulary = gensim', gSame && gWorst < 1e-6, `${compared} words (all but "</s>", which gensim alone gives n-grams); ${(100 * gBits / (compared * d)).toFixed(1)}% of floats bit-equal, worst |Δ| ${gWorst.toExponential(2)} of the row's largest value`);

  if (o.hashes) await checkBuckets(label, file, v, o);
}

/** fastText's own choice of row for n-grams, read back from the vectors print-ngrams shows. */
async function checkBuckets(label, file, v, o) {
  const d = v.dim;
  const rows = v.fastText.subwordRows;
  const layout = v.fastText.subwords;
  const words = ['naïve', 'café', 'Ελλάδα', 'αθήνα', '東京', '大阪', '日本語', '🙂', 'smörgåsbord', 'jalapeño', 'straße', 'façade', 'über', 'jury', 'election', 'Atlanta'];
  let found = 0;
  let wrong = 0;
  let ambiguous = 0;
  const fixture = [];
  for (const w of words) {
    const lines = parsePrinted(run(FASTTEXT, ['print-ngrams', file, w]));
    const grams = v.words.includes(w) ? lines.slice(1) : lines;
    const ours = subwordBuckets(w, layout);
    grams.forEach((g, k) => {
      if (g.v.every((x) => x === 0)) {
        ambiguous++;
        return;
      }
      const matches = [];
      const tol0 = 5.1e-5 * Math.abs(g.v[0]) + Math.max(...g.v.map(Math.abs)) * 2 ** -23 + 1e-12;
      for (let b = 0; b < layout.bucket && matches.length < 2; b++) {
        if (Math.abs(rows[b * d] - g.v[0]) > tol0) continue; // most rows differ in their first value
        if (printedError(rows.subarray(b * d, (b + 1) * d), g.v) <= 1) matches.push(b);
      }
      if (matches.length !== 1) {
        ambiguous++;
        return;
      }
      found++;
      if (matches[0] !== ours[k]) wrong++;
      fixture.push([g.word, matches[0]]);
    });
  }
  record(label, 'n-gram buckets = fastText\'s', wrong === 0 && found > 100, `${found} n-grams of ${words.length} words located by their printed rows, ${wrong} differ from our hash (${ambiguous} not located: untrained rows)`);
  if (o.writeFixture) {
    const out = here('../test/fixtures/fasttext/ngram-buckets.json');
    const about = 'Rows that fastText 0.9.2 (Debian) gives these character n-grams in a model with 2,000,000 buckets: for each n-gram that ' +
      '`fasttext print-ngrams` printed, the one n-gram row of the model equal to the printed vector. Written by bench/verify-fasttext.mjs --write-fixture.';
    const lines = fixture.map((p) => `  ${JSON.stringify(p)}`).join(',\n');
    writeFileSync(out, `{\n "about": ${JSON.stringify(about)},\n "bucket": ${layout.bucket},\n "ngrams": [\n${lines}\n ]\n}\n`);
    console.log(`wrote ${out}`);
  }
}

/** A synthetic fastText model: `words` random words, dim 300, 2M buckets, rows from one repeated random block. */
if (flag('--scale')) {
  const words = Number(option('--scale'));
  const dir = mkdtempSync(join(tmpdir(), 'embedlab-fasttext-scale-'));
  try {
    const file = join(dir, 'synthetic.bin');
    const t0 = performance.now();
    await writeSyntheticFastText(file, words);
    const size = statSync(file).size;
    console.log(`wrote a synthetic ${words} × 300 model with 2M buckets (${(size / 2 ** 30).toFixed(2)} GiB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (const threads of flag('--keep') ? [] : [1, 2, 1, 2]) {
      const r = JSON.parse(run(process.execPath, ['--import', 'tsx', here('./verify-fasttext.mjs'), '--import-only', file, '--threads', String(threads)]));
      console.log(`threads ${threads}: ${r.seconds.toFixed(1)} s (${(size / 2 ** 20 / r.seconds).toFixed(0)} MiB/s), peak RSS ${r.maxRssMB.toFixed(0)} MiB ` +
        `(${r.baseMB.toFixed(0)} before) for a ${r.matrixMB.toFixed(0)} MiB matrix`);
    }
  } finally {
    if (flag('--keep')) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

const corpus = option('--corpus', '/work/shared/data/corpus/small');
const dir = mkdtempSync(join(tmpdir(), 'embedlab-verify-fasttext-'));
try {
  const text = join(dir, 'train.txt');
  const out = createWriteStream(text);
  for (const f of readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort()) out.write(readFileSync(join(corpus, f)));
  const extra = readFileSync(here('../test/fixtures/fasttext/tiny.txt'));
  for (let i = 0; i < 20; i++) out.write(extra);
  await new Promise((resolve) => out.end(resolve));
  const common = ['-input', text, '-epoch', '1', '-thread', '2', '-verbose', '0', '-seed', '1'];
  const models = [
    { label: 'skipgram', args: ['skipgram', '-dim', '20', '-minn', '3', '-maxn', '6'], hashes: true },
    { label: 'cbow', args: ['cbow', '-dim', '20', '-minn', '3', '-maxn', '6'] },
    { label: 'nosub', args: ['skipgram', '-dim', '20', '-minn', '0', '-maxn', '0'] },
    ...(flag('--big') ? [{ label: 'big', args: ['skipgram', '-dim', '100', '-minn', '3', '-maxn', '6'], timeOnly: true }] : []),
  ];
  for (const m of models) {
    const base = join(dir, m.label);
    const t0 = performance.now();
    run(FASTTEXT, [...m.args, ...common, '-output', base]);
    console.log(`trained ${m.label} (${m.args.join(' ')}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await checkModel(m.label, `${base}.bin`, dir, { hashes: m.hashes, timeOnly: m.timeOnly, writeFixture: flag('--write-fixture') });
    rmSync(`${base}.vec`, { force: true });
    if (m.timeOnly) rmSync(`${base}.bin`, { force: true });
  }
} finally {
  if (flag('--keep')) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
const failed = rows.filter((r) => !r.ok);
console.log(failed.length ? `${failed.length} of ${rows.length} checks failed.` : `All ${rows.length} checks passed.`);
process.exit(failed.length ? 1 : 0);
