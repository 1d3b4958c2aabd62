// eval: our evaluation against gensim's on the same vectors. Trains one PPMI-SVD run (the ppmi profile),
// then bench/verify-eval.mjs exports it as word2vec text, evaluates it with gensim's
// evaluate_word_analogies / evaluate_word_pairs and with the lab, and compares: analogy counts must be
// equal (near-ties aside) and Spearman's ρ within 1e-4.
import { join } from 'node:path';
import type { Context, Task, TaskResult } from '../lib/context.js';
import { copyLabFile } from '../lib/lab.js';
import { runMeasured } from '../lib/proc.js';
import { fmt, type Table } from '../lib/stats.js';
import { aptLine, missing } from '../lib/tools.js';
import { PPMI_PARAMS } from './ppmi.js';

export const evaluation: Task = {
  name: 'eval',
  summary: 'our Google/WS353/SimLex/MEN/RW numbers against gensim\'s on the same exported vectors',
  async run(ctx: Context): Promise<TaskResult> {
    const lack = missing(ctx.tools, ['python3', 'gensim']);
    if (lack.length) return { task: 'eval', tables: [], notes: [`skipped: missing ${lack.join(', ')}. Install with: ${aptLine(lack)}`], data: null };
    const prep = await ctx.prepared();
    const db = ctx.freshDb('eval');
    copyLabFile(prep.db, db);
    ctx.log('eval: training a PPMI-SVD run to evaluate');
    const run = await ctx.lab.train(db, prep.corpusId, 'ppmi-svd', { ...PPMI_PARAMS, threads: ctx.threads });
    ctx.log('eval: lab and gensim on the same vectors');
    const m = await runMeasured(process.execPath, [join(ctx.root, 'bench', 'verify-eval.mjs'), '--db', db, '--run', String(run.result.run), '--restrict', '30000'], { cwd: ctx.root });
    const lines = m.stdout.trim().split('\n');
    const table: Table = {
      title: 'eval — lab vs gensim on the same vectors (Google 3CosAdd restrict 30000; similarity sets)',
      columns: ['set', 'lab', 'gensim', 'detail'],
      // verify-eval.mjs prints "<set> [Spearman] lab X, gensim Y [detail]" per line, then a verdict (kept in the notes).
      rows: lines.flatMap((l) => {
        const m = /^(.*?)\s*(?:Spearman\s+)?lab\s+([^\s,]+),?\s+gensim\s+([^\s,]+)\s*(.*)$/.exec(l.trim());
        return m ? [[m[1].replace(/^[=≠]\s*/, '').replace(/:$/, ''), m[2], m[3], m[4]]] : [];
      }),
    };
    ctx.removeDb(db);
    return {
      task: 'eval', tables: [table],
      notes: [m.code === 0 ? 'VERIFIED: equal analogy counts and ρ within 1e-4.' : `DIFFERENT (exit ${m.code}); see the rows above.`, `evaluation took ${fmt(m.wallSeconds)} s for both tools`],
      data: { exit: m.code, output: lines },
    };
  },
};
