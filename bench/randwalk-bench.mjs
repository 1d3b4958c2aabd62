// RAND-WALK benchmark (issue 8). Run from the repository root:
//
//   node --import tsx bench/randwalk-bench.mjs [--only speed,acceptance,recovery] [--threads N]
//        [--speed-tokens N] [--one-per-step-tokens N] [--out FILE]
//
//  speed:      generation of n = 5k, d = 100, T = 10M tokens with the default 5 tokens per discourse
//              step, and with 1 token per step measured on a shorter run (default 1M tokens) and
//              extrapolated linearly to 10M (the cost is per step, so it is linear in T).
//              Reports wall time and process CPU time (all threads), so a busy machine shows.
//  acceptance: n = 2000, d = 50, T = 5M, seed 1, window 5 (uniform): R² of the frequency law (≥ 0.95
//              expected), PMI against <v,v'>/d over every co-occurring pair among the top 300 words
//              (≥ 0.85 expected) and over the 2000 most co-occurring pairs; Z_c concentration.
//  recovery:   the same corpus with 5 planted relations of 20 pairs; every registered method plus
//              rw-sn (trained directly if the registry does not list it yet); the recovery table.
// Not part of the test suite. Writes JSON to bench/results/randwalk.json unless --out says otherwise.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from '../src/engine/randwalk/generator.ts';
import { theoryChecks } from '../src/engine/randwalk/theory.ts';
import { generateCorpus, runRecovery } from '../src/engine/randwalk/store.ts';
import { noProgress } from '../src/engine/base/progress.ts';
import { linalgKernels } from '../src/engine/kernels/registry.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    only: { type: 'string', default: 'speed,acceptance,recovery' },
    threads: { type: 'string', default: '2' },
    'speed-tokens': { type: 'string', default: '10000000' },
    'one-per-step-tokens': { type: 'string', default: '1000000' },
    out: { type: 'string', default: join(root, 'bench', 'results', 'randwalk.json') },
  },
});
const only = new Set(args.only.split(','));
const threads = Number(args.threads);
const live = new AbortController().signal;
const results = {
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadavg: os.loadavg(), node: process.version, kernels: linalgKernels().name },
  threads,
};

