/** The JavaScript reference of the dynamics' step: plain loops in float64, every backend is checked against it. */
import { log1pExp, type ComputeProvider, type DynamicsCompute, type DynamicsProblem } from './compute.js';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** E (V × V) for the model at W, and the loss there. */
export function errorMatrix(p: DynamicsProblem, W: Float64Array): { E: Float64Array; loss: number } {
  const { V, d } = p;
  const E = new Float64Array(V * V);
  let loss = 0;
  for (let i = 0; i < V; i++) {
    for (let j = 0; j < V; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += W[i * d + t] * W[j * d + t];
      const k = i * V + j;
      if (p.model === 'sgns') {
        const P = p.weights![k];
        const Q = p.product![k];
        E[k] = Q * sigmoid(s) - P * sigmoid(-s);
        loss += 0.5 * (P * log1pExp(-s) + Q * log1pExp(s));
      } else {
        const a = p.model === 'qwem' ? 1 : p.weights![k];
        const r = s - p.mstar[k];
        E[k] = a * r;
        loss += 0.25 * a * r * r;
      }
    }
  }
  return { E, loss };
}

class JsCompute implements DynamicsCompute {
  readonly id = 'js' as const;
  readonly device = 'JavaScript reference (one thread)';
  private p!: DynamicsProblem;
  private W!: Float64Array;

  async load(problem: DynamicsProblem, W0: Float32Array): Promise<void> {
    this.p = problem;
    this.W = Float64Array.from(W0);
  }

  async steps(count: number, lr: number): Promise<void> {
    const { V, d } = this.p;
    for (let n = 0; n < count; n++) {
      const { E } = errorMatrix(this.p, this.W);
      const next = new Float64Array(V * d);
      for (let i = 0; i < V; i++) {
        for (let j = 0; j < V; j++) {
          const e = E[i * V + j];
          if (e === 0) continue;
          for (let t = 0; t < d; t++) next[i * d + t] += e * this.W[j * d + t];
        }
      }
      for (let k = 0; k < next.length; k++) this.W[k] -= lr * next[k];
    }
  }

  async snapshot(): Promise<{ W: Float32Array; loss: number }> {
    return { W: Float32Array.from(this.W), loss: errorMatrix(this.p, this.W).loss };
  }

  async dispose(): Promise<void> {}
}

export const jsProvider: ComputeProvider = {
  id: 'js',
  supports: () => true,
  probe: async () => ({ ok: true, device: 'JavaScript reference (one thread)', gpu: false }),
  create: async () => new JsCompute(),
};
