/** experiment (run a grid and print its table), experiment list | show | resume | extend | remove */
import { writeFileSync } from 'node:fs';
import type { ExperimentDetail, ExperimentPlan, GridValue, JobStateOf } from '../../shared/contract.js';
import { cellText, experimentColumns, experimentCsv } from '../../shared/experimentTable.js';
import { idAt, intFlag, listFlag, printable, requirePositional, stringFlag, UsageError, type FlagSpec } from '../args.js';
import { followJob, type Command, type CommandContext } from '../context.js';

const GRID_FLAGS: FlagSpec[] = [
  { name: 'method', kind: 'string' },
  { name: 'grid', kind: 'string', repeatable: true },
  { name: 'plan', kind: 'boolean' },
];
const RUN_FLAGS: FlagSpec[] = [
  ...GRID_FLAGS,
  { name: 'eval', kind: 'string' },
  { name: 'restrict', kind: 'int', min: 1, max: 10_000_000 },
  { name: 'scoring', kind: 'string' },
  { name: 'name', kind: 'string' },
  { name: 'csv', kind: 'string' },
];

const camel = (key: string): string => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const list = (s: string): string[] => s.split(',').map((x) => x.trim()).filter(Boolean);

/** --grid KEY=V1,V2 (every method with that option) or --grid METHOD:KEY=V1,V2 (that method only). */
function gridOf(args: CommandContext['args']): { grid: Record<string, GridValue[]>; methodGrid: Record<string, Record<string, GridValue[]>> } {
  const grid: Record<string, GridValue[]> = {};
  const methodGrid: Record<string, Record<string, GridValue[]>> = {};
  for (const g of listFlag(args, 'grid')) {
    const m = /^(?:([a-z0-9-]+):)?([A-Za-z][A-Za-z0-9-]*)=(.+)$/.exec(g);
    if (!m) throw new UsageError(`--grid "${printable(g)}" is not KEY=VALUE[,VALUE…] (for one method only: METHOD:KEY=VALUE…), as in --grid dim=50,100 or --grid ppmi-svd:eig=0,0.5.`);
    const [, method, key, values] = m;
    const into = method ? (methodGrid[method] ??= {}) : grid;
    into[camel(key)] = [...(into[camel(key)] ?? []), ...list(values)];
  }
  return { grid, methodGrid };
}

function corporaOf(raw: string): number[] {
  return list(raw).map((x) => {
    if (!/^\d+$/.test(x) || Number(x) < 1) throw new UsageError(`A corpus id is a positive integer, not "${printable(x)}" (several: 1,2,3).`);
    return Number(x);
  });
}

const duration = (s: number): string => (s < 90 ? `${s.toFixed(0)} s` : s < 5400 ? `${(s / 60).toFixed(1)} min` : `${(s / 3600).toFixed(1)} h`);

const runs = (n: number): string => `${n} run${n === 1 ? '' : 's'}`;

function describePlan(plan: ExperimentPlan): string {
  const methods = Object.entries(plan.byMethod).map(([m, n]) => `${n} ${m}`).join(' + ');
  const g = plan.sharing;
  const cached = g.counts.filter((c) => c.cached).length;
  const lines = [
    `${plan.count} runs (${methods}); estimate ${duration(plan.estimate.seconds)} (one by one: ${duration(plan.estimate.oneByOneSeconds)}; from ${plan.estimate.basis === 'rate' ? 'rough rates' : plan.estimate.basis === 'history' ? 'earlier runs' : 'earlier runs and rough rates'})`,
    `shared work: ${g.counts.length} co-occurrence count${g.counts.length === 1 ? '' : 's'}${cached ? ` (${cached} already cached)` : ''}, ${g.ppmi.length} SPPMI matri${g.ppmi.length === 1 ? 'x' : 'ces'}, ${g.svds.length} SVD${g.svds.length === 1 ? '' : 's'}`,
    ...g.counts.map((c) => `  counts of corpus ${c.corpusId}: ${c.label} → ${runs(c.cells.length)}${c.cached ? ' (cached)' : ''}`),
    ...g.svds.map((c) => `  SVD on corpus ${c.corpusId}: ${c.label} → ${runs(c.cells.length)}`),
  ];
  if (plan.eval.analogy.length + plan.eval.similarity.length > 0) lines.push(`evaluation: ${[...plan.eval.analogy, ...plan.eval.similarity].join(', ')} (restrict ${plan.eval.restrict})`);
  return lines.join('\n');
}

