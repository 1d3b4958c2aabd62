// glove: ours only (no GloVe reference is packaged for Debian): `train --method glove` with GloVe's
// usual profile (d 100, window 10 harmonic, x_max 100, α 0.75, 15 iterations, lr 0.05, W+C), its
// pairs/s, and the same gensim evaluation of its vectors as the other tasks use.
import { join } from 'node:path';
import type { Context, Task, TaskResult } from '../lib/context.js';
import { copyLabFile } from '../lib/lab.js';
import { lastJson, runMeasured } from '../lib/proc.js';
import { fmt, fmtInt, fmtPct, type Table } from '../lib/stats.js';
import { missing, referenceEnv } from '../lib/tools.js';

export const glove: Task = {
  name: 'glove',
  summary: 'GloVe (d 100, window 10 harmonic, x_max 100, α 0.75, 15 iterations, lr 0.05), ours with quality',
  async run(ctx: Context): Promise<TaskResult> {
    const prep = await ctx.prepared();
    const db = ctx.freshDb('glove');
    copyLabFile(prep.db, db);
    ctx.log('glove: ours');
    const params = { dim: 100, window: 10, weighting: 'harmonic', xMax: 100, alpha: 0.75, iterations: 15, eta: 0.05, minCount: 5, seed: 1, threads: ctx.threads };
    const { m, result } = await ctx.lab.train(db, prep.corpusId, 'glove', params);
    const notes = ['No GloVe reference implementation is available from Debian here, so only our figures are reported.'];
    let quality: Record<string, number | null> = {};
    const ev = ctx.evalFiles;
    if (!ctx.synthetic && !missing(ctx.tools, ['python3', 'gensim']).length && (ev.google || ev.ws353 || ev.men)) {
      // compare_vectors needs a reference prefix; our own vectors serve as both sides, and only "ours" is read.
      const args = [join(ctx.root, 'bench', 'reference', 'gensim_eval_run.py'), '--db', db, '--run', String(result.run)];
      if (ev.google) args.push('--google', ev.google);
      if (ev.ws353) args.push('--ws353', ev.ws353);
      if (ev.men) args.push('--men', ev.men);
      const q = await runMeasured(ctx.tools.python!, args, { env: referenceEnv(ctx.threads) });
      quality = lastJson<Record<string, number | null>>(q, 'gensim evaluation of the GloVe run');
    }
    const metrics = (result.metrics ?? {}) as Record<string, number>;
    const table: Table = {
      title: `glove — threads ${ctx.threads}`,
      columns: ['tool', 'wall s', 'training s', 'pairs/s', 'entries', 'peak RSS MB', 'Google 3CosAdd', 'WS353 ρ', 'MEN ρ'],
      rows: [['ours', fmt(m.wallSeconds), fmt((result.phases?.training as number) ?? null), fmtInt(metrics.pairsPerSec), fmtInt(metrics.entries), fmt(m.peakRssMB, 0),
        fmtPct(quality.google ?? null), fmt(quality.ws353 ?? null, 3), fmt(quality.men ?? null, 3)]],
    };
    ctx.removeDb(db);
    return { task: 'glove', tables: [table], notes, data: { wall: m.wallSeconds, phases: result.phases, metrics, quality, rss: m.peakRssMB } };
  },
};
