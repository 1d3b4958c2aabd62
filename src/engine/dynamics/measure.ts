/** What a snapshot of W shows: its energy along M*'s eigenvectors, its spectrum, effective rank and subspace overlap. */
import { jacobiEigen } from '../linalg/dense.js';

/** P = UᵀW (r × d) for U (V × r, M*'s eigenvectors as columns) and W (V × d). */
export function projectOnto(U: Float64Array, r: number, W: Float32Array, V: number, d: number): Float64Array {
  const P = new Float64Array(r * d);
  for (let i = 0; i < V; i++) {
    for (let k = 0; k < r; k++) {
      const u = U[i * r + k];
      if (u === 0) continue;
      for (let t = 0; t < d; t++) P[k * d + t] += u * W[i * d + t];
    }
  }
  return P;
}

/** ‖u_kᵀW‖² for every k: how much of W lies along each eigen-direction. */
export function modeEnergies(P: Float64Array, r: number, d: number): Float64Array {
  const e = new Float64Array(r);
  for (let k = 0; k < r; k++) for (let t = 0; t < d; t++) e[k] += P[k * d + t] ** 2;
  return e;
}

/** WᵀW (d × d). */
export function gramOf(W: Float32Array, V: number, d: number): Float64Array {
  const G = new Float64Array(d * d);
  for (let i = 0; i < V; i++) {
    const o = i * d;
    for (let a = 0; a < d; a++) {
      const w = W[o + a];
      for (let b = a; b < d; b++) G[a * d + b] += w * W[o + b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = 0; b < a; b++) G[a * d + b] = G[b * d + a];
  return G;
}

/** W's squared singular values, descending (the eigenvalues of WᵀW). */
export function squaredSingularValues(G: Float64Array, d: number): Float64Array {
  return Float64Array.from(jacobiEigen(G, d).values, (x) => Math.max(0, x));
}

/** exp of the entropy of σ/Σσ (Roy & Vetterli): 1 for a rank-one W, d for d equal singular values. */
export function effectiveRank(sq: Float64Array): number {
  const s = Array.from(sq, (x) => Math.sqrt(x));
  const total = s.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let h = 0;
  for (const x of s) if (x > 0) h -= (x / total) * Math.log(x / total);
  return Math.exp(h);
}

/**
 * The subspace overlap of W's column space with span(U_d): the mean squared cosine of
 * the principal angles, tr(P G⁺ Pᵀ)/d with P = U_dᵀW and G = WᵀW (1: the same subspace).
 */
export function subspaceOverlap(P: Float64Array, r: number, G: Float64Array, d: number): number {
  const { values, vectors } = jacobiEigen(G, d);
  const top = Math.max(values[0], 0);
  let sum = 0;
  for (let j = 0; j < d; j++) {
    if (!(values[j] > top * 1e-10) || values[j] <= 0) continue;
    // Σ_k (P_k · v_j)² / λ_j
    for (let k = 0; k < Math.min(r, d); k++) {
      let dot = 0;
      for (let t = 0; t < d; t++) dot += P[k * d + t] * vectors[t * d + j];
      sum += (dot * dot) / values[j];
    }
  }
  return sum / Math.min(r, d);
}

/**
 * The first (fractional) step at which a mode's energy reaches λ/2, or null. Between
 * snapshots it interpolates the logit ln(x/(λ − x)), which is linear in time on the
 * theory's logistic, so a coarse snapshot grid does not bias the time late (interpolating
 * ln x does, as the sigmoid bends over).
 */
export function crossing(steps: number[], values: number[], lambda: number): number | null {
  const logit = (x: number): number => Math.log(Math.max(x, 1e-300) / Math.max(lambda - x, lambda * 1e-12));
  if (values.length > 0 && values[0] >= lambda / 2) return steps[0];
  for (let n = 1; n < values.length; n++) {
    if (values[n] >= lambda / 2 && values[n - 1] < lambda / 2) {
      const a = logit(values[n - 1]);
      const b = logit(values[n]);
      const f = b > a ? (0 - a) / (b - a) : 1;
      return steps[n - 1] + f * (steps[n] - steps[n - 1]);
    }
  }
  return null;
}

export interface ObservedStep {
  /** The (fractional) step at which the mode's energy reached λ/2. */
  step: number;
  mode: number;
  predicted: number | null;
}

/**
 * Steps whose times are distinct: sorted by time, a step counts when it comes at least
 * `gap` (relative) after the previous counted one, so modes with nearly equal λ that
 * rise together are one step of the loss.
 */
export function distinctSteps(steps: ObservedStep[], gap = 0.03): number {
  const times = steps.map((s) => s.step).sort((a, b) => a - b);
  let count = 0;
  let last = -Infinity;
  for (const t of times) {
    if (t > last * (1 + gap)) {
      count++;
      last = t;
    }
  }
  return count;
}