/** Aligned columns: numbers to the right. */
function tableText(detail: ExperimentDetail): string {
  const columns = experimentColumns(detail);
  const cells = detail.rows.map((r) => columns.map((c) => cellText(c, r)));
  const widths = columns.map((c, i) => Math.max(c.label.length, ...cells.map((row) => row[i].length)));
  const numeric = columns.map((c) => detail.rows.every((r) => typeof c.value(r) !== 'string'));
  const line = (values: string[]): string => values.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  const head = `Experiment ${detail.id}: ${detail.name}  [${detail.status}]  ${detail.cellsDone}/${detail.cells} done${detail.cellsFailed ? `, ${detail.cellsFailed} failed` : ''}`;
  return [head, detail.error ? `  ${detail.error}` : '', line(columns.map((c) => c.label)), ...cells.map(line)].filter(Boolean).join('\n');
}

function tableJson(detail: ExperimentDetail): Record<string, unknown> {
  const { rows, paramColumns, metricColumns, id, name, status, cells, cellsDone, cellsFailed, error } = detail;
  return { experiment: id, name, status, cells, cellsDone, cellsFailed, error, paramColumns, metricColumns, rows };
}

/** Prints the table (and writes --csv); exit 0 when every cell is done. */
async function printTable(ctx: CommandContext, id: number): Promise<number> {
  const detail = await ctx.lab.call('experiment.get', { id });
  const csv = stringFlag(ctx.args, 'csv');
  if (csv) {
    writeFileSync(csv, experimentCsv(detail));
    ctx.io.err(`Wrote ${detail.rows.length} rows to ${csv}.\n`);
  }
  ctx.print(tableJson(detail), () => tableText(detail));
  return 0;
}

/** Follows the experiment's job; the table when it ends, or what to do after a cancel or a failure. */
async function followExperiment(ctx: CommandContext, job: JobStateOf<'experiment'>, id: number): Promise<number> {
  const final = await followJob(ctx, job, { throwUnlessDone: false });
  if (final.status === 'cancelled') throw new Error(`Cancelled; experiment ${id} keeps its finished runs. \`experiment resume ${id}\` continues it.`);
  if (final.status === 'failed') throw new Error(`${final.error ?? 'The experiment failed.'} (experiment ${id}; \`experiment resume ${id}\` retries what is left)`);
  return printTable(ctx, id);
}

