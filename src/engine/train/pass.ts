/**
 * One pass (an epoch, an iteration, or a slice of one) over a set of training threads:
 * each thread gets its message (the same one, or messages[i]); their progress messages
 * go to `onProgress`; it resolves with each thread's `doneType` message, in thread order,
 * and rejects on the first error.
 */
import type { Worker } from 'node:worker_threads';

export function runPass<P extends { type: string }, D extends { type: string } = { type: string }>(
  workers: Worker[], message: unknown, doneType: D['type'], onProgress: (m: P) => void, messages?: unknown[],
): Promise<D[]> {
  return Promise.all(
    workers.map(
      (w, i) =>
        new Promise<D>((resolve, reject) => {
          const finish = (): void => {
            w.off('message', onMessage);
            w.off('error', onError);
          };
          const onMessage = (m: (P | D) & { message?: string }): void => {
            if (m.type === doneType) {
              finish();
              resolve(m as D);
            } else if (m.type === 'error') {
              finish();
              reject(new Error(m.message));
            } else onProgress(m as P);
          };
          const onError = (e: Error): void => {
            finish();
            reject(e);
          };
          w.on('message', onMessage);
          w.on('error', onError);
          w.postMessage(messages ? messages[i] : message);
        }),
    ),
  );
}
