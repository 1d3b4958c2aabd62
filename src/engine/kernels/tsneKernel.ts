/**
 * One t-SNE gradient (Barnes–Hut): a quadtree or octree over the layout, repulsion through it, attraction
 * over the sparse input similarities P. Native (native/tsne.c: the tree in one array of nodes, the points
 * split over threads in tree order) or this JavaScript reference; registry.ts chooses. projection/tsne.ts
 * moves the points.
 */
import type { Backend } from './backends.js';
import { nativeFunctions } from './nativeModule.js';
import { SpaceTree } from './spaceTree.js';

/** Everything one call takes (native/binding_train.c reads it by these names). */
export interface TsneGradientArgs {
  Y: Float64Array;
  n: number;
  /** 2 or 3. */
  dims: number;
  /** Barnes–Hut's opening angle: a cell of width w at distance r stands for its points when w < θ r. */
  theta: number;
  /** P in CSR: row i's neighbours cols[rowPtr[i] .. rowPtr[i + 1]) with p_ij in vals. */
  rowPtr: Int32Array;
  cols: Int32Array;
  vals: Float64Array;
  exaggeration: number;
  /** Whether to add up the KL divergence's Σ p log(p / q) (0 or 1). */
  computeKl: number;
  /** Threads the native kernel splits the points over (the reference uses one). */
  threads: number;
  /** Out: the gradient, n × dims. */
  grad: Float64Array;
  /** Out: [Z, Σ p log(p / q)]. */
  out: Float64Array;
}

export interface TsneKernel {
  name: Backend;
  gradient(a: TsneGradientArgs): void;
}

/** grad[i] ← −Σ_j q_ij² (y_i − y_j) for every point, by Barnes–Hut over the tree; returns Z = Σ_ij q_ij. */
function repulsion(a: TsneGradientArgs, tree: SpaceTree): number {
  const { Y, dims: D, grad } = a;
  const { half, com, count, child, start, end, perm } = tree;
  const theta2 = a.theta * a.theta;
  const fan = 1 << D;
  let Z = 0;
  const rep = new Float64Array(D);
  const stack = new Int32Array(64 * 8 + 8);
  for (let i = 0; i < a.n; i++) {
    rep.fill(0);
    let sp = 0;
    stack[sp++] = 0;
    const yo = i * D;
    while (sp > 0) {
      const node = stack[--sp];
      const cnt = count[node];
      if (cnt === 0) continue;
      if (child[node] === -1) {
        for (let t = start[node]; t < end[node]; t++) {
          const j = perm[t];
          if (j === i) continue;
          let d2 = 0;
          for (let c = 0; c < D; c++) {
            const diff = Y[yo + c] - Y[j * D + c];
            d2 += diff * diff;
          }
          const q = 1 / (1 + d2);
          Z += q;
          const q2 = q * q;
          for (let c = 0; c < D; c++) rep[c] += q2 * (Y[yo + c] - Y[j * D + c]);
        }
        continue;
      }
      let d2 = 0;
      for (let c = 0; c < D; c++) {
        const diff = Y[yo + c] - com[node * D + c];
        d2 += diff * diff;
      }
      const w = 2 * half[node];
      if (w * w < theta2 * d2) {
        const q = 1 / (1 + d2);
        Z += cnt * q;
        const q2 = cnt * q * q;
        for (let c = 0; c < D; c++) rep[c] += q2 * (Y[yo + c] - com[node * D + c]);
      } else {
        if (sp + fan > stack.length) throw new Error('t-SNE tree stack overflow');
        for (let b = 0; b < fan; b++) stack[sp++] = child[node] + b;
      }
    }
    for (let c = 0; c < D; c++) grad[yo + c] = -rep[c];
  }
  return Z;
}

/** grad ← 4 (exaggeration · attraction − repulsion / Z) over the sparse P; returns Σ p log(p / q) when asked. */
function attraction(a: TsneGradientArgs, Z: number): number {
  const { Y, n, dims: D, rowPtr, cols, vals, grad, exaggeration } = a;
  let klSum = 0;
  const invZ = 1 / Math.max(Z, 1e-300);
  for (let i = 0; i < n; i++) {
    const yo = i * D;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
      const jo = cols[e] * D;
      const d0 = Y[yo] - Y[jo];
      const d1 = Y[yo + 1] - Y[jo + 1];
      const dz = D === 3 ? Y[yo + 2] - Y[jo + 2] : 0;
      const q = 1 / (1 + d0 * d0 + d1 * d1 + dz * dz);
      const pq = vals[e] * q;
      a0 += pq * d0;
      a1 += pq * d1;
      a2 += pq * dz;
      if (a.computeKl) klSum += vals[e] * Math.log(Math.max(vals[e], 1e-300) / Math.max(q, 1e-300));
    }
    grad[yo] = 4 * (exaggeration * a0 + grad[yo] * invZ);
    grad[yo + 1] = 4 * (exaggeration * a1 + grad[yo + 1] * invZ);
    if (D === 3) grad[yo + 2] = 4 * (exaggeration * a2 + grad[yo + 2] * invZ);
  }
  return klSum;
}

/** The reference's tree, kept from call to call while the problem's size stays the same. */
let kept: SpaceTree | null = null;

function gradientJs(a: TsneGradientArgs): void {
  if (!kept || kept.n !== a.n || kept.dims !== a.dims) kept = new SpaceTree(a.n, a.dims);
  kept.build(a.Y);
  const Z = repulsion(a, kept);
  a.out[0] = Z;
  a.out[1] = attraction(a, Z);
}

export const jsTsne: TsneKernel = { name: 'js', gradient: gradientJs };

/** The native kernel, or null where it was not built. */
export function nativeTsne(): TsneKernel | null {
  const f = nativeFunctions<{ tsneGradient: (a: TsneGradientArgs) => void }>(['tsneGradient'])?.tsneGradient;
  return f ? { name: 'native', gradient: f } : null;
}
