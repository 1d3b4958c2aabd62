/**
 * The picture on a 2D canvas, where WebGL is a software rasteriser or missing
 * (painter.ts): the cloud stamped by the CPU (cloudSplat.ts) and put on the
 * canvas in one call, then the axes and the highlighted points drawn over it
 * with the canvas's own paths, in the same colours and sizes as in WebGL.
 */
import type * as THREE from 'three';
import { CloudSplat } from './cloudSplat.js';
import { cssColor } from './colors.js';
import { drawingOrder, markSize, RING, RING_INNER, type Highlight } from './marks.js';
import type { Painter } from './painter.js';
import { hexRgb, type SceneTheme } from './sceneTheme.js';

const AXIS_ENDS = [-1.1, 1.1];

export class CanvasPainter implements Painter {
  readonly kind = 'canvas';
  readonly canvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D;
  private readonly cloud = new CloudSplat();
  private theme: SceneTheme;
  private dims: 2 | 3 = 3;
  private positions: Float32Array = new Float32Array(0);
  private n = 0;
  private marks: Highlight[] = [];
  private ratio = 1;
  private readonly at = new Float32Array(2);

  constructor(theme: SceneTheme) {
    this.ctx = this.canvas.getContext('2d', { alpha: false })!;
    this.theme = theme;
    this.setTheme(theme);
  }

  resize(width: number, height: number, ratio: number): void {
    this.ratio = ratio;
    this.canvas.width = Math.max(1, Math.round(width * ratio));
    this.canvas.height = Math.max(1, Math.round(height * ratio));
    this.cloud.resize(width, height, ratio);
  }

  setTheme(theme: SceneTheme): void {
    this.theme = theme;
    this.cloud.setTheme(hexRgb(theme.background));
  }

  setDims(dims: 2 | 3): void {
    this.dims = dims;
  }

  setPoints(positions: Float32Array, n: number, diameter: number): void {
    this.positions = positions;
    this.n = n;
    this.cloud.setPoints(positions, n, diameter);
  }

  setColors(rgb: Float32Array): void {
    this.cloud.setColors(rgb);
  }

  setOpacity(opacity: number): void {
    this.cloud.setOpacity(opacity);
  }

  setHighlights(items: Highlight[]): void {
    this.marks = drawingOrder(items);
  }

  paint(_camera: THREE.Camera, viewProjection: THREE.Matrix4): void {
    const m = viewProjection.elements;
    this.cloud.draw(m);
    this.ctx.putImageData(this.cloud.image, 0, 0);
    this.drawAxes(m);
    this.drawMarks(m);
  }

  /** A scene point in device pixels (this.at); false when it is behind the camera. */
  private project(m: ArrayLike<number>, x: number, y: number, z: number): boolean {
    const w = m[3] * x + m[7] * y + m[11] * z + m[15];
    if (w <= 1e-9) return false;
    this.at[0] = (((m[0] * x + m[4] * y + m[8] * z + m[12]) / w + 1) / 2) * this.canvas.width;
    this.at[1] = ((1 - (m[1] * x + m[5] * y + m[9] * z + m[13]) / w) / 2) * this.canvas.height;
    return true;
  }

  private drawAxes(m: ArrayLike<number>): void {
    const ctx = this.ctx;
    ctx.save();
    ctx.strokeStyle = this.theme.axis;
    ctx.globalAlpha = 0.9;
    ctx.lineWidth = this.ratio;
    ctx.beginPath();
    for (let axis = 0; axis < this.dims; axis++) {
      const end = [0, 0, 0];
      end[axis] = AXIS_ENDS[0];
      if (!this.project(m, end[0], end[1], end[2])) continue;
      const [x0, y0] = this.at;
      end[axis] = AXIS_ENDS[1];
      if (!this.project(m, end[0], end[1], end[2])) continue;
      ctx.moveTo(x0, y0);
      ctx.lineTo(this.at[0], this.at[1]);
    }
    ctx.stroke();
    ctx.restore();
  }

  /** Highlights as the ring sprite draws them: a dark ring around a disc of the highlight's colour. */
  private drawMarks(m: ArrayLike<number>): void {
    const ctx = this.ctx;
    const ring = cssColor(RING);
    for (const h of this.marks) {
      const i = 3 * h.index;
      if (h.index >= this.n || !this.project(m, this.positions[i], this.positions[i + 1], this.positions[i + 2])) continue;
      const d = markSize(h.kind, this.n) * this.ratio;
      ctx.fillStyle = ring;
      ctx.beginPath();
      ctx.arc(this.at[0], this.at[1], d * 0.46, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = cssColor(this.theme.highlight[h.kind]);
      ctx.beginPath();
      ctx.arc(this.at[0], this.at[1], d * RING_INNER, 0, 2 * Math.PI);
      ctx.fill();
    }
  }

  dispose(): void {
    this.canvas.remove();
  }
}
