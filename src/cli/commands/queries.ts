/** eval, neighbors, analogy, compare: the questions one asks of trained vectors. */
import type { CompareReport } from '../../shared/contract.js';
import { idAt, requirePositional, stringFlag, intFlag, UsageError, printable } from '../args.js';
import { followJob, type Command } from '../context.js';

const EVAL_SETS = { analogy: 'google,msr', similarity: 'ws353,ws353_similarity,ws353_relatedness,simlex999,men3000,rw' };

function describeCompare(r: CompareReport): string {
  return [
    `Run ${r.a.id} (${r.a.name}) vs run ${r.b.id} (${r.b.name}): ${r.sharedWords} shared words`,
    `  neighbour overlap@${r.overlapK} over the ${r.probes} most frequent: ${(100 * r.meanOverlap).toFixed(1)}%`,
    r.procrustes.applicable
      ? `  Procrustes residual ${r.procrustes.residual!.toFixed(4)} (before alignment ${r.procrustes.residualBefore!.toFixed(4)}) over ${r.procrustes.words} words`
      : `  Procrustes: not applicable (${r.procrustes.reason})`,
    `  neighbourhoods that changed most: ${r.changedMost.slice(0, 10).map((w) => `${w.word} (${(100 * w.overlap).toFixed(0)}%)`).join(', ')}`,
  ].join('\n');
}

export const queryCommands: Command[] = [
  {
    name: 'eval',
    usage: 'eval <run> [--analogy google,msr,FILE] [--similarity ws353,simlex999,men3000,rw,FILE] [--restrict 30000] [--method add|mul]',
    flags: () => [
      { name: 'analogy', kind: 'string' }, { name: 'similarity', kind: 'string' },
      { name: 'restrict', kind: 'int', min: 1, max: 10_000_000 }, { name: 'method', kind: 'string' },
    ],
    async run(ctx) {
      const { args, lab } = ctx;
      const runId = idAt(args, 1, 'run');
      const list = (key: 'analogy' | 'similarity'): string[] => (stringFlag(args, key) ?? EVAL_SETS[key]).split(',').map((x) => x.trim()).filter(Boolean);
      const method = stringFlag(args, 'method') ?? 'add';
      if (method !== 'add' && method !== 'mul') throw new UsageError(`--method is add or mul, not "${printable(method)}".`);
      const job = await lab.call('eval.start', { runId, analogy: list('analogy'), similarity: list('similarity'), restrict: intFlag(args, 'restrict'), methods: [method] });
      await followJob(ctx, job);
      const report = await lab.call('eval.get', { runId });
      const asked = (key: 'analogy' | 'similarity', k: string): boolean => list(key).some((n) => k === n || n.endsWith(k));
      const analogy = Object.fromEntries(Object.entries(report.analogy).filter(([k]) => asked('analogy', k)).map(([k, v]) => [k, v[method]]));
      const similarity = Object.fromEntries(Object.entries(report.similarity).filter(([k]) => asked('similarity', k)));
      ctx.print({ run: runId, analogy, similarity }, () => [
        `Run ${runId}`,
        ...Object.entries(analogy).map(([k, v]) =>
          `  ${k} (3Cos${method === 'add' ? 'Add' : 'Mul'}, top ${v!.restrict}): ${(100 * v!.accuracy).toFixed(2)}%  (${v!.correct}/${v!.total}, ${v!.oov} out of vocabulary)` +
          (v!.groups ? `  semantic ${(100 * v!.groups.semantic.accuracy).toFixed(1)}%, syntactic ${(100 * v!.groups.syntactic.accuracy).toFixed(1)}%` : '')),
        ...Object.entries(similarity).map(([k, v]) => `  ${k}: Spearman ${v.spearman === null ? 'n/a' : v.spearman.toFixed(4)}  (${v.pairs} pairs, ${v.oov} out of vocabulary)`),
      ].join('\n'));
      return 0;
    },
  },
  {
    name: 'neighbors',
    usage: 'neighbors <run> <word> [--k 10]',
    flags: () => [{ name: 'k', kind: 'int', min: 1, max: 1000 }],
    async run(ctx) {
      const r = await ctx.lab.call('vectors.neighbors', { runId: idAt(ctx.args, 1, 'run'), word: requirePositional(ctx.args, 2, 'a word'), k: intFlag(ctx.args, 'k') });
      ctx.print(r, () => r.neighbors.map((n) => `${n.cosine.toFixed(4)}  ${n.word}`).join('\n'));
      return 0;
    },
  },
  {
    name: 'analogy',
    usage: 'analogy <run> a b c [--k 10]',
    flags: () => [{ name: 'k', kind: 'int', min: 1, max: 100 }],
    async run(ctx) {
      const [a, b, c] = [2, 3, 4].map((i) => requirePositional(ctx.args, i, 'three words a b c'));
      const [r] = await ctx.lab.call('vectors.analogy', { runIds: [idAt(ctx.args, 1, 'run')], a, b, c, k: intFlag(ctx.args, 'k') });
      if (r.missing.length) throw new Error(`Not in this run's vocabulary: ${r.missing.join(', ')}.`);
      ctx.print(r, () => [
        `${a} : ${b} :: ${c} : ?`,
        '  3CosAdd                     3CosMul',
        ...r.add!.map((x, i) => `  ${x.word.padEnd(18)} ${x.score.toFixed(4)}   ${r.mul![i].word.padEnd(18)} ${r.mul![i].score.toFixed(4)}`),
      ].join('\n'));
      return 0;
    },
  },
  {
    name: 'compare',
    usage: 'compare <runA> <runB>',
    flags: () => [],
    async run(ctx) {
      const r = await ctx.lab.call('run.compare', { a: idAt(ctx.args, 1, 'run'), b: idAt(ctx.args, 2, 'run') });
      ctx.print(r, () => describeCompare(r));
      return 0;
    },
  },
];
