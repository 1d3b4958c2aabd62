/**
 * One t-SNE gradient (Barnes–Hut): a quadtree or octree over the layout, repulsion through it walked once
 * per group of nearby points, attraction over the sparse input similarities P. Native (native/tsne.c: the
 * attraction runs while one thread builds the tree, then the groups are split over threads) or this
 * JavaScript reference; registry.ts chooses. projection/tsne.ts moves the points.
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

/** Points that one walk serves: the nodes holding at most this many under a parent that holds more. */
export const TSNE_GROUP = 128;

/** The groups (nodes of at most TSNE_GROUP points, or leaves, under a parent holding more), in tree order. */
function groupsOf(tree: SpaceTree): number[] {
  const { count, child } = tree;
  const fan = 1 << tree.dims;
  const groups: number[] = [];
  const stack = [0];
  while (stack.length) {
    const node = stack.pop()!;
    if (count[node] === 0) continue;
    if (count[node] <= TSNE_GROUP || child[node] === -1) {
      groups.push(node);
      continue;
    }
    for (let b = fan - 1; b >= 0; b--) stack.push(child[node] + b);
  }
  return groups;
}

/** What one walk found, column by column: cells' centres of mass (weight = count) and the points of opened leaves (weight 1). */
class Sources {
  at: Float64Array[] = [];
  weight: Float64Array = new Float64Array(1024);
  len = 0;
  constructor(private readonly dims: number) {
    for (let c = 0; c < dims; c++) this.at.push(new Float64Array(1024));
  }
  add(y: Float64Array, offset: number, weight: number): void {
    if (this.len === this.weight.length) {
      const grow = (old: Float64Array): Float64Array => {
        const a = new Float64Array(old.length * 2);
        a.set(old);
        return a;
      };
      this.at = this.at.map(grow);
      this.weight = grow(this.weight);
    }
    for (let c = 0; c < this.dims; c++) this.at[c][this.len] = y[offset + c];
    this.weight[this.len++] = weight;
  }
}

/**
 * grad[i] ← −Σ_j q_ij² (y_i − y_j) for every point; returns Z = Σ_ij q_ij. Barnes–Hut for a group of
 * points at once (Barnes 1990): one walk per group opens a cell unless it is far from the group's whole
 * bounding box (width < θ × distance from the box to its centre of mass), so every point of the group would
 * have accepted it on its own walk too; then each point of the group runs through the same list of sources.
 * A point meets itself in its leaf (q = 1), which is taken off Z again.
 */
function repulsion(a: TsneGradientArgs, tree: SpaceTree): number {
  const { Y, dims: D, grad } = a;
  const { half, com, count, child, start, end, perm } = tree;
  const theta2 = a.theta * a.theta;
  const fan = 1 << D;
  const src = new Sources(D);
  const lo = new Float64Array(D);
  const hi = new Float64Array(D);
  const stack = new Int32Array(64 * 8 + 8);
  let Z = 0;
  for (const g of groupsOf(tree)) {
    lo.fill(Infinity);
    hi.fill(-Infinity);
    for (let k = start[g]; k < end[g]; k++) {
      for (let c = 0; c < D; c++) {
        const v = Y[perm[k] * D + c];
        if (v < lo[c]) lo[c] = v;
        if (v > hi[c]) hi[c] = v;
      }
    }
    src.len = 0;
    let sp = 0;
    stack[sp++] = 0;
    while (sp > 0) {
      const node = stack[--sp];
      if (count[node] === 0) continue;
      if (child[node] === -1) {
        for (let t = start[node]; t < end[node]; t++) src.add(Y, perm[t] * D, 1);
        continue;
      }
      let d2 = 0;
      for (let c = 0; c < D; c++) {
        const m = com[node * D + c];
        const out = Math.max(0, lo[c] - m, m - hi[c]);
        d2 += out * out;
      }
      const w = 2 * half[node];
      if (w * w < theta2 * d2) src.add(com, node * D, count[node]);
      else {
        if (sp + fan > stack.length) throw new Error('t-SNE tree stack overflow');
        for (let b = 0; b < fan; b++) stack[sp++] = child[node] + b;
      }
    }
    const { len, weight: w } = src;
    const x0 = src.at[0];
    const x1 = src.at[1];
    const x2 = src.at[D === 3 ? 2 : 1];
    for (let k = start[g]; k < end[g]; k++) {
      const yo = perm[k] * D;
      const y0 = Y[yo];
      const y1 = Y[yo + 1];
      const y2 = D === 3 ? Y[yo + 2] : 0;
      let zi = 0;
      let r0 = 0;
      let r1 = 0;
      let r2 = 0;
      for (let m = 0; m < len; m++) {
        const d0 = y0 - x0[m];
        const d1 = y1 - x1[m];
        const dz = D === 3 ? y2 - x2[m] : 0;
        const q = 1 / (1 + d0 * d0 + d1 * d1 + dz * dz);
        const wq = w[m] * q;
        const wq2 = wq * q;
        zi += wq;
        r0 += wq2 * d0;
        r1 += wq2 * d1;
        r2 += wq2 * dz;
      }
      Z += zi - 1;
      grad[yo] = -r0;
      grad[yo + 1] = -r1;
      if (D === 3) grad[yo + 2] = -r2;
    }
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
