/** randwalk and recovery: synthetic corpora with known vectors, and how well a run finds them. */
import { randWalkOptions } from '../../shared/randwalkOptions.js';
import { describeRecovery, describeTheory } from '../../shared/randwalkText.js';
import { idAt, stringFlag } from '../args.js';
import { fmt, followJob, type Command } from '../context.js';
import { optionFlagSpecs, optionsHelp, optionValuesFromFlags } from '../optionFlags.js';

export const randwalkCommands: Command[] = [
  {
    name: 'randwalk',
    usage: 'randwalk [--name N] [generator options]   generates a corpus with known true vectors (--help lists the options)',
    details: `Generator options:\n${optionsHelp(randWalkOptions, '  ')}`,
    flags: () => [{ name: 'name', kind: 'string' }, ...optionFlagSpecs(randWalkOptions)],
    async run(ctx) {
      const { lab, args } = ctx;
      const params = optionValuesFromFlags(randWalkOptions, args, new Set(['name', 'db', 'json']), 'randwalk');
      const job = await lab.call('randwalk.generate', { ...params, name: stringFlag(args, 'name') });
      const { corpusId, theory } = (await followJob(ctx, job)).result!;
      const info = await lab.call('randwalk.get', { corpusId });
      const p = info.params;
      ctx.print({ corpus: corpusId, params: p, theory, generation: info.stats }, () => [
        `Corpus ${corpusId}: RAND-WALK n=${p.vocab} d=${p.dim} T=${fmt(p.tokens)} seed ${p.seed}` +
          (p.planted ? `, ${p.planted} planted relations × ${p.plantedPairs} pairs` : '') +
          ` (generated in ${info.stats.seconds.toFixed(1)} s, ${fmt(Math.round(info.stats.tokensPerSecond))} tokens/s)`,
        describeTheory(info.theory),
      ].join('\n'));
      return 0;
    },
  },
  {
    name: 'recovery',
    usage: 'recovery <run>              how well a run on a RAND-WALK corpus recovers the true vectors',
    flags: () => [],
    async run(ctx) {
      const r = await ctx.lab.call('randwalk.recovery', { runId: idAt(ctx.args, 1, 'run') });
      ctx.print(r, () => `Run ${r.runId} against the truth of corpus ${r.corpusId}:\n  ${describeRecovery(r)}`);
      return 0;
    },
  },
];
