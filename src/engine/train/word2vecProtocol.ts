/** Messages between the word2vec orchestrator and its training threads (all big arrays shared). */
import type { Word2vecArgs } from '../kernels/word2vecKernel.js';

export interface Word2vecSetup {
  /**
   * The kernel's arguments for this thread, built once by the orchestrator; W, C, the stream
   * and the sentence starts are views of shared memory. [sentFrom, sentTo) is the thread's
   * share of the sentences: each call narrows it to one chunk.
   */
  args: Word2vecArgs;
  /** [0]: words read by all threads (BigInt64, Atomics). */
  counter: SharedArrayBuffer;
  /** [0] = 1 asks every thread to stop at the next chunk. */
  stop: SharedArrayBuffer;
}

export type Word2vecReply =
  | { type: 'progress'; words: number; loss: number; terms: number }
  | { type: 'epoch'; epoch: number }
  | { type: 'error'; message: string };
