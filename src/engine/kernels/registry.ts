/**
 * The kernel registry: one table maps each hot kernel family and backend to its
 * implementation, and selectBackend() is the one place that chooses between them.
 * Every family has a JavaScript reference (the semantics, always available) and a
 * native implementation (native/, built at install; null where it was not built).
 * The tfjs column is TensorFlow.js (tfjs-node, WebGPU through Dawn, WASM, its CPU
 * backend): a family there is a list of providers, each probed asynchronously, since
 * whether a GPU answers is known only at run time. The minibatch SGNS trainer is its
 * first family; the dynamics' full-batch providers load tfjs through the same
 * kernels/tfjs.ts.
 * EMBEDLAB_KERNELS names a backend to force (EMBEDLAB_KERNELS=js: the references);
 * it is read at each choice, so a thread started after it is set follows it.
 */
import { BACKENDS, isBackend, type Backend } from './backends.js';
import { jsKernels, nativeKernels, type LinalgKernels } from './linalgKernels.js';
import { jsWord2vec, nativeWord2vec, type Word2vecKernel } from './word2vecKernel.js';
import { jsGlove, nativeGlove, type GloveKernel } from './gloveKernel.js';
import { jsTokenizer, nativeTokenizer, type TokenizerKernel } from './tokenizerKernel.js';
import { jsTsne, nativeTsne, type TsneKernel } from './tsneKernel.js';
import { jsCooc, nativeCooc, type CoocKernel } from './coocKernel.js';
import { jsSgnsBatch, type SgnsBatchProvider } from './sgnsBatchKernel.js';
import { tfjsSgnsBatch } from './tfjsSgnsBatch.js';
import { TFJS_BACKENDS } from './tfjs.js';

export type { Backend } from './backends.js';

/** What each family's implementation provides. */
export interface KernelFamilies {
  linalg: LinalgKernels;
  word2vec: Word2vecKernel;
  glove: GloveKernel;
  tokenizer: TokenizerKernel;
  tsne: TsneKernel;
  cooc: CoocKernel;
  /** Minibatch SGNS: the trainers of that backend, each still to be probed (TensorFlow.js's in their order, or the reference). */
  sgnsBatch: SgnsBatchProvider[];
}

export type KernelFamily = keyof KernelFamilies;

/** One loader per backend: null where that backend cannot run here. The JS column never is. */
type Row<F extends KernelFamily> = { [B in Exclude<Backend, 'js'>]: () => KernelFamilies[F] | null } & { js: () => KernelFamilies[F] };

const TABLE: { [F in KernelFamily]: Row<F> } = {
  linalg: { native: nativeKernels, tfjs: () => null, js: () => jsKernels },
  word2vec: { native: nativeWord2vec, tfjs: () => null, js: () => jsWord2vec },
  glove: { native: nativeGlove, tfjs: () => null, js: () => jsGlove },
  tokenizer: { native: nativeTokenizer, tfjs: () => null, js: () => jsTokenizer },
  tsne: { native: nativeTsne, tfjs: () => null, js: () => jsTsne },
  cooc: { native: nativeCooc, tfjs: () => null, js: () => jsCooc },
  sgnsBatch: { native: () => null, tfjs: () => TFJS_BACKENDS.map((id) => tfjsSgnsBatch(id)), js: () => [jsSgnsBatch] },
};

const loaded = new Map<string, unknown>();

/** The family's implementation on that backend, or null where it cannot run here (loaded once). */
export function kernelFor<F extends KernelFamily>(family: F, backend: Backend): KernelFamilies[F] | null {
  const key = `${family}:${backend}`;
  if (!loaded.has(key)) loaded.set(key, TABLE[family][backend]());
  return loaded.get(key) as KernelFamilies[F] | null;
}

/** The backend a family runs on: the one EMBEDLAB_KERNELS names when it can run, else the first in BACKENDS that can. */
export function selectBackend(family: KernelFamily): Backend {
  const forced = process.env.EMBEDLAB_KERNELS;
  const order: readonly Backend[] = isBackend(forced) ? [forced, ...BACKENDS] : BACKENDS;
  return order.find((b) => kernelFor(family, b) !== null) ?? 'js';
}

/** The family's implementation on the selected backend. */
export function kernel<F extends KernelFamily>(family: F): KernelFamilies[F] {
  return kernelFor(family, selectBackend(family)) ?? TABLE[family].js();
}

export const linalgKernels = (): LinalgKernels => kernel('linalg');
export const word2vecKernel = (): Word2vecKernel => kernel('word2vec');
export const gloveKernel = (): GloveKernel => kernel('glove');
export const tokenizerKernel = (): TokenizerKernel => kernel('tokenizer');
export const tsneKernel = (): TsneKernel => kernel('tsne');
export const coocKernel = (): CoocKernel => kernel('cooc');
/** Every minibatch SGNS trainer, in the order of BACKENDS (TensorFlow.js's, then the reference). */
export const sgnsBatchProviders = (): SgnsBatchProvider[] => BACKENDS.flatMap((b) => kernelFor('sgnsBatch', b) ?? []);
