// The README's corpus-axis finding as an SVG, drawn from an experiment in a lab: one line per method,
// a metric (default Google 3CosAdd) against each corpus's tokens on a log scale.
//   node bench/plot-corpus-axis.mjs --db LAB --experiment ID [--metric google] [--out docs/finding-corpus-axis.svg]
// The experiment is one like `experiment 1,2,3 --method sgns,ppmi-svd,mstar --grid dim=200 --grid maxVocab=10000
// --eval google --restrict 10000` over the same corpus at several sizes.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const db = opt('db');
const experiment = opt('experiment');
if (!db || !experiment) {
  console.error('Usage: node bench/plot-corpus-axis.mjs --db LAB --experiment ID [--metric google] [--out FILE]');
  process.exit(2);
}
const metric = opt('metric', 'google');
const out = opt('out', join(root, 'docs', 'finding-corpus-axis.svg'));

function cli(...a) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'embedlab.js'), ...a, '--db', db, '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`embedlab ${a.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const table = cli('experiment', 'show', experiment);
const tokensOf = new Map(cli('corpus', 'list').map((c) => [c.id, c.tokens]));
const methodName = { sgns: 'SGNS', cbow: 'CBOW', 'ppmi-svd': 'PPMI-SVD', mstar: 'M* (spectral)', glove: 'GloVe', qwem: 'QWEM' };
const colours = ['#4c9be8', '#e8a33d', '#5bbf7a', '#c2549d', '#8a6fd1'];
const byMethod = new Map();
for (const row of table.rows) {
  if (row.status !== 'done' || row.metrics[metric] == null) continue;
  if (!byMethod.has(row.method)) byMethod.set(row.method, []);
  byMethod.get(row.method).push({ tokens: tokensOf.get(row.corpusId), corpus: row.corpusName, value: 100 * row.metrics[metric] });
}
if (byMethod.size === 0) throw new Error(`experiment ${experiment} has no finished row with the metric ${metric}`);
const series = [...byMethod].map(([method, points], k) => ({
  name: methodName[method] ?? method,
  color: colours[k % colours.length],
  dash: method === 'mstar' ? '6 4' : '',
  points: points.sort((a, b) => a.tokens - b.tokens),
}));
const allTokens = [...new Set(series.flatMap((s) => s.points.map((p) => p.tokens)))].sort((a, b) => a - b);
const most = Math.max(...allTokens);
const top = Math.ceil(Math.max(...series.flatMap((s) => s.points.map((p) => p.value))) / 10) * 10;
const label = metric === 'google' ? 'Google analogies, 3CosAdd' : metric;

const W = 560, H = 320, L = 60, R = 150, T = 24, B = 48;
const lo = Math.log10(allTokens[0]) - 0.08, hi = Math.log10(most) + 0.08;
const x = (t) => L + ((Math.log10(t) - lo) / (hi - lo)) * (W - L - R);
const y = (v) => T + (1 - v / top) * (H - T - B);
const fmtTokens = (t) => `${(t / 1e6).toFixed(1)}M (${t === most ? 'all' : `${Math.round((100 * t) / most)}%`})`;
let s = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">\n`;
s += `<rect width="${W}" height="${H}" fill="#ffffff"/>\n`;
for (let v = 0; v <= top; v += 10) s += `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e6ea"/><text x="${L - 8}" y="${y(v) + 4}" text-anchor="end" fill="#555">${v}%</text>\n`;
for (const t of allTokens) s += `<line x1="${x(t)}" x2="${x(t)}" y1="${T}" y2="${H - B}" stroke="#eef0f2"/><text x="${x(t)}" y="${H - B + 16}" text-anchor="middle" fill="#555">${fmtTokens(t)}</text>\n`;
s += `<text x="${(L + W - R) / 2}" y="${H - 10}" text-anchor="middle" fill="#333">tokens of the corpus (log scale)</text>\n`;
s += `<text transform="translate(16 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle" fill="#333">${label}</text>\n`;
series.forEach((se, k) => {
  const dash = se.dash ? `stroke-dasharray="${se.dash}"` : '';
  s += `<polyline fill="none" stroke="${se.color}" stroke-width="2.2" ${dash} points="${se.points.map((p) => `${x(p.tokens).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}"/>\n`;
  for (const p of se.points) s += `<circle cx="${x(p.tokens).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3.5" fill="${se.color}"><title>${se.name}, ${p.corpus}: ${p.value.toFixed(1)}%</title></circle>\n`;
  const ly = T + 16 + k * 20;
  s += `<line x1="${W - R + 16}" x2="${W - R + 40}" y1="${ly - 4}" y2="${ly - 4}" stroke="${se.color}" stroke-width="2.2" ${dash}/><text x="${W - R + 46}" y="${ly}" fill="#333">${se.name}</text>\n`;
});
s += `</svg>\n`;
writeFileSync(out, s);
for (const se of series) console.log(`${se.name}: ${se.points.map((p) => `${p.corpus} ${(p.tokens / 1e6).toFixed(1)}M ${p.value.toFixed(1)}%`).join(', ')}`);
console.log(`wrote ${out}`);
