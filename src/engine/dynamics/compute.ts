/**
 * The dense operations of the learning dynamics, behind one small interface so
 * that TensorFlow.js (WebGPU, tfjs-node, WASM, its CPU backend), the project's
 * native kernels and the JavaScript reference run the same full-batch steps.
 *
 * Every model's step is W ← W − η·E·W with a symmetric V × V matrix E:
 *   qwem          E = WWᵀ − M*                  (loss ¼‖WWᵀ − M*‖²_F)
 *   qwem-natural  E = Ã ⊙ (WWᵀ − M*)            (loss ¼ Σ Ã_ij (s_ij − M*_ij)², Ã = A / mean(A), A = P + ppᵀ)
 *   sgns          E = (4/ā)(Q ⊙ σ(S) − P ⊙ σ(−S)), S = WWᵀ, Q = ppᵀ
 *                 (loss (2/ā) Σ −P_ij log σ(s_ij) − Q_ij log σ(−s_ij); near S = 0 it is qwem-natural's E)
 * The natural weights are the quartic SGNS expansion's own, rescaled by their mean so
 * that one learning rate suits all three models.
 */
import type { Csr } from '../linalg/csr.js';
import type { DynamicsBackendId, DynamicsModel } from '../../shared/types/dynamics.js';

export interface DynamicsProblem {
  model: DynamicsModel;
  /** Words (rows) and dimensions (columns) of W. */
  V: number;
  d: number;
  /** M* dense, row-major V × V. */
  mstar: Float32Array;
  /** M*'s sparse part S (M* = S − 2·11ᵀ), for backends that avoid the dense matrix. */
  sparse: Csr;
  /** ‖M*‖²_F. */
  mstarNormSquared: number;
  /** qwem-natural: Ã; sgns: (4/ā)·P. Dense V × V. */
  weights?: Float32Array;
  /** sgns: (4/ā)·ppᵀ. Dense V × V. */
  product?: Float32Array;
}

export interface DynamicsCompute {
  readonly id: DynamicsBackendId;
  /** What ran it, for people ("WebGPU: llvmpipe (Vulkan)", "native CPU kernels, 2 threads"). */
  readonly device: string;
  /** Takes the problem and the start W₀ (V × d, row-major). */
  load(problem: DynamicsProblem, W0: Float32Array): Promise<void>;
  /** Runs `count` gradient steps at learning rate lr. */
  steps(count: number, lr: number): Promise<void>;
  /** W as it is now and the model's loss there. */
  snapshot(): Promise<{ W: Float32Array; loss: number }>;
  dispose(): Promise<void>;
}

export type { Probe } from '../kernels/tfjs.js';
import type { Probe } from '../kernels/tfjs.js';

/** One way of running the dynamics: whether it works here, and a fresh compute object. */
export interface ComputeProvider {
  id: DynamicsBackendId;
  supports(model: DynamicsModel): boolean;
  probe(): Promise<Probe>;
  create(): Promise<DynamicsCompute>;
}

/** ¼‖WWᵀ − M*‖² from the d × d Gram matrix and ⟨W, M*W⟩, without any V × V product: ¼(‖WᵀW‖² − 2⟨W, M*W⟩ + ‖M*‖²). */
export function qwemLossFromParts(gram: ArrayLike<number>, wDotMw: number, mstarNormSquared: number): number {
  let g2 = 0;
  for (let k = 0; k < gram.length; k++) g2 += gram[k] * gram[k];
  return 0.25 * (g2 - 2 * wDotMw + mstarNormSquared);
}

export const log1pExp = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
