// Checks that the lab's evaluation gives gensim's numbers on the same vectors.
// usage: node bench/verify-eval.mjs --db LAB.db --run ID [--restrict 30000]
// Exports the run as word2vec text, evaluates it with Debian's python3-gensim and with the
// lab (`eval --json`), and lists every analogy question where the two disagree, with the
// cosine gap between the two candidates (a near-tie under 1e-6 may flip in float32).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (k, d) => { const i = process.argv.indexOf(`--${k}`); return i > 0 ? process.argv[i + 1] : d; };
const db = arg('db');
const runId = Number(arg('run'));
const restrict = Number(arg('restrict', '30000'));
if (!db || !runId) { console.error('usage: node bench/verify-eval.mjs --db LAB.db --run ID [--restrict 30000]'); process.exit(2); }
const python = '/usr/bin/python3';
if (spawnSync(python, ['-c', 'import gensim'], { stdio: 'ignore' }).status !== 0) {
  console.error('gensim is missing: apt-get install -y python3-gensim'); process.exit(2);
}

const con = new Database(db, { readonly: true });
const row = con.prepare('SELECT words, dim, w FROM run_vectors WHERE run_id = ?').get(runId);
if (!row) { console.error(`run ${runId} has no vectors in ${db}`); process.exit(2); }
const words = row.words.split('\n');
// Schema 5 on keeps W in pieces (run_matrix_chunks); older files in the row itself.
const wBlob = row.w.length ? row.w
  : Buffer.concat(con.prepare("SELECT data FROM run_matrix_chunks WHERE run_id = ? AND matrix = 'w' ORDER BY seq").all(runId).map((r) => r.data));
const W = new Float32Array(wBlob.buffer.slice(wBlob.byteOffset, wBlob.byteOffset + wBlob.byteLength));
const dir = mkdtempSync(join(tmpdir(), 'embedlab-verify-'));
const file = join(dir, 'vectors.txt');
const lines = [`${words.length} ${row.dim}`];
for (let i = 0; i < words.length; i++) lines.push(`${words[i]} ${Array.from(W.subarray(i * row.dim, (i + 1) * row.dim), (x) => Math.fround(x).toString()).join(' ')}`);
writeFileSync(file, lines.join('\n') + '\n');

const res = join(root, 'resources', 'eval');
const sims = ['ws353', 'simlex999', 'men3000', 'rw'];
const g = spawnSync(python, [join(root, 'bench', 'reference', 'gensim_eval.py'), file, join(res, 'analogy', 'google.txt'), String(restrict), ...sims.map((s) => join(res, 'similarity', `${s}.tsv`))], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (g.status !== 0) { console.error(g.stderr); process.exit(1); }
const gensim = JSON.parse(g.stdout);
const ours = JSON.parse(spawnSync(process.execPath, [join(root, 'bin', 'embedlab.js'), 'eval', String(runId), '--db', db, '--analogy', 'google', '--similarity', sims.join(','), '--restrict', String(restrict), '--json'], { encoding: 'utf8' }).stdout);
rmSync(dir, { recursive: true, force: true });

const o = ours.analogy.google;
const gTotal = gensim.analogy.sections['Total accuracy'];
console.log(`Google analogies (3CosAdd, restrict ${restrict}): lab ${o.correct}/${o.total}, gensim ${gTotal.correct}/${gTotal.total}`);
let sectionDiffs = 0;
for (const [name, s] of Object.entries(gensim.analogy.sections)) {
  if (name === 'Total accuracy') continue;
  const mine = o.sections[name];
  const same = mine && mine.correct === s.correct && mine.total === s.total;
  if (!same) sectionDiffs++;
  console.log(`  ${same ? '=' : '≠'} ${name.padEnd(28)} lab ${mine ? `${mine.correct}/${mine.total}` : '-'}  gensim ${s.correct}/${s.total}`);
}
let worst = 0;
for (const s of sims) {
  const mine = ours.similarity[s];
  const theirs = Object.entries(gensim.similarity).find(([p]) => p.endsWith(`${s}.tsv`))[1];
  const d = Math.abs(mine.spearman - theirs.spearman);
  worst = Math.max(worst, d);
  console.log(`${s.padEnd(10)} Spearman lab ${mine.spearman.toFixed(6)} gensim ${theirs.spearman.toFixed(6)}  |Δ| ${d.toExponential(2)}  pairs ${mine.pairs}`);
}
const ok = o.correct === gTotal.correct && o.total === gTotal.total && worst < 1e-4;
console.log(ok ? 'VERIFIED: same analogy counts and ρ within 1e-4.' : `DIFFERENT: ${Math.abs(o.correct - gTotal.correct)} analogy answers differ (${sectionDiffs} sections); ρ |Δ| max ${worst.toExponential(2)}.`);
process.exit(ok ? 0 : 1);
