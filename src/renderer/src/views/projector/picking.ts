/**
 * Hover picking without a raycast over 50k points: after the camera moves,
 * project every point to the screen once (one 4×4 product each) and bucket the
 * results in a grid of small cells; a hover then looks only at the few cells
 * around the pointer. The projection runs lazily, at the first hover after a
 * change, so orbiting costs nothing.
 */

export interface PickHit {
  index: number;
  /** Screen position in CSS pixels, relative to the canvas. */
  x: number;
  y: number;
  distance: number;
}

export class ScreenGrid {
  private sx = new Float32Array(0);
  private sy = new Float32Array(0);
  private depth = new Float32Array(0);
  private cellStart = new Int32Array(0);
  private cellItems = new Int32Array(0);
  private cols = 0;
  private rows = 0;
  private valid = false;

  constructor(private readonly cell = 12) {}

  invalidate(): void {
    this.valid = false;
  }

  get isValid(): boolean {
    return this.valid;
  }

  /**
   * Projects the n points (xyz, row-major) with a column-major 4×4 view-projection
   * matrix (three's Matrix4.elements) onto a width × height canvas.
   */
  build(positions: Float32Array, n: number, m: ArrayLike<number>, width: number, height: number): void {
    if (this.sx.length < n) {
      this.sx = new Float32Array(n);
      this.sy = new Float32Array(n);
      this.depth = new Float32Array(n);
      this.cellItems = new Int32Array(n);
    }
    const cols = Math.max(1, Math.ceil(width / this.cell));
    const rows = Math.max(1, Math.ceil(height / this.cell));
    if (this.cellStart.length !== cols * rows + 1) this.cellStart = new Int32Array(cols * rows + 1);
    else this.cellStart.fill(0);
    this.cols = cols;
    this.rows = rows;
    const [m0, m1, , m3, m4, m5, , m7, m8, m9, , m11, m12, m13, , m15] = Array.from(m);
    const m2 = m[2], m6 = m[6], m10 = m[10], m14 = m[14];
    const { sx, sy, depth, cellStart, cell } = this;
    const cellOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const x = positions[3 * i];
      const y = positions[3 * i + 1];
      const z = positions[3 * i + 2];
      const w = m3 * x + m7 * y + m11 * z + m15;
      if (w <= 1e-9) {
        cellOf[i] = -1;
        continue;
      }
      const nx = (m0 * x + m4 * y + m8 * z + m12) / w;
      const ny = (m1 * x + m5 * y + m9 * z + m13) / w;
      const nz = (m2 * x + m6 * y + m10 * z + m14) / w;
      const px = ((nx + 1) / 2) * width;
      const py = ((1 - ny) / 2) * height;
      sx[i] = px;
      sy[i] = py;
      depth[i] = nz;
      if (px < 0 || py < 0 || px >= width || py >= height || nz < -1 || nz > 1) {
        cellOf[i] = -1;
        continue;
      }
      const c = Math.floor(py / cell) * cols + Math.floor(px / cell);
      cellOf[i] = c;
      cellStart[c + 1]++;
    }
    for (let c = 0; c < cols * rows; c++) cellStart[c + 1] += cellStart[c];
    const fill = cellStart.slice(0, cols * rows);
    for (let i = 0; i < n; i++) if (cellOf[i] >= 0) this.cellItems[fill[cellOf[i]]++] = i;
    this.valid = true;
  }

  /** The point nearest to (x, y) within `radius` CSS pixels (the front one on a tie), or null. */
  pick(x: number, y: number, radius = 8): PickHit | null {
    if (!this.valid) return null;
    const { cell, cols, rows, sx, sy, depth, cellStart, cellItems } = this;
    const c0 = Math.max(0, Math.floor((x - radius) / cell));
    const c1 = Math.min(cols - 1, Math.floor((x + radius) / cell));
    const r0 = Math.max(0, Math.floor((y - radius) / cell));
    const r1 = Math.min(rows - 1, Math.floor((y + radius) / cell));
    let best = -1;
    let bestD = radius * radius;
    let bestZ = Infinity;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cellIndex = r * cols + c;
        for (let t = cellStart[cellIndex]; t < cellStart[cellIndex + 1]; t++) {
          const i = cellItems[t];
          const d = (sx[i] - x) ** 2 + (sy[i] - y) ** 2;
          if (d < bestD - 0.25 || (Math.abs(d - bestD) <= 0.25 && depth[i] < bestZ)) {
            best = i;
            bestD = d;
            bestZ = depth[i];
          }
        }
      }
    }
    return best < 0 ? null : { index: best, x: sx[best], y: sy[best], distance: Math.sqrt(bestD) };
  }

  /** Screen position of point i from the last build (valid or not: callers check isValid). */
  position(i: number): { x: number; y: number } {
    return { x: this.sx[i], y: this.sy[i] };
  }
}
