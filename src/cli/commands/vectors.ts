/** export and import: vector files through the contract's run.export and vectors.import jobs. */
import { resolve } from 'node:path';
import { FORMAT_LABELS, IMPORT_FORMATS, isImportFormat, isVectorFormat, VECTOR_FORMATS, type ExportRunResult, type ImportRunResult } from '../../shared/contract.js';
import { idAt, intFlag, requirePositional, stringFlag, UsageError, printable } from '../args.js';
import { fmt, followJob, type Command } from '../context.js';

function describeExport(r: ExportRunResult): string {
  return [
    `Exported run ${r.runId}: ${fmt(r.words)} words × ${r.dim} dimensions as ${FORMAT_LABELS[r.format]} (${(r.bytes / 1e6).toFixed(1)} MB):`,
    ...r.files.map((f) => `  ${f}`),
    ...r.warnings.map((w) => `Warning: ${w}`),
  ].join('\n');
}

function describeImport(r: ImportRunResult): string {
  return [
    `Imported run ${r.runId}: ${r.name}: ${fmt(r.words)} words × ${r.dim} dimensions, ${FORMAT_LABELS[r.format]}${r.gzip ? ' (gzip)' : ''}, in ${r.seconds.toFixed(2)} s.`,
    ...(r.fastText ? [`  ${r.fastText.description}`] : []),
    ...r.warnings.map((w) => `Warning: ${w}`),
  ].join('\n');
}

export const vectorCommands: Command[] = [
  {
    name: 'export',
    usage: `export <run> --format ${VECTOR_FORMATS.join('|')} --out PATH [--top N] [--normalize] [--contexts] [--spaces keep|underscore]
                            w2v-text/w2v-bin/glove write the file PATH (.gz compresses); tsv and npy write into the folder PATH`,
    flags: () => [
      { name: 'format', kind: 'string' }, { name: 'out', kind: 'string' }, { name: 'top', kind: 'int', min: 1, max: 1_000_000_000 },
      { name: 'normalize', kind: 'boolean' }, { name: 'contexts', kind: 'boolean' }, { name: 'spaces', kind: 'string' },
    ],
    async run(ctx) {
      const { args } = ctx;
      const id = idAt(args, 1, 'run');
      const format = stringFlag(args, 'format');
      if (!format) throw new UsageError(`export needs --format (${VECTOR_FORMATS.join(', ')}).`);
      if (!isVectorFormat(format)) throw new UsageError(`--format must be one of ${VECTOR_FORMATS.join(', ')}, not "${printable(format)}".`);
      const out = stringFlag(args, 'out');
      if (!out) throw new UsageError(format === 'tsv' || format === 'npy' ? `export --format ${format} needs --out FOLDER.` : 'export needs --out FILE.');
      const spaces = stringFlag(args, 'spaces');
      if (spaces !== undefined && spaces !== 'keep' && spaces !== 'underscore') throw new UsageError(`--spaces must be keep or underscore, not "${printable(spaces)}".`);
      const job = await ctx.lab.call('run.export', {
        id, format, out: resolve(out), top: intFlag(args, 'top'), normalize: args.flags.has('normalize'), contexts: args.flags.has('contexts'), spaces,
      });
      const result = (await followJob(ctx, job)).result!;
      ctx.print(result, () => describeExport(result));
      return 0;
    },
  },
  {
    name: 'import',
    usage: `import <file|folder> [--format auto|${IMPORT_FORMATS.join('|')}] [--name N] [--limit N]
                            a run without a corpus; .gz is read as gzip; --limit reads the first N words only`,
    flags: () => [{ name: 'format', kind: 'string' }, { name: 'name', kind: 'string' }, { name: 'limit', kind: 'int', min: 1, max: 1_000_000_000 }],
    async run(ctx) {
      const { args } = ctx;
      const file = requirePositional(args, 1, 'the file to import');
      const format = stringFlag(args, 'format') ?? 'auto';
      if (format !== 'auto' && !isImportFormat(format)) throw new UsageError(`--format must be auto or one of ${IMPORT_FORMATS.join(', ')}, not "${printable(format)}".`);
      const job = await ctx.lab.call('vectors.import', { source: { kind: 'path', path: resolve(file) }, format, name: stringFlag(args, 'name'), limit: intFlag(args, 'limit') });
      const result = (await followJob(ctx, job)).result!;
      ctx.print({ ...result, run: result.runId }, () => describeImport(result));
      return 0;
    },
  },
];
