/**
 * The point cloud stamped into a pixel buffer by the CPU, for canvasPainter.ts:
 * each point projected through the camera and blended in index order with a
 * round, soft-edged stamp of its size, colour and opacity, as the WebGL sprite
 * (pointMaterial.ts) draws it. 50,000 points take a few milliseconds; a
 * software WebGL rasteriser takes 50–100 ms for the same sprites.
 */
import { themeColor } from '../../theme/theme.js';

/** The pixels a point covers, relative to its stamp's top-left corner, each with its alpha in 0..256. */
interface Stamp {
  size: number;
  dx: Int32Array;
  dy: Int32Array;
  alpha: Int32Array;
}

/** A round point of `diameter` device pixels at `opacity`, shaded at its edge as the sprite shader shades it. */
function stampFor(diameter: number, opacity: number): Stamp {
  const size = Math.max(1, Math.ceil(diameter));
  const c = (size - 1) / 2;
  const dx: number[] = [];
  const dy: number[] = [];
  const alpha: number[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - c, y - c) / Math.max(diameter, 1);
      const t = Math.max(0, Math.min(1, (r - 0.5) / (0.36 - 0.5)));
      const a = Math.round((r > 0.5 ? 0 : t * t * (3 - 2 * t)) * opacity * 256); // smoothstep(0.5, 0.36, r)
      if (a <= 0) continue;
      dx.push(x);
      dy.push(y);
      alpha.push(a);
    }
  }
  return { size, dx: Int32Array.from(dx), dy: Int32Array.from(dy), alpha: Int32Array.from(alpha) };
}

/** d blended towards s (0x00bbggrr each) by a/256, two channels at a time. */
function blend(d: number, s: number, a: number): number {
  const na = 256 - a;
  const rb = (((s & 0xff00ff) * a + (d & 0xff00ff) * na) >>> 8) & 0xff00ff;
  const g = (((s & 0x00ff00) * a + (d & 0x00ff00) * na) >>> 8) & 0x00ff00;
  return 0xff000000 | rb | g;
}

export class CloudSplat {
  /** The drawn picture, background included: put it on a 2D canvas. */
  image: ImageData = new ImageData(1, 1);
  private pixels = new Uint32Array(0);
  private width = 0;
  private height = 0;
  private positions: Float32Array = new Float32Array(0);
  private n = 0;
  /** Each point's colour, 0x00bbggrr. */
  private packed = new Uint32Array(0);
  private source: Float32Array = new Float32Array(0);
  private background = 0xff000000;
  private opacity = 0.9;
  private diameter = 2.6;
  private ratio = 1;
  private stamp = stampFor(2.6, 0.9);
  private offsets = new Int32Array(0);

  /** The canvas's size in CSS pixels and its device pixel ratio: one buffer pixel per device pixel. */
  resize(width: number, height: number, ratio: number): void {
    this.ratio = ratio;
    this.width = Math.max(1, Math.round(width * ratio));
    this.height = Math.max(1, Math.round(height * ratio));
    this.image = new ImageData(this.width, this.height);
    this.pixels = new Uint32Array(this.image.data.buffer);
    this.restamp();
  }

  private restamp(): void {
    this.stamp = stampFor(this.diameter * this.ratio, this.opacity);
  }

  setPoints(positions: Float32Array, n: number, cssDiameter: number): void {
    this.positions = positions;
    this.n = n;
    this.diameter = cssDiameter;
    this.restamp();
    if (this.source.length !== n * 3) this.setColors(new Float32Array(n * 3).fill(0.6));
  }

  /** Per-point RGB in 0..1 (n × 3), shaded by the theme as the WebGL cloud is. */
  setColors(rgb: Float32Array): void {
    this.source = rgb;
    const shade = Number(themeColor('--projector-point-shade', '1')) || 1;
    const byte = (v: number): number => Math.round(Math.max(0, Math.min(1, v * shade)) * 255);
    this.packed = new Uint32Array(rgb.length / 3);
    for (let i = 0; i < this.packed.length; i++) this.packed[i] = (byte(rgb[3 * i + 2]) << 16) | (byte(rgb[3 * i + 1]) << 8) | byte(rgb[3 * i]);
  }

  setOpacity(opacity: number): void {
    if (opacity === this.opacity) return;
    this.opacity = opacity;
    this.restamp();
  }

  /** The background (#rrggbb as 0..1 channels), and the theme's shade of the cloud again. */
  setTheme(background: [number, number, number]): void {
    const [r, g, b] = background.map((v) => Math.round(v * 255));
    this.background = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
    this.setColors(this.source);
  }

  /** Draws the cloud through a column-major view-projection matrix (three's Matrix4.elements). */
  draw(m: ArrayLike<number>): void {
    const W = this.width;
    const H = this.height;
    const px = this.pixels;
    px.fill(this.background);
    const { size, dx, dy, alpha } = this.stamp;
    if (this.offsets.length !== dx.length) this.offsets = new Int32Array(dx.length);
    const off = this.offsets;
    for (let k = 0; k < dx.length; k++) off[k] = dy[k] * W + dx[k];
    const half = size / 2;
    const pos = this.positions;
    const colors = this.packed;
    const m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7];
    const m8 = m[8], m9 = m[9], m10 = m[10], m11 = m[11], m12 = m[12], m13 = m[13], m14 = m[14], m15 = m[15];
    for (let i = 0; i < this.n; i++) {
      const x = pos[3 * i];
      const y = pos[3 * i + 1];
      const z = pos[3 * i + 2];
      const w = m3 * x + m7 * y + m11 * z + m15;
      if (w <= 1e-9) continue;
      const nz = (m2 * x + m6 * y + m10 * z + m14) / w;
      if (nz < -1 || nz > 1) continue;
      const x0 = Math.round((((m0 * x + m4 * y + m8 * z + m12) / w + 1) / 2) * W - half);
      const y0 = Math.round(((1 - (m1 * x + m5 * y + m9 * z + m13) / w) / 2) * H - half);
      if (x0 + size <= 0 || y0 + size <= 0 || x0 >= W || y0 >= H) continue;
      const c = colors[i];
      if (x0 >= 0 && y0 >= 0 && x0 + size <= W && y0 + size <= H) {
        const base = y0 * W + x0;
        for (let k = 0; k < off.length; k++) px[base + off[k]] = blend(px[base + off[k]], c, alpha[k]);
      } else this.stampClipped(x0, y0, c);
    }
  }

  /** A stamp across the canvas's edge: only its pixels on the canvas. */
  private stampClipped(x0: number, y0: number, c: number): void {
    const { dx, dy, alpha } = this.stamp;
    for (let k = 0; k < dx.length; k++) {
      const xx = x0 + dx[k];
      const yy = y0 + dy[k];
      if (xx < 0 || yy < 0 || xx >= this.width || yy >= this.height) continue;
      const o = yy * this.width + xx;
      this.pixels[o] = blend(this.pixels[o], c, alpha[k]);
    }
  }
}
