/** Reading a job's result by kind; free of zod, so the renderer bundle can use it. */
import type { JobKind, JobResults, JobState, JobStateOf } from './types/jobs.js';

/** A finished job's result when it is of the given kind and done, else undefined. */
export function resultOf<K extends JobKind>(job: JobState | undefined | null, kind: K): JobResults[K] | undefined {
  return job && job.kind === kind && job.status === 'done' ? (job.result as JobResults[K] | undefined) : undefined;
}

/** Whether a job (as job.get or job.wait answer it) is of the given kind, so that its result is typed. */
export function isJobOf<K extends JobKind>(job: JobState, kind: K): job is JobState & JobStateOf<K> {
  return job.kind === kind;
}
