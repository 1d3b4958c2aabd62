/** The loop a generating thread runs: take the next document, generate it, repeat. */
import { ChunkGenerator, type DotRows } from './sampler.js';
import type { GenerateTask } from './generateProtocol.js';

export function runDocuments(
  task: GenerateTask, dotRows: DotRows, onTokens: (count: number) => void, shouldStop: () => boolean = () => false,
): { proposed: number; accepted: number } {
  const V = new Float32Array(task.vectors, 0, task.n * task.d);
  const out = new Uint32Array(task.tokens);
  const next = new Int32Array(task.next);
  const gen = new ChunkGenerator({ V, n: task.n, d: task.d, drift: task.drift, tokensPerStep: task.tokensPerStep, maxAbsLogit: task.maxAbsLogit, seed: task.seed }, dotRows);
  const documents = task.starts.length - 1;
  for (;;) {
    if (shouldStop()) break;
    const k = Atomics.add(next, 0, 1);
    if (k >= documents) break;
    gen.start(k);
    gen.emit(out, task.starts[k], task.starts[k + 1], onTokens);
  }
  return { proposed: gen.proposed, accepted: gen.proposed - gen.rejected };
}