export const experimentCommands: Command[] = [
  {
    name: 'experiment',
    usage: 'experiment <corpus[,corpus…]> --method M[,M…] --grid KEY=V1,V2 [--grid METHOD:KEY=V…] [--eval google,ws353] [--restrict N] [--scoring add,mul] [--name N] [--plan] [--csv FILE]',
    details: 'Runs every combination of the values as an ordinary run, evaluates it and prints the table. A --grid parameter applies to every method that has that option (`methods` lists them); METHOD:KEY to one method only. PPMI-SVD runs that differ only in eig, w+c or normalisation share one SVD; count-based runs with the same window share one count. --plan prints the plan (runs, shared work, estimate) and runs nothing.',
    flags: () => RUN_FLAGS,
    async run(ctx) {
      const { args } = ctx;
      const corpora = corporaOf(requirePositional(args, 1, 'the corpus id (several: 1,2)'));
      const methods = list(stringFlag(args, 'method') ?? '');
      if (methods.length === 0) throw new UsageError('experiment needs --method (one or more, as in --method sgns,ppmi-svd).');
      const scoring = list(stringFlag(args, 'scoring') ?? 'add');
      if (scoring.some((s) => s !== 'add' && s !== 'mul')) throw new UsageError(`--scoring takes add, mul or add,mul, not "${printable(stringFlag(args, 'scoring')!)}".`);
      const spec = {
        corpora, methods, ...gridOf(args), eval: list(stringFlag(args, 'eval') ?? ''),
        restrict: intFlag(args, 'restrict'), analogyMethods: scoring as ('add' | 'mul')[],
      };
      if (args.flags.has('plan')) {
        const plan = await ctx.lab.call('experiment.plan', spec);
        ctx.print(plan, () => describePlan(plan));
        return 0;
      }
      const started = await ctx.lab.call('experiment.start', { ...spec, name: stringFlag(args, 'name') });
      ctx.io.err(`Experiment ${started.experiment.id}: ${describePlan(started.plan)}\n`);
      return followExperiment(ctx, started.job, started.experiment.id);
    },
  },
  {
    name: 'experiment list',
    usage: 'experiment list',
    flags: () => [],
    async run(ctx) {
      const all = await ctx.lab.call('experiment.list', {});
      ctx.print(all, () =>
        all.length === 0
          ? 'No experiments yet. Start one with: experiment <corpus> --method ppmi-svd,sgns --grid dim=50,100'
          : all.map((e) => `${String(e.id).padStart(4)}  ${e.status.padEnd(11)} ${`${e.cellsDone}/${e.cells}`.padStart(7)} done  ${e.name}`).join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'experiment show',
    usage: 'experiment show <id> [--csv FILE]   the table: parameters, metrics, time, memory, status, run',
    flags: () => [{ name: 'csv', kind: 'string' }],
    run: (ctx) => printTable(ctx, idAt(ctx.args, 2, 'experiment')),
  },
  {
    name: 'experiment resume',
    usage: 'experiment resume <id> [--csv FILE]  continue an interrupted or cancelled experiment (finished runs are kept)',
    flags: () => [{ name: 'csv', kind: 'string' }],
    async run(ctx) {
      const id = idAt(ctx.args, 2, 'experiment');
      return followExperiment(ctx, await ctx.lab.call('experiment.resume', { id }), id);
    },
  },
  {
    name: 'experiment extend',
    usage: 'experiment extend <id> [--corpus 1,2] [--method M] --grid KEY=V… [--plan] [--csv FILE]   add values; the new runs run, the others are kept',
    flags: () => [...GRID_FLAGS, { name: 'corpus', kind: 'string' }, { name: 'csv', kind: 'string' }],
    async run(ctx) {
      const id = idAt(ctx.args, 2, 'experiment');
      const corpus = stringFlag(ctx.args, 'corpus');
      const method = stringFlag(ctx.args, 'method');
      const input = { id, ...gridOf(ctx.args), ...(corpus ? { corpora: corporaOf(corpus) } : {}), ...(method ? { methods: list(method) } : {}), dryRun: ctx.args.flags.has('plan') };
      const out = await ctx.lab.call('experiment.extend', input);
      if (!out.job) {
        ctx.print(out.plan, () => `Extending experiment ${id} adds ${describePlan(out.plan)}`);
        return 0;
      }
      ctx.io.err(`Experiment ${id} grows by ${describePlan(out.plan)}\n`);
      return followExperiment(ctx, out.job, id);
    },
  },
  {
    name: 'experiment remove',
    usage: 'experiment remove <id> [--remove-runs]   the runs are kept as ordinary runs unless --remove-runs',
    flags: () => [{ name: 'remove-runs', kind: 'boolean' }],
    async run(ctx) {
      const id = idAt(ctx.args, 2, 'experiment');
      const out = await ctx.lab.call('experiment.remove', { id, runs: ctx.args.flags.has('remove-runs') ? 'remove' : 'keep' });
      ctx.print(out, () => `Removed experiment ${id}${out.runsRemoved ? ` and its ${out.runsRemoved} runs` : '; its runs are kept'}.`);
      return 0;
    },
  },
];
