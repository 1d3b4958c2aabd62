/**
 * The CLI's `export` and `import` commands: flag parsing, the work (through the engine's formats
 * module) with a progress line and Ctrl+C to cancel, and the printed summary.
 *
 *   export <run> --format w2v-text|w2v-bin|glove|tsv|npy --out PATH [--top N] [--normalize] [--contexts] [--spaces keep|underscore]
 *   import <file|folder> [--format auto|w2v-text|w2v-bin|glove|tsv|npy] [--name N] [--limit N]
 */
import { resolve } from 'node:path';
import type { Db } from '../engine/store/db.js';
import { throttledProgress, type ProgressSink } from '../engine/base/progress.js';
import { exportRun, type ExportRunResult } from '../engine/formats/exportRun.js';
import { importVectorsAsRun, type ImportRunResult } from '../engine/formats/importRun.js';
import { FORMAT_LABELS, isVectorFormat, VECTOR_FORMATS, type ImportFormat, type VectorFormat } from '../engine/formats/types.js';
import { intFlag, requirePositional, stringFlag, UsageError, type ParsedArgs } from './args.js';
import { progressPrinter } from './progressLine.js';

export const VECTORS_USAGE = `Vectors
  export <run> --format w2v-text|w2v-bin|glove|tsv|npy --out PATH [--top N] [--normalize] [--contexts] [--spaces keep|underscore]
                            w2v-text/w2v-bin/glove write the file PATH (.gz compresses); tsv and npy write into the folder PATH
  import <file|folder> [--format auto|w2v-text|w2v-bin|glove|tsv|npy] [--name N] [--limit N]
                            a run without a corpus; .gz is read as gzip; --limit reads the first N words only
`;

/** Flags without a value, for parseArgs. */
export const VECTORS_BOOLEAN_FLAGS: readonly string[] = ['normalize', 'contexts'];

export interface ExportCommandOptions {
  format: VectorFormat;
  out: string;
  top?: number;
  normalize?: boolean;
  contexts?: boolean;
  spaces?: 'keep' | 'underscore';
}

export interface ImportCommandOptions {
  format?: ImportFormat;
  name?: string;
  limit?: number;
}

/** What a long command reports to: progress and a signal that Ctrl+C aborts. */
export interface CommandRuntime {
  progress?: ProgressSink;
  signal?: AbortSignal;
}

export function exportOptionsFromFlags(args: ParsedArgs): ExportCommandOptions {
  const format = stringFlag(args, 'format');
  if (!format) throw new UsageError(`export needs --format (${VECTOR_FORMATS.join(', ')}).`);
  if (!isVectorFormat(format)) throw new UsageError(`--format must be one of ${VECTOR_FORMATS.join(', ')}, not "${format}".`);
  const out = stringFlag(args, 'out');
  if (!out) throw new UsageError(format === 'tsv' || format === 'npy' ? `export --format ${format} needs --out FOLDER.` : 'export needs --out FILE.');
  const spaces = stringFlag(args, 'spaces');
  if (spaces !== undefined && spaces !== 'keep' && spaces !== 'underscore') throw new UsageError(`--spaces must be keep or underscore, not "${spaces}".`);
  return {
    format,
    out: resolve(out),
    top: intFlag(args, 'top', 1, 1_000_000_000),
    normalize: args.flags.has('normalize'),
    contexts: args.flags.has('contexts'),
    spaces,
  };
}

export function importOptionsFromFlags(args: ParsedArgs): ImportCommandOptions {
  const format = stringFlag(args, 'format') ?? 'auto';
  if (format !== 'auto' && !isVectorFormat(format)) throw new UsageError(`--format must be auto or one of ${VECTOR_FORMATS.join(', ')}, not "${format}".`);
  return { format, name: stringFlag(args, 'name'), limit: intFlag(args, 'limit', 1, 1_000_000_000) };
}

export async function exportCommand(db: Db, runId: number, o: ExportCommandOptions, rt: CommandRuntime = {}): Promise<ExportRunResult> {
  return exportRun(db, runId, { ...o, out: resolve(o.out), progress: rt.progress, signal: rt.signal });
}

/** Imports a file as a new run; the result's runId is the new run's id. */
export async function importCommand(db: Db, file: string, o: ImportCommandOptions = {}, rt: CommandRuntime = {}): Promise<ImportRunResult> {
  return importVectorsAsRun(db, resolve(file), { ...o, progress: rt.progress, signal: rt.signal });
}

const fmt = (n: number): string => n.toLocaleString('en-US');

export function describeExport(r: ExportRunResult): string {
  return [
    `Exported run ${r.runId}: ${fmt(r.words)} words × ${r.dim} dimensions as ${FORMAT_LABELS[r.format]} (${(r.bytes / 1e6).toFixed(1)} MB):`,
    ...r.files.map((f) => `  ${f}`),
    ...r.warnings.map((w) => `Warning: ${w}`),
  ].join('\n');
}

export function describeImport(r: ImportRunResult): string {
  return [
    `Imported run ${r.runId}: ${r.name}: ${fmt(r.words)} words × ${r.dim} dimensions, ${FORMAT_LABELS[r.format]}${r.gzip ? ' (gzip)' : ''}, in ${r.seconds.toFixed(2)} s.`,
    ...r.warnings.map((w) => `Warning: ${w}`),
  ].join('\n');
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/**
 * The whole `export` / `import` command for src/cli/main.ts: parses its flags, runs it with a progress
 * line on stderr (Ctrl+C cancels), prints the result (one JSON document with --json). Returns the exit code;
 * errors are thrown for main's handler (UsageError → usage, LabError → message).
 */
export async function runVectorsCommand(db: Db, command: 'export' | 'import', args: ParsedArgs, io: Io): Promise<number> {
  const json = args.flags.has('json');
  const printer = progressPrinter();
  const progress = throttledProgress((p) => printer.show(p), 200);
  const abort = new AbortController();
  const onSigint = (): void => {
    io.err('\nCancelling…\n');
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    if (command === 'export') {
      const raw = requirePositional(args, 1, 'the run id');
      const runId = Number(raw);
      if (!Number.isInteger(runId) || runId < 1) throw new UsageError(`A run id is a positive integer, not "${raw}".`);
      const result = await exportCommand(db, runId, exportOptionsFromFlags(args), { progress, signal: abort.signal });
      printer.end();
      io.out(json ? JSON.stringify(result, null, 2) + '\n' : describeExport(result) + '\n');
    } else {
      const file = requirePositional(args, 1, 'the file to import');
      const result = await importCommand(db, file, importOptionsFromFlags(args), { progress, signal: abort.signal });
      printer.end();
      io.out(json ? JSON.stringify({ ...result, run: result.runId }, null, 2) + '\n' : describeImport(result) + '\n');
    }
    return 0;
  } catch (e) {
    printer.end();
    if (abort.signal.aborted) throw new Error(command === 'import' ? 'Cancelled; nothing was stored.' : 'Cancelled; no file was written.');
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
