// The README's scale plot as an SVG, from the JSON of `npm run bench -- scale [--scale-big]`: two log-log
// panels against the corpus's tokens, time (ingestion, one SGNS epoch, PPMI-SVD) and peak memory (the same
// three), with a dotted line of slope 1 through each first point: a cost on it grows in proportion to the tokens.
//   node bench/plot-scale.mjs [--in bench/results/latest.json] [--out docs/scale.svg]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const input = opt('in', join(root, 'bench', 'results', 'latest.json'));
const out = opt('out', join(root, 'docs', 'scale.svg'));
const points = JSON.parse(readFileSync(input, 'utf8')).tasks?.scale?.data?.points;
if (!points?.length) {
  console.error(`${input} holds no scale task: run npm run bench -- scale [--scale-big] first`);
  process.exit(2);
}

const SERIES = [
  { name: 'ingestion', color: '#4c9be8', time: (p) => p.ingest.seconds, rss: (p) => p.ingest.peakRssMB },
  { name: 'SGNS, 1 epoch', color: '#e8a33d', time: (p) => p.sgns.seconds, rss: (p) => p.sgns.peakRssMB },
  { name: 'PPMI-SVD', color: '#5bbf7a', time: (p) => p.ppmi.seconds, rss: (p) => p.ppmi.peakRssMB },
];
const tokens = points.map((p) => p.tokens);
const W = 360, H = 300, L = 58, R = 14, T = 30, B = 46, GAP = 20;

/** Powers of ten (and 2×, 5×) between lo and hi, for the axis. */
function ticks(lo, hi) {
  const out = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  return out;
}

function panel(x0, title, unit, pick) {
  const values = SERIES.flatMap((s) => points.map(pick(s))).filter((v) => v > 0);
  const [vlo, vhi] = [Math.min(...values) / 1.5, Math.max(...values) * 1.5];
  const [tlo, thi] = [Math.min(...tokens) / 1.3, Math.max(...tokens) * 1.3];
  const x = (t) => x0 + L + ((Math.log10(t) - Math.log10(tlo)) / (Math.log10(thi) - Math.log10(tlo))) * (W - L - R);
  const y = (v) => T + (1 - (Math.log10(v) - Math.log10(vlo)) / (Math.log10(vhi) - Math.log10(vlo))) * (H - T - B);
  const clip = `plot-${x0}`;
  let s = `<clipPath id="${clip}"><rect x="${x0 + L}" y="${T}" width="${W - L - R}" height="${H - T - B}"/></clipPath>\n`;
  s += `<text x="${x0 + L}" y="18" fill="#222" font-weight="600">${title}</text>\n`;
  for (const v of ticks(vlo, vhi)) s += `<line x1="${x0 + L}" x2="${x0 + W - R}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e6ea"/><text x="${x0 + L - 6}" y="${y(v) + 4}" text-anchor="end" fill="#555">${v}</text>\n`;
  for (const t of tokens) s += `<line x1="${x(t)}" x2="${x(t)}" y1="${T}" y2="${H - B}" stroke="#eef0f2"/><text x="${x(t)}" y="${H - B + 16}" text-anchor="middle" fill="#555">${Math.round(t / 1e6)}M</text>\n`;
  s += `<text x="${x0 + (L + W - R) / 2}" y="${H - 8}" text-anchor="middle" fill="#333">tokens (log)</text>\n`;
  s += `<text transform="translate(${x0 + 14} ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle" fill="#333">${unit} (log)</text>\n`;
  for (const se of SERIES) {
    const vs = points.map(pick(se));
    if (vs.some((v) => !(v > 0))) continue;
    const last = tokens.length - 1;
    // Proportional growth from the first point: where a cost would be if it grew with the tokens.
    s += `<line x1="${x(tokens[0])}" y1="${y(vs[0])}" x2="${x(tokens[last])}" y2="${y(vs[0] * (tokens[last] / tokens[0]))}" stroke="${se.color}" stroke-width="1" stroke-dasharray="2 3" opacity="0.7" clip-path="url(#${clip})"/>\n`;
    s += `<polyline fill="none" stroke="${se.color}" stroke-width="2.2" points="${tokens.map((t, i) => `${x(t).toFixed(1)},${y(vs[i]).toFixed(1)}`).join(' ')}"/>\n`;
    for (let i = 0; i < vs.length; i++) s += `<circle cx="${x(tokens[i]).toFixed(1)}" cy="${y(vs[i]).toFixed(1)}" r="3.2" fill="${se.color}"><title>${se.name}, ${Math.round(tokens[i] / 1e6)}M tokens: ${vs[i].toFixed(1)} ${unit}</title></circle>\n`;
  }
  return s;
}

const width = 2 * W + GAP;
let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H + 24}" viewBox="0 0 ${width} ${H + 24}" font-family="system-ui, sans-serif" font-size="12">\n`;
svg += `<rect width="${width}" height="${H + 24}" fill="#ffffff"/>\n`;
svg += panel(0, 'Time against tokens', 'seconds', (se) => se.time);
svg += panel(W + GAP, 'Peak memory against tokens', 'MB', (se) => se.rss);
SERIES.forEach((se, k) => {
  const lx = 60 + k * 150;
  svg += `<line x1="${lx}" x2="${lx + 22}" y1="${H + 14}" y2="${H + 14}" stroke="${se.color}" stroke-width="2.2"/><text x="${lx + 28}" y="${H + 18}" fill="#333">${se.name}</text>\n`;
});
svg += `<text x="${width - 8}" y="${H + 18}" text-anchor="end" fill="#777">dotted: growth in proportion to tokens</text>\n`;
svg += `</svg>\n`;
writeFileSync(out, svg);
for (const se of SERIES) console.log(`${se.name}: ${points.map((p) => `${Math.round(p.tokens / 1e6)}M ${se.time(p).toFixed(1)} s ${se.rss(p)} MB`).join(', ')}`);
console.log(`wrote ${out}`);
