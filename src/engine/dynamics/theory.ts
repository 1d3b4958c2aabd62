/**
 * The theory overlay: each mode's rise from M*'s eigenvalue λ_k, the initial scale σ₀
 * and the learning rate η, for the reweighted loss L = ¼‖WWᵀ − M*‖²_F.
 *
 * Gradient descent is W ← W − η(WWᵀ − M*)W. Along an eigenvector u_k of M*, while the
 * modes are still decoupled, a_k = Wᵀu_k (a d-vector) obeys a_k ← a_k(1 + η(λ_k − |a_k|²)),
 * so its energy x_k = |a_k|² = s_k² follows the exact map
 *     x ← x (1 + η(λ_k − x))².
 * Its small-η limit with t = η·n is the logistic
 *     dx/dt = 2x(λ_k − x),   x(t) = e^{2λ_k t} / (1/x₀ + (e^{2λ_k t} − 1)/λ_k),
 * which reaches λ_k/2 at t_k = ln(λ_k/x₀ − 1)/(2λ_k) ≈ ln(λ_k/σ₀²)/(2λ_k): the factor 2
 * comes from the ¼ of our loss (with ½‖·‖² time runs 2× faster, with ‖·‖² 4×).
 *
 * Assumptions: W₀ has i.i.d. N(0, σ₀²/d) entries, so E|a_k(0)|² = σ₀²; modes learned
 * earlier take k of the d directions of a_k's space, so mode k (0-based) grows from the
 * (d − k)/d of that energy orthogonal to them: x₀,k = σ₀²(d − k)/d. Modes with λ_k ≤ 0
 * shrink and are never learned. The models with natural weights and SGNS follow the
 * same law only near W = 0; their overlay is this one, labelled as the reweighted theory.
 */

/** A safe step: the stiffest direction, M*'s most negative eigenvalue on real corpora, contracts by |1 + ηλ| = ½. */
export function defaultLearningRate(extremeEigenvalue: number): number {
  return 0.5 / Math.abs(extremeEigenvalue);
}

/** The start energy of mode k (0-based) of d. */
export function startEnergy(sigma0: number, k: number, d: number): number {
  return (sigma0 * sigma0 * Math.max(1, d - k)) / d;
}

/** x_n for n = 0..steps by the exact map (Float64Array of steps + 1). */
export function predictedCurve(lambda: number, x0: number, lr: number, steps: number): Float64Array {
  const x = new Float64Array(steps + 1);
  x[0] = x0;
  for (let n = 1; n <= steps; n++) {
    const g = 1 + lr * (lambda - x[n - 1]);
    x[n] = x[n - 1] * g * g;
  }
  return x;
}

/** The continuous-time logistic at t = η·n (for the README's formula and the tests). */
export function logisticEnergy(lambda: number, x0: number, t: number): number {
  const e = Math.exp(2 * lambda * t);
  return e / (1 / x0 + (e - 1) / lambda);
}

/** The step (fractional) at which the map reaches λ/2, or null when λ ≤ 0 or not within maxSteps. */
export function predictedRiseStep(lambda: number, x0: number, lr: number, maxSteps: number): number | null {
  if (!(lambda > 0)) return null;
  let x = x0;
  for (let n = 1; n <= maxSteps; n++) {
    const g = 1 + lr * (lambda - x);
    const next = x * g * g;
    if (next >= lambda / 2) return n - 1 + Math.log(lambda / 2 / x) / Math.log(next / x);
    x = next;
  }
  return null;
}

/** Steps to run when the user leaves it to us: until the last positive mode of d has risen, and 4× that again for the subspace to settle: its last gap λ_d − λ_{d+1} is often small, and the overlap with the top-d eigenvectors converges at that gap's rate. */
export function defaultSteps(eigenvalues: ArrayLike<number>, d: number, sigma0: number, lr: number): number {
  let last = 0;
  for (let k = 0; k < Math.min(d, eigenvalues.length); k++) {
    const r = predictedRiseStep(eigenvalues[k], startEnergy(sigma0, k, d), lr, 1e6);
    if (r !== null) last = Math.max(last, r);
  }
  return Math.max(50, Math.ceil(last * 5));
}
