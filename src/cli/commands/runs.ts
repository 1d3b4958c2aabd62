/** train, run list | show | remove, methods */
import type { MethodInfo, RunDetail } from '../../shared/contract.js';
import { idAt, intFlag, printable, stringFlag, UsageError, type FlagSpec } from '../args.js';
import { followJob, type Command, type CommandContext } from '../context.js';
import { optionFlagSpecs, optionsHelp, optionValuesFromFlags } from '../optionFlags.js';
import type { Lab } from '../../engine/lab.js';

/** The run as the CLI prints it with --json. */
function runJson(run: RunDetail): Record<string, unknown> {
  return {
    run: run.id, name: run.name, method: run.method, corpus: run.corpusId, status: run.status, dim: run.dim, vocab: run.vocab,
    seconds: run.seconds, phases: run.phases, params: run.params, metrics: run.metrics, series: run.series, checkpoint: run.checkpoint,
  };
}

function describeRun(r: RunDetail): string {
  const phases = Object.entries(r.phases).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ');
  return [
    `Run ${r.id}: ${r.name}  [${r.status}]`,
    `  ${r.method} on corpus ${r.corpusId ?? '(removed)'}: ${r.vocab ?? '?'} words × ${r.dim ?? '?'} dimensions in ${r.seconds?.toFixed(2) ?? '?'} s`,
    phases ? `  phases: ${phases}` : '',
    r.error ? `  error: ${r.error}` : '',
    r.status === 'interrupted' || r.status === 'cancelled'
      ? r.checkpoint
        ? `  last checkpoint: ${r.checkpoint.progress} (${r.checkpoint.savedAt}); continue it with: train --resume ${r.id}`
        : `  no checkpoint: train --resume ${r.id} trains it again from the beginning`
      : '',
  ].filter(Boolean).join('\n');
}

export function methodsHelp(methods: MethodInfo[]): string {
  return methods.map((m) => `  ${m.id}: ${m.summary}\n${optionsHelp(m.options)}`).join('\n');
}

const TRAIN_FLAGS: FlagSpec[] = [{ name: 'method', kind: 'string' }, { name: 'name', kind: 'string' }, { name: 'resume', kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER }];
const methodList = (lab: Lab): Promise<MethodInfo[]> => lab.call('method.list', {});

export const runCommands: Command[] = [
  {
    name: 'train',
    usage: 'train <corpus> --method METHOD [--name N] [method options]   (see `methods`)\n  train --resume <run>       continue an interrupted or cancelled run from its last checkpoint',
    // Every method's option flags are known to the parser; those of another method than --method's are refused below.
    flags: async (lab) => [...TRAIN_FLAGS, ...optionFlagSpecs((await methodList(lab)).flatMap((m) => m.options))],
    async run(ctx) {
      const { lab, args } = ctx;
      const resume = intFlag(args, 'resume');
      if (resume !== undefined) return resumeRun(ctx, resume);
      const corpusId = idAt(args, 1, 'corpus');
      if (args.positionals.length > 2) {
        // `--share-negatives false` would otherwise train with the switch on and drop "false" unseen.
        const stray = args.positionals[2];
        const hint = /^(true|false|yes|no|on|off|[01])$/i.test(stray) ? ' A switch takes no value: give --NAME to turn it on, --no-NAME to turn it off.' : '';
        throw new UsageError(`train takes one corpus id; "${printable(stray)}" is left over.${hint}`);
      }
      const methods = await methodList(lab);
      const methodId = stringFlag(args, 'method');
      if (!methodId) throw new UsageError(`train needs --method (${methods.map((m) => m.id).join(', ')}).`);
      const method = methods.find((m) => m.id === methodId);
      if (!method) throw new UsageError(`Unknown method "${methodId}". Methods: ${methods.map((m) => m.id).join(', ')}.`);
      const params = optionValuesFromFlags(method.options, args, new Set(['method', 'name', 'db', 'json']), method.id);
      const job = await lab.call('run.start', { corpusId, method: method.id, params, name: stringFlag(args, 'name') });
      const final = await followJob(ctx, job, { throwUnlessDone: false });
      return printTrained(ctx, final, job.subject!.runId);
    },
  },
  {
    name: 'run list',
    usage: 'run list [--corpus ID]',
    flags: () => [{ name: 'corpus', kind: 'int', min: 1, max: Number.MAX_SAFE_INTEGER }],
    async run(ctx) {
      const corpus = stringFlag(ctx.args, 'corpus');
      const runs = await ctx.lab.call('run.list', corpus ? { corpusId: Number(corpus) } : {});
      ctx.print(runs, () =>
        runs.length === 0
          ? 'No runs yet. Start one with: train <corpus> --method ppmi-svd'
          : runs.map((r) => `${String(r.id).padStart(4)}  ${r.status.padEnd(11)} ${r.method.padEnd(9)} d=${String(r.dim ?? '-').padEnd(4)} ${r.seconds ? `${r.seconds.toFixed(1)} s` : ''}  ${r.name}`).join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'run show',
    usage: 'run show <id>              parameters, phase timings, metrics, log',
    flags: () => [],
    async run(ctx) {
      const run = await ctx.lab.call('run.get', { id: idAt(ctx.args, 2, 'run') });
      ctx.print(runJson(run), () => `${describeRun(run)}\n\nLog:\n${run.log}`);
      return 0;
    },
  },
  {
    name: 'run remove',
    usage: 'run remove <id>',
    flags: () => [],
    async run(ctx) {
      const id = idAt(ctx.args, 2, 'run');
      ctx.print(await ctx.lab.call('run.remove', { id }), () => `Removed run ${id}.`);
      return 0;
    },
  },
  {
    name: 'methods',
    usage: 'methods                    list the methods and every option',
    flags: () => [],
    async run(ctx) {
      const methods = await methodList(ctx.lab);
      ctx.print(methods, () => `Methods and their options:\n${methodsHelp(methods)}`);
      return 0;
    },
  },
];

/** train --resume: the run's own parameters, so no corpus, method or option flags. */
async function resumeRun(ctx: CommandContext, id: number): Promise<number> {
  const extra = [...ctx.args.flags.keys()].filter((k) => !['resume', 'db', 'json'].includes(k));
  if (extra.length > 0 || ctx.args.positionals.length > 1) {
    throw new UsageError(`--resume continues run ${id} with its own corpus and parameters; leave out ${extra.length ? extra.map((k) => `--${k}`).join(', ') : `"${ctx.args.positionals[1]}"`}.`);
  }
  const job = await ctx.lab.call('run.resume', { id });
  return printTrained(ctx, await followJob(ctx, job, { throwUnlessDone: false }), id);
}

async function printTrained(ctx: CommandContext, final: { status: string; error?: string }, runId: number): Promise<number> {
  const run = await ctx.lab.call('run.get', { id: runId });
  if (final.status !== 'done') {
    throw new Error(final.status === 'cancelled'
      ? `Cancelled; run ${run.id} is marked cancelled and holds no vectors${run.checkpoint ? ` (train --resume ${run.id} continues it from its last checkpoint: ${run.checkpoint.progress})` : ''}.`
      : (final.error ?? 'The run failed.'));
  }
  ctx.print(runJson(run), () => describeRun(run));
  return 0;
}
