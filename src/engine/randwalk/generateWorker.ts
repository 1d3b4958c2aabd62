/** A RAND-WALK generating thread: takes documents in turn and writes their tokens into the shared stream. */
import { parentPort, workerData } from 'node:worker_threads';
import { linalgKernels } from '../kernels/registry.js';
import { runDocuments } from './documents.js';
import type { GenerateReply, GenerateTask } from './generateProtocol.js';

const task = workerData as GenerateTask;
const post = (m: GenerateReply): void => parentPort!.postMessage(m);

try {
  let pending = 0;
  const stats = runDocuments(task, linalgKernels().dotRows, (count) => {
    pending += count;
    if (pending >= 1 << 16) {
      post({ type: 'progress', tokens: pending });
      pending = 0;
    }
  });
  if (pending > 0) post({ type: 'progress', tokens: pending });
  post({ type: 'done', ...stats });
} catch (e) {
  post({ type: 'error', message: (e as Error).message });
}