async function timed(work) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { value, wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

const fmt = (x, digits = 3) => (typeof x === 'number' ? x.toFixed(digits) : String(x));

if (only.has('speed')) {
  const T = Number(args['speed-tokens']);
  const T1 = Number(args['one-per-step-tokens']);
  console.log(`\n## Generation speed: n = 5000, d = 100, ${threads} threads, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const five = await timed(() => generate({ vocab: 5000, dim: 100, tokens: T, seed: 1, threads }, noProgress, live));
  console.log(`5 tokens/step: ${T.toLocaleString('en-US')} tokens in ${fmt(five.wall, 1)} s wall, ${fmt(five.cpu, 1)} s CPU ` +
    `(${Math.round(T / five.wall).toLocaleString('en-US')} tokens/s; CPU/threads = ${fmt(five.cpu / threads, 1)} s), acceptance ${fmt(five.value.stats.acceptance, 4)}`);
  const one = await timed(() => generate({ vocab: 5000, dim: 100, tokens: T1, seed: 1, threads, tokensPerStep: 1 }, noProgress, live));
  const scale = 10_000_000 / T1;
  console.log(`1 token/step:  ${T1.toLocaleString('en-US')} tokens in ${fmt(one.wall, 1)} s wall, ${fmt(one.cpu, 1)} s CPU; ` +
    `extrapolated to 10M: ${fmt(one.wall * scale, 0)} s wall, ${fmt(one.cpu * scale, 0)} s CPU`);
  results.speed = {
    fivePerStep: { tokens: T, wall: five.wall, cpu: five.cpu, tokensPerSecond: T / five.wall, acceptance: five.value.stats.acceptance, threads: five.value.stats.threads },
    onePerStep: { tokens: T1, wall: one.wall, cpu: one.cpu, extrapolated10M: { wall: one.wall * scale, cpu: one.cpu * scale } },
  };
}

if (only.has('acceptance')) {
  console.log('\n## Acceptance: n = 2000, d = 50, T = 5M, seed 1, window 5 (uniform)');
  const gen = await timed(() => generate({ vocab: 2000, dim: 50, tokens: 5_000_000, seed: 1, threads }, noProgress, live));
  const g = gen.value;
  const th = await timed(() => theoryChecks(
    { tokens: g.tokens, breaks: g.breaks, counts: g.counts, vectors: g.vectors, dim: 50, allVectors: g.truth.vectors },
    { window: 5, topWords: 300, topPairs: 2000, zSamples: 1000, seed: 1, threads }, noProgress, live,
  ));
  const t = th.value;
  const f = t.frequency;
  console.log(`generation ${fmt(gen.wall, 1)} s wall (${fmt(gen.cpu, 1)} s CPU), theory checks ${fmt(th.wall, 1)} s`);
  console.log(`frequency law: R² ${fmt(f.r2)} (≥ 0.95), slope ${fmt(f.slope)}, intercept ${fmt(f.intercept)} vs −log Z ${fmt(-f.logZ)}`);
  console.log(`PMI vs <v,v'>/d, top-300 words: r = ${fmt(t.pmi.topWords.correlation)} (≥ 0.85) over ${t.pmi.topWords.count} pairs, slope ${fmt(t.pmi.topWords.slope)}`);
  console.log(`PMI vs <v,v'>/d, top-2000 pairs: r = ${fmt(t.pmi.topPairs.correlation)}, slope ${fmt(t.pmi.topPairs.slope)}`);
  console.log(`Z_c over ${t.partition.samples} discourse vectors: mean ${fmt(t.partition.mean, 1)}, std/mean ${fmt(t.partition.cv)}, range ${fmt(t.partition.min, 0)}–${fmt(t.partition.max, 0)}`);
  const strip = ({ points, line, ...rest }) => rest;
  results.acceptance = {
    generation: { wall: gen.wall, cpu: gen.cpu }, theorySeconds: th.wall,
    frequency: strip(f), pmi: { topWords: t.pmi.topWords, topPairs: t.pmi.topPairs }, partition: { ...t.partition, bins: undefined },
    pass: f.r2 >= 0.95 && t.pmi.topWords.correlation >= 0.85,
  };
}

if (only.has('recovery')) {
  console.log('\n## Recovery: n = 2000, d = 50, T = 5M, seed 1, 5 planted relations × 20 pairs');
  const { Lab } = await import('../src/engine/lab.ts');
  const { methods } = await import('../src/engine/methods/registry.ts');
  const { randwalkSn } = await import('../src/engine/methods/randwalkSn.ts');
  const { parseParams } = await import('../src/engine/methods/spec.ts');
  const { createRun, finishRun } = await import('../src/engine/store/runs.ts');
  const dir = mkdtempSync(join(os.tmpdir(), 'embedlab-randwalk-'));
  const lab = new Lab({ dbPath: join(dir, 'lab.db'), mode: 'cli' });
  try {
    const { corpusId } = await generateCorpus(lab.db, { vocab: 2000, dim: 50, tokens: 5_000_000, planted: 5, plantedPairs: 20, seed: 1, threads }, noProgress, live);
    const d = 50;
    const plans = [
      ['ppmi-svd', { dim: d, threads }],
      ['sgns', { dim: d, threads }],
      ['cbow', { dim: d, threads }],
      ['glove', { dim: d, threads }],
      ['mstar', { dim: d, threads }],
      ['lsa', { dim: d, threads }],
      ['rw-sn', { dim: d, threads }],
    ];
    const rows = [];
    for (const [id, raw] of plans) {
      const registered = methods.find((m) => m.id === id);
      const spec = registered ?? (id === 'rw-sn' ? randwalkSn : null);
      if (!spec) continue;
      const params = Object.fromEntries(Object.entries(raw).filter(([k]) => spec.options.some((o) => o.key === k)));
      const t0 = performance.now();
      let runId;
      if (registered) {
        const job = await lab.call('run.start', { corpusId, method: id, params });
        const done = await lab.jobs.wait(job.id);
        if (done.status !== 'done') {
          console.log(`${id}: ${done.status} ${done.error ?? ''}`);
          continue;
        }
        runId = job.subject.runId;
      } else {
        // Not in the registry yet: train in this thread with the same context a job gives.
        const parsed = parseParams(spec, params);
        const ctx = { db: lab.db, corpusId, params: parsed, progress: noProgress, signal: live, log() {}, phase: async (_n, w) => w() };
        const result = await spec.train(ctx);
        runId = createRun(lab.db, { name: id, corpusId, method: id, params: parsed });
        finishRun(lab.db, runId, { ...result, phases: {}, seconds: (performance.now() - t0) / 1000, log: '' });
      }
      const seconds = (performance.now() - t0) / 1000;
      const r = runRecovery(lab.db, runId);
      rows.push({ method: id, seconds, alignedCosine: r.alignedCosine, gramCorrelation: r.gramCorrelation, analogy: r.analogy.accuracy, truthAnalogy: r.analogy.truthAccuracy, chance: r.analogy.chance });
      console.log(`${id.padEnd(9)} ${fmt(seconds, 1).padStart(6)} s  aligned cosine ${fmt(r.alignedCosine)}  Gram r ${fmt(r.gramCorrelation)}  planted analogies ${fmt(r.analogy.accuracy)} (truth ${fmt(r.analogy.truthAccuracy)}, chance ${fmt(r.analogy.chance, 4)})`);
    }
    results.recovery = rows;
  } finally {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, JSON.stringify(results, null, 2));
console.log(`\nJSON: ${args.out}`);
