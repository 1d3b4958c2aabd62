/** Learning dynamics (Karkada et al.): the models, the compute backends and the spectrum of M*. */
export const DYNAMICS_MODELS = ['qwem', 'qwem-natural', 'sgns'] as const;
export type DynamicsModel = (typeof DYNAMICS_MODELS)[number];

/** Concrete backends, fastest-first among GPUs: tfjs-node (CUDA), WebGPU, then the CPU paths. */
export const DYNAMICS_BACKENDS = ['tfjs-node', 'webgpu', 'native', 'wasm', 'cpu', 'js'] as const;
export type DynamicsBackendId = (typeof DYNAMICS_BACKENDS)[number];
export type DynamicsBackendChoice = 'auto' | DynamicsBackendId;

export interface DynamicsBackendInfo {
  id: DynamicsBackendId;
  available: boolean;
  /** The device when available ("WebGPU: llvmpipe (Vulkan)"), else why not. */
  device?: string;
  reason?: string;
  gpu: boolean;
  models: DynamicsModel[];
}

export interface SpectrumMode {
  /** 0-based mode index, eigenvalue order. */
  mode: number;
  value: number;
  /** Words with the largest positive and the most negative loadings on the eigenvector. */
  positive: { word: string; loading: number }[];
  negative: { word: string; loading: number }[];
}

export interface DynamicsSpectrum {
  corpusId: number;
  vocab: number;
  /** The top positive eigenvalues of M*, descending. */
  eigenvalues: number[];
  /** M*'s eigenvalue of largest magnitude (negative on real corpora): it bounds the stable learning rate. */
  extremeEigenvalue: number;
  modes: SpectrumMode[];
}
