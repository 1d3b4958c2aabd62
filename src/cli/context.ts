/** What a CLI command gets: the lab's typed client, its parsed arguments, and where to print. */
import { isJobOf } from '../shared/jobResult.js';
import type { JobStateOf, JobKind } from '../shared/contract.js';
import type { Lab } from '../engine/lab.js';
import type { FlagSpec, ParsedArgs } from './args.js';
import { progressPrinter } from './progressLine.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface CommandContext {
  lab: Lab;
  args: ParsedArgs;
  json: boolean;
  io: Io;
  /** Prints the value as one JSON document with --json, else the human text. */
  print(value: unknown, human: () => string): void;
}

export interface Command {
  /** One or two words: 'methods', 'corpus add'. */
  name: string;
  /** Its lines in the usage text. */
  usage: string;
  /** More, shown by `<command> --help` only. */
  details?: string;
  /** Its own flags; may ask the lab (train: the methods' options). */
  flags(lab: Lab): FlagSpec[] | Promise<FlagSpec[]>;
  run(ctx: CommandContext): Promise<number>;
}

/**
 * A command that must not open the lab (restore replaces the lab file, so no connection
 * may hold it): it gets the --db it was given instead of the lab.
 */
export interface FileCommand {
  name: string;
  usage: string;
  details?: string;
  withoutLab: true;
  flags(): FlagSpec[];
  run(ctx: Omit<CommandContext, 'lab'> & { db: string | undefined }): Promise<number>;
}

/**
 * Follows a job to its end through the contract: progress lines from the job events on
 * stderr, Ctrl+C sends job.cancel, and job.wait answers the final state.
 */
export async function followJob<K extends JobKind>(ctx: Pick<CommandContext, 'lab' | 'io'>, job: JobStateOf<K>, options: { throwUnlessDone?: boolean } = {}): Promise<JobStateOf<K>> {
  const printer = progressPrinter();
  const off = ctx.lab.on('job', (s) => {
    if (s.id === job.id && s.status === 'running') printer.show(s.progress);
  });
  const onSigint = (): void => {
    ctx.io.err('\nCancelling…\n');
    void ctx.lab.call('job.cancel', { id: job.id });
  };
  process.once('SIGINT', onSigint);
  let final: JobStateOf<K>;
  try {
    const state = await ctx.lab.call('job.wait', { id: job.id });
    if (!isJobOf(state, job.kind)) throw new Error(`Job ${job.id} changed kind (${state.kind}).`);
    final = state;
  } finally {
    process.off('SIGINT', onSigint);
    off();
    printer.end();
  }
  if (options.throwUnlessDone === false) return final;
  if (final.status === 'cancelled') throw new Error(cancelledMessage(job.kind));
  if (final.status === 'failed') throw new Error(final.error ?? 'The job failed.');
  return final;
}

function cancelledMessage(kind: JobKind): string {
  if (kind === 'export' || kind === 'exportText' || kind === 'backup') return 'Cancelled; no file was written.';
  return 'Cancelled; nothing was stored.';
}

export const fmt = (n: number): string => n.toLocaleString('en-US');
