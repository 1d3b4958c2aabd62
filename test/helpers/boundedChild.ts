/**
 * Run by bounded.ts in its own process (with a bounded V8 heap): opens a lab, makes the calls it is
 * given in order (waiting for each job), and prints one JSON line: the last call's result or the
 * error that stopped it, the process's peak resident set (VmHWM, worker threads included) and the time.
 */
import { readFileSync } from 'node:fs';
import { Lab } from '../../src/engine/lab.js';
import { LabError } from '../../src/shared/labError.js';

interface Step {
  call: string;
  input: Record<string, unknown>;
}

const { db, steps } = JSON.parse(process.argv[2]) as { db: string; steps: Step[] };

function peakRssBytes(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

/** A job that ended without its result: its error is what a person would read. */
class JobFailed extends Error {}

const started = performance.now();
const lab = new Lab({ dbPath: db, mode: 'cli' });
let out: Record<string, unknown>;
try {
  let result: unknown = null;
  for (const step of steps) {
    result = await lab.call(step.call as never, step.input as never);
    const job = result as { id?: unknown; kind?: unknown; progress?: unknown };
    if (typeof job?.id === 'number' && typeof job.kind === 'string' && job.progress !== undefined) {
      const done = await lab.jobs.wait(job.id);
      if (done.status !== 'done') throw new JobFailed(done.error ?? `the ${step.call} job ended ${done.status}`);
      result = done.result;
    }
  }
  out = { ok: true, result };
} catch (e) {
  out = { ok: false, error: (e as Error).message, labError: e instanceof LabError, jobFailed: e instanceof JobFailed };
} finally {
  lab.close();
}
out.peakRssBytes = peakRssBytes();
out.seconds = (performance.now() - started) / 1000;
process.stdout.write('\n' + JSON.stringify(out) + '\n');
