// sgns / cbow: ours = `train --method sgns|cbow` with the word2vec profile; references = gensim Word2Vec
// (corpus_file, its fastest path) and fastText without subwords, on the lab's exported tokens, same
// parameters and threads. Speed is raw words (in the vocabulary) × epochs per second of training;
// quality = the same gensim evaluation for every tool's vectors (bench/reference/compare_vectors.py).
import { join } from 'node:path';
import type { Context, Task, TaskResult } from '../lib/context.js';
import { copyLabFile, type TrainResult } from '../lib/lab.js';
import { lastJson, runMeasured, type Measured } from '../lib/proc.js';
import { fmt, fmtInt, fmtPct, medianOf, ratio, type Table } from '../lib/stats.js';
import { aptLine, missing, referenceEnv } from '../lib/tools.js';

interface RefOut {
  seconds: number;
  total_seconds: number;
  words: number;
  words_per_sec: number;
  vocab: number;
  version: string;
}

const GOAL_SPEEDUP = 3; // issue 17: at least 3x gensim's words/s at equal quality (issue 4 asked 1.25x)

function word2vecTask(method: 'sgns' | 'cbow'): Task {
  const sg = method === 'sgns' ? 1 : 0;
  const alpha = method === 'sgns' ? 0.025 : 0.05;
  const profile = { dim: 100, window: 5, negative: 5, sample: 1e-4, minCount: 5, epochs: 5, alpha, seed: 1 };
  return {
    name: method,
    summary: `${method.toUpperCase()} (d 100, window 5, negative 5, sample 1e-4, min-count 5, 5 epochs, lr ${alpha}) vs gensim Word2Vec and fastText`,
    async run(ctx: Context): Promise<TaskResult> {
      const notes: string[] = [];
      const prep = await ctx.prepared();
      const db = ctx.freshDb(method);
      copyLabFile(prep.db, db);
      ctx.log(`${method}: ours`);
      const ours: { m: Measured; result: TrainResult } = await ctx.lab.train(db, prep.corpusId, method, { ...profile, threads: ctx.threads });
      const refs: { tool: string; m: Measured; out: RefOut; prefix: string }[] = [];
      const script = join(ctx.root, 'bench', 'reference', 'word2vec_ref.py');
      for (const tool of ['gensim', 'fasttext'] as const) {
        const need = tool === 'gensim' ? ['python3', 'gensim'] : ['python3', 'fasttext'];
        const lack = missing(ctx.tools, need);
        if (lack.length) {
          notes.push(`${tool} reference skipped: missing ${lack.join(', ')}. Install with: ${aptLine(lack)}`);
          continue;
        }
        if (tool === 'fasttext' && ctx.options.skipFasttext) continue;
        ctx.log(`${method}: ${tool}`);
        const prefix = join(ctx.tmp, `${method}-${tool}`);
        const args = [script, '--tool', tool, '--text', prep.text, '--sg', String(sg), '--dim', '100', '--window', '5', '--negative', '5', '--sample', '1e-4',
          '--min-count', '5', '--epochs', '5', '--alpha', String(alpha), '--threads', String(ctx.threads), '--seed', '1', '--out-prefix', prefix];
        const m = await runMeasured(ctx.tools.python!, args, { env: referenceEnv(ctx.threads) });
        refs.push({ tool, m, out: lastJson<RefOut>(m, `${tool} ${method}`), prefix });
      }
      const evalArgs = ctx.evalArgs(notes);
      const quality = new Map<string, Record<string, Record<string, number | null>>>();
      for (const r of refs) {
        const qm = await runMeasured(ctx.tools.python!, [join(ctx.root, 'bench', 'reference', 'compare_vectors.py'), '--db', db, '--run', String(ours.result.run), '--ref-prefix', r.prefix, ...evalArgs], { env: referenceEnv(ctx.threads) });
        const cmp = lastJson<{ overlap: number; eval: Record<string, Record<string, number | null>> }>(qm, 'compare_vectors');
        quality.set(r.tool, { ...cmp.eval, overlap: { v: cmp.overlap } });
      }
      const oursWps = (ours.result.metrics?.wordsPerSec as number) ?? NaN;
      const trainSeconds = (ours.result.phases?.training as number) ?? NaN;
      const q = (side: Record<string, number | null> | undefined): string[] => [
        side ? fmtPct(side.google ?? null) : '—', side ? fmt(side.ws353 ?? null, 3) : '—', side ? fmt(side.men ?? null, 3) : '—', side ? fmt(side.simlex ?? null, 3) : '—',
      ];
      const first = refs.length ? quality.get(refs[0].tool) : undefined;
      const table: Table = {
        title: `${method} — threads ${ctx.threads}`,
        columns: ['tool', 'wall s', 'training s', 'words/s', 'peak RSS MB', 'Google 3CosAdd', 'WS353 ρ', 'MEN ρ', 'SimLex ρ', 'ours words/s ÷ tool', 'RSS ours/tool'],
        rows: [['ours', fmt(ours.m.wallSeconds), fmt(trainSeconds), fmtInt(oursWps), fmt(ours.m.peakRssMB, 0), ...q(first?.ours), '—', '—']],
      };
      for (const r of refs) {
        table.rows.push([`${r.tool} ${r.out.version}`, fmt(r.m.wallSeconds), fmt(r.out.seconds), fmtInt(r.out.words_per_sec), fmt(r.m.peakRssMB, 0),
          ...q(quality.get(r.tool)?.ref), ratio(oursWps, r.out.words_per_sec), ratio(ours.m.peakRssMB, r.m.peakRssMB)]);
      }
      const gensim = refs.find((r) => r.tool === 'gensim');
      if (gensim && ctx.goalsApply) {
        const speed = oursWps / gensim.out.words_per_sec;
        notes.push(ctx.verdict(`words/s at least ${GOAL_SPEEDUP}× gensim's: ${speed.toFixed(2)}×`, speed >= GOAL_SPEEDUP));
        const g = quality.get('gensim');
        if (g?.ours?.google != null && g?.ref?.google != null) {
          const d = 100 * ((g.ours.google as number) - (g.ref.google as number));
          notes.push(ctx.verdict(`Google within 1 point of gensim's: ${d >= 0 ? '+' : ''}${d.toFixed(2)} points`, Math.abs(d) <= 1 || d > 0));
        }
        for (const [key, label] of [['ws353', 'WS353'], ['men', 'MEN'], ['simlex', 'SimLex-999']] as const) {
          const a = g?.ours?.[key];
          const b = g?.ref?.[key];
          if (a == null || b == null) continue;
          const d = (a as number) - (b as number);
          notes.push(ctx.verdict(`${label} ρ within 0.02 of gensim's: ${d >= 0 ? '+' : ''}${d.toFixed(3)}`, Math.abs(d) <= 0.02 || d > 0));
        }
        if (ours.m.peakRssMB !== null && gensim.m.peakRssMB !== null) {
          notes.push(ctx.verdict(`peak memory no more than gensim's: ${fmt(ours.m.peakRssMB, 0)} vs ${fmt(gensim.m.peakRssMB, 0)} MB`, ours.m.peakRssMB <= gensim.m.peakRssMB));
        }
      }
      notes.push('words/s: words of the vocabulary (min-count 5) read per second of training, × epochs; ours from the run\'s own timer, gensim from train() alone, fastText from its whole process (it has no separate timer).');
      ctx.removeDb(db);
      return { task: method, tables: [table], notes, data: { ours: { wall: ours.m.wallSeconds, train: trainSeconds, wordsPerSec: oursWps, rss: ours.m.peakRssMB }, refs: refs.map((r) => ({ tool: r.tool, ...r.out, wall: r.m.wallSeconds, rss: r.m.peakRssMB })), quality: Object.fromEntries(quality) } };
    },
  };
}

export const sgns = word2vecTask('sgns');
export const cbow = word2vecTask('cbow');
void medianOf;
