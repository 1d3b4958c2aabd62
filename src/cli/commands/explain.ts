/** explain <run> <w> <c>: the counts behind a pair and what the runs made of it (pair.explain). */
import type { PairExplanation } from '../../shared/contract.js';
import { idAt, intFlag, requirePositional, stringFlag } from '../args.js';
import { fmt, followJob, type Command } from '../context.js';

const num = (v: number | null, digits = 4): string => (v === null ? '−∞ (never together)' : v.toFixed(digits));

function describe(e: PairExplanation): string {
  const wc = `(${e.w}, ${e.c})`;
  return [
    `${e.w} · ${e.c} in corpus ${e.corpusId} (${e.corpusName}), window ${e.window.size} ${e.window.weighting}, min count ${e.window.minCount}`,
    `  #(${e.w}) = ${fmt(e.counts.w)}   #(${e.c}) = ${fmt(e.counts.c)}   #${wc} = ${fmt(e.counts.pair)}   |D| = ${fmt(e.counts.total)}`,
    `  PMI ${num(e.pmi)}   PPMI ${e.ppmi.toFixed(4)}   SPPMI_${e.shift} ${e.sppmi.toFixed(4)}   M* ${e.mstar.toFixed(4)}   (context smoothing α = ${e.cds})`,
    ...e.runs.map((r) => `  run ${r.runId} ${r.name}: cos ${r.cosine === null ? 'n/a' : r.cosine.toFixed(4)}` +
      (r.dot === null ? '' : `   w·c ${r.dot.toFixed(4)} vs PMI − log ${r.k} = ${r.predicted === null ? 'n/a' : r.predicted.toFixed(4)}`)),
    `  ${fmt(e.contexts.total)} windows hold both; ${e.contexts.shown.length} of them:`,
    ...e.contexts.shown.map((k) => `    … ${k.tokens.map((t, i) => (i === k.w || i === k.c ? `[${t}]` : t)).join(' ')} …`),
    `  nearest to ${e.w} in run ${e.runs[0].runId}: ${e.neighbours.byCosine.map((n) => `${n.word} (PMI ${n.pmi === null ? '—' : n.pmi.toFixed(2)})`).join(', ')}`,
    `  highest PMI with ${e.w}: ${e.neighbours.byPmi.map((n) => `${n.word} ${n.pmi.toFixed(2)}`).join(', ')}`,
  ].join('\n');
}

export const explainCommand: Command = {
  name: 'explain',
  usage: 'explain <run> <w> <c> [--compare RUN,RUN] [--contexts 5] [--topn 10]   the counts behind a pair (PMI, SPPMI, M*) and what each run made of it',
  flags: () => [{ name: 'compare', kind: 'string' }, { name: 'contexts', kind: 'int', min: 0, max: 50 }, { name: 'topn', kind: 'int', min: 1, max: 100 }],
  async run(ctx) {
    const { args } = ctx;
    const others = (stringFlag(args, 'compare') ?? '').split(',').filter(Boolean).map((s) => Number(s));
    const job = await ctx.lab.call('pair.explain', {
      runIds: [idAt(args, 1, 'run'), ...others], w: requirePositional(args, 2, 'two words'), c: requirePositional(args, 3, 'two words'),
      contexts: intFlag(args, 'contexts'), topn: intFlag(args, 'topn'),
    });
    const done = await followJob(ctx, job);
    const e = done.result!;
    ctx.print(e, () => describe(e));
    return 0;
  },
};
