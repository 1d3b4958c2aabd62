/**
 * The t-SNE gradient's reference tree (kernels/tsneKernel.ts): a quadtree (2D) or octree (3D) over the
 * layout, split at each cell's centre until a cell holds one point (or 40 levels). native/tsne.c builds
 * the same tree.
 */
/** A quadtree (2D) or octree (3D) over the points, rebuilt every iteration, in flat arrays. */
export class SpaceTree {
  private cap = 0;
  center!: Float64Array;
  half!: Float64Array;
  com!: Float64Array;
  count!: Int32Array;
  child!: Int32Array;
  start!: Int32Array;
  end!: Int32Array;
  size = 0;
  readonly perm: Int32Array;
  private readonly scratch: Int32Array;
  private readonly fanout: number;

  constructor(readonly n: number, readonly dims: number) {
    this.perm = new Int32Array(n);
    this.scratch = new Int32Array(n);
    this.fanout = 1 << dims;
    this.grow(Math.max(64, 2 * n));
  }

  private grow(cap: number): void {
    const D = this.dims;
    const copy = <T extends Float64Array | Int32Array>(old: T | undefined, len: number, make: (m: number) => T): T => {
      const a = make(len);
      if (old) a.set(old.subarray(0, Math.min(old.length, len)));
      return a;
    };
    this.center = copy(this.center, cap * D, (m) => new Float64Array(m));
    this.com = copy(this.com, cap * D, (m) => new Float64Array(m));
    this.half = copy(this.half, cap, (m) => new Float64Array(m));
    this.count = copy(this.count, cap, (m) => new Int32Array(m));
    this.child = copy(this.child, cap, (m) => new Int32Array(m));
    this.start = copy(this.start, cap, (m) => new Int32Array(m));
    this.end = copy(this.end, cap, (m) => new Int32Array(m));
    this.cap = cap;
  }

  build(Y: Float64Array): void {
    const { n, dims: D, fanout } = this;
    const lo = new Float64Array(D).fill(Infinity);
    const hi = new Float64Array(D).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      this.perm[i] = i;
      for (let c = 0; c < D; c++) {
        const v = Y[i * D + c];
        if (v < lo[c]) lo[c] = v;
        if (v > hi[c]) hi[c] = v;
      }
    }
    let half = 0;
    for (let c = 0; c < D; c++) half = Math.max(half, (hi[c] - lo[c]) / 2);
    half = half * (1 + 1e-6) + 1e-12;
    this.size = 1;
    for (let c = 0; c < D; c++) this.center[c] = (lo[c] + hi[c]) / 2;
    this.half[0] = half;
    this.start[0] = 0;
    this.end[0] = n;
    const stack: number[] = [0];
    const depth: number[] = [0];
    const bucketCount = new Int32Array(fanout);
    const bucketOf = this.scratch;
    while (stack.length) {
      const node = stack.pop()!;
      const level = depth.pop()!;
      const s = this.start[node];
      const e = this.end[node];
      const cnt = e - s;
      this.count[node] = cnt;
      for (let c = 0; c < D; c++) {
        let m = 0;
        for (let t = s; t < e; t++) m += Y[this.perm[t] * D + c];
        this.com[node * D + c] = m / cnt;
      }
      if (cnt <= 1 || level >= 40) {
        this.child[node] = -1;
        continue;
      }
      // Partition this node's points into its 2^D children by the side of the centre they lie on.
      bucketCount.fill(0);
      for (let t = s; t < e; t++) {
        const i = this.perm[t];
        let b = 0;
        for (let c = 0; c < D; c++) if (Y[i * D + c] > this.center[node * D + c]) b |= 1 << c;
        bucketOf[t] = b;
        bucketCount[b]++;
      }
      if (this.size + fanout > this.cap) this.grow(this.cap * 2);
      const first = this.size;
      this.size += fanout;
      this.child[node] = first;
      const h = this.half[node] / 2;
      let offset = s;
      const next = new Int32Array(fanout);
      for (let b = 0; b < fanout; b++) {
        const ch = first + b;
        this.start[ch] = offset;
        next[b] = offset;
        offset += bucketCount[b];
        this.end[ch] = offset;
        this.half[ch] = h;
        for (let c = 0; c < D; c++) this.center[ch * D + c] = this.center[node * D + c] + ((b >> c) & 1 ? h : -h);
        this.count[ch] = 0;
        this.child[ch] = -1;
      }
      const tmp = new Int32Array(cnt);
      for (let t = s; t < e; t++) tmp[next[bucketOf[t]]++ - s] = this.perm[t];
      this.perm.set(tmp, s);
      for (let b = 0; b < fanout; b++) {
        const ch = first + b;
        if (this.end[ch] > this.start[ch]) {
          stack.push(ch);
          depth.push(level + 1);
        }
      }
    }
  }
}
