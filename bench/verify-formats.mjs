// Interoperability check of the vector formats (issue 6): exports a generated vector set in every
// format with the lab's own modules, has gensim and NumPy load it (bench/verify-formats.py), imports
// the files gensim writes, and prints a pass/fail table. Exit code 1 if any check fails.
//
//   node --import tsx bench/verify-formats.mjs [--keep]      (needs /usr/bin/python3 with python3-gensim)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportVectors, importVectors } from '../src/engine/formats/index.ts';

const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const script = fileURLToPath(new URL('./verify-formats.py', import.meta.url));
const keep = process.argv.includes('--keep');

/** 5,000 words (with accents, CJK, Greek, an emoji), d = 64, values of mixed magnitudes, Zipf counts. */
function vectorSet(V = 5000, dim = 64, seed = 6) {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const special = ['naïve', '東京', '🙂', 'Ελλάδα', 'café', 'straße', 'don\'t', 'e-mail', 'C++', '1999'];
  const words = Array.from({ length: V }, (_, i) => (i < special.length ? special[i] : `w${i.toString(36)}`));
  const W = new Float32Array(V * dim);
  for (let i = 0; i < W.length; i++) W[i] = (rand() - 0.5) * 10 ** (rand() * 6 - 4);
  W.set([0, -0, 1e-30, 3.4e38, 1.4e-45, 0.1, -2.5], 0);
  const counts = Uint32Array.from({ length: V }, (_, i) => Math.floor(1e6 / (i + 1)));
  return { words, counts, dim, W };
}

const dir = mkdtempSync(join(tmpdir(), 'embedlab-verify-'));
const rows = [];
const record = (name, ok, detail) => rows.push({ name, ok, detail });
try {
  const v = vectorSet();
  const files = {
    'w2v-text': 'ours.txt', 'w2v-text.gz': 'ours.vec.gz', 'w2v-bin': 'ours.bin', 'w2v-bin.gz': 'ours.bin.gz', glove: 'ours.glove.txt',
    tsv: 'projector', npy: 'numpy', 'w2v-bin-normalized': 'ours.top1000.unit.bin', 'w2v-bin-underscore': 'spaced.underscore.bin', 'w2v-bin-kept': 'spaced.kept.bin',
  };
  const formatOf = (key) => key.replace(/\.gz$/, '').replace(/-(normalized|underscore|kept)$/, '');
  const t0 = performance.now();
  for (const key of ['w2v-text', 'w2v-text.gz', 'w2v-bin', 'w2v-bin.gz', 'glove', 'tsv', 'npy']) {
    await exportVectors(v, { format: formatOf(key), out: join(dir, files[key]) });
  }
  await exportVectors(v, { format: 'w2v-bin', out: join(dir, files['w2v-bin-normalized']), top: 1000, normalize: true });
  const spaced = { words: ['new york', 'the', 'san francisco bay', 'a'], counts: new Uint32Array(4), dim: 3, W: Float32Array.from({ length: 12 }, (_, i) => i / 7) };
  await exportVectors(spaced, { format: 'w2v-bin', out: join(dir, files['w2v-bin-underscore']), spaces: 'underscore' });
  await exportVectors(spaced, { format: 'w2v-bin', out: join(dir, files['w2v-bin-kept']) });
  const exportSeconds = (performance.now() - t0) / 1000;
  writeFileSync(join(dir, 'ref.f32'), Buffer.from(v.W.buffer));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    words: v.words, dim: v.dim, counts: [...v.counts], reference: 'ref.f32', files, normalizedTop: 1000, spacedWords: spaced.words,
  }));

  // Our own reader reads back what it wrote, including the word with spaces kept.
  const kept = await importVectors(join(dir, files['w2v-bin-kept']));
  record('our importer reads w2v-bin with spaces kept', JSON.stringify(kept.words) === JSON.stringify(spaced.words), `${JSON.stringify(kept.words)}`);

  const py = spawnSync(PYTHON, [script, dir], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (py.status !== 0) {
    record('bench/verify-formats.py ran', false, (py.stderr || py.error?.message || '').trim().split('\n').slice(-3).join(' | '));
  } else {
    const result = JSON.parse(py.stdout);
    for (const c of result.checks) record(c.name, c.ok, c.detail);
    for (const [name, path] of Object.entries(result.written)) {
      const t = performance.now();
      try {
        const back = await importVectors(path);
        const sameWords = back.words.length === v.words.length && back.words.every((w, i) => w === v.words[i]);
        const a = new Uint32Array(back.W.buffer, back.W.byteOffset, back.W.length);
        const b = new Uint32Array(v.W.buffer, v.W.byteOffset, v.W.length);
        const sameBits = a.length === b.length && a.every((x, i) => x === b[i]);
        record(`we import gensim's ${name}`, sameWords && sameBits && back.warnings.length === 0,
          `detected ${back.format}; ${back.words.length} words x ${back.dim}: ${sameWords ? 'words' : 'WORDS DIFFER'}, ${sameBits ? 'float32 bits identical' : 'VECTORS DIFFER'} (${((performance.now() - t) / 1000).toFixed(2)} s)`);
      } catch (e) {
        record(`we import gensim's ${name}`, false, e.message);
      }
    }
    rows.push({ note: `gensim ${result.gensim}, numpy ${result.numpy}; ${v.words.length} words x ${v.dim}; all exports written in ${exportSeconds.toFixed(2)} s` });
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`files kept in ${dir}`);
}

const width = Math.max(...rows.filter((r) => r.name).map((r) => r.name.length));
console.log(`${'check'.padEnd(width)}  result  detail`);
console.log(`${'-'.repeat(width)}  ------  ------`);
for (const r of rows) {
  if (r.note) console.log(`\n${r.note}`);
  else console.log(`${r.name.padEnd(width)}  ${r.ok ? 'pass  ' : 'FAIL  '}  ${r.detail}`);
}
const failed = rows.filter((r) => r.name && !r.ok).length;
console.log(failed ? `\n${failed} check(s) failed.` : `\nAll ${rows.filter((r) => r.name).length} checks passed.`);
process.exitCode = failed ? 1 : 0;
