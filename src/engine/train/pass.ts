/**
 * One pass (an epoch or an iteration) over a set of training threads: every
 * thread gets the same message; their progress messages go to `onProgress`;
 * it resolves when each has reported `doneType`, and rejects on the first error.
 */
import type { Worker } from 'node:worker_threads';

export function runPass<P extends { type: string }>(
  workers: Worker[], message: unknown, doneType: string, onProgress: (m: P) => void,
): Promise<void> {
  return Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          const finish = (): void => {
            w.off('message', onMessage);
            w.off('error', onError);
          };
          const onMessage = (m: P & { message?: string }): void => {
            if (m.type === doneType) {
              finish();
              resolve();
            } else if (m.type === 'error') {
              finish();
              reject(new Error(m.message));
            } else onProgress(m);
          };
          const onError = (e: Error): void => {
            finish();
            reject(e);
          };
          w.on('message', onMessage);
          w.on('error', onError);
          w.postMessage(message);
        }),
    ),
  ).then(() => undefined);
}
