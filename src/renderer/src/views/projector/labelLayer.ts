/**
 * The HTML labels over the picture: words at their points (the selection, its
 * neighbours, search hits), stacked with leader lines where points coincide, and
 * the axis names at the axes' ends. Sizes are measured once when the words
 * change; after each render the layer only computes places (labelLayout.ts) and
 * writes the transforms that changed, so a moving camera never forces a layout.
 */
import type { HighlightKind, LabelItem } from './marks.js';
import { ensureCapacity, labelBoxes, layoutLabels, type LabelBoxes } from './labelLayout.js';

/** An axis's name, shown beyond its + end (scene coordinates). */
export interface AxisLabelItem {
  axis: 'x' | 'y' | 'z';
  text: string;
  end: [number, number, number];
}

/** Projects a scene point to CSS pixels (out[0], out[1]); false when it is behind the camera or off the canvas. */
export type ScreenProjector = (x: number, y: number, z: number, out: Float32Array) => boolean;

const SVG_NS = 'http://www.w3.org/2000/svg';
const AXIS_CAPACITY = 3;
/** Where an axis name may stand, as fractions of the way to its place beyond the + end. */
const AXIS_REACH = [1, 0.85, 0.7, 0.55];

export interface LabelColors {
  background: string;
  label: Record<HighlightKind, string>;
  axis: string;
}

export class LabelLayer {
  private items: LabelItem[] = [];
  private els: HTMLDivElement[] = [];
  private boxes: LabelBoxes = labelBoxes(64);
  /** The transform last written to each label ('' hidden), so unchanged ones are not written again. */
  private written: string[] = [];
  private axes: AxisLabelItem[] = [];
  private axisEls: HTMLDivElement[] = [];
  private readonly axisBoxes = new Float32Array(AXIS_CAPACITY * 4);
  private readonly axisSize = new Float32Array(AXIS_CAPACITY * 2);
  /** Which axis each shown axis box is. */
  private readonly axisOfBox = new Uint8Array(AXIS_CAPACITY);
  private axisShown = 0;
  private readonly leaders: SVGPathElement;
  private leaderPath = '';
  private readonly screen = new Float32Array(2);

  constructor(private readonly layer: HTMLElement) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('class', 'label-leaders');
    this.leaders = document.createElementNS(SVG_NS, 'path');
    svg.appendChild(this.leaders);
    layer.appendChild(svg);
  }

  /** New words to label, most important first; their sizes are read here, in one layout. */
  setPointLabels(items: LabelItem[]): void {
    this.items = items;
    this.boxes = ensureCapacity(this.boxes, items.length);
    while (this.els.length < items.length) {
      const el = document.createElement('div');
      el.className = 'point-label';
      this.layer.appendChild(el);
      this.els.push(el);
      this.written.push('');
    }
    this.els.forEach((el, k) => {
      const item = items[k];
      if (!item) {
        el.style.display = 'none';
        el.removeAttribute('data-word');
        return;
      }
      el.textContent = item.text;
      el.dataset.word = item.text;
      el.dataset.kind = item.kind;
      el.style.display = '';
    });
    items.forEach((item, k) => {
      this.boxes.size[2 * k] = this.els[k].offsetWidth || item.text.length * 7 + 10;
      this.boxes.size[2 * k + 1] = this.els[k].offsetHeight || 18;
    });
    this.boxes.count = items.length;
  }

  /** The axes' names (none for UMAP and t-SNE, whose axes mean nothing). */
  setAxisLabels(items: AxisLabelItem[]): void {
    this.axes = items.slice(0, AXIS_CAPACITY);
    while (this.axisEls.length < this.axes.length) {
      const el = document.createElement('div');
      el.className = 'axis-label';
      this.layer.appendChild(el);
      this.axisEls.push(el);
    }
    this.axisEls.forEach((el, k) => {
      const a = this.axes[k];
      el.style.display = a ? '' : 'none';
      if (!a) return;
      el.textContent = a.text;
      el.dataset.axis = a.axis;
    });
    this.axes.forEach((a, k) => {
      this.axisSize[2 * k] = this.axisEls[k].offsetWidth || a.text.length * 7 + 10;
      this.axisSize[2 * k + 1] = this.axisEls[k].offsetHeight || 18;
    });
  }

  /** Places every label for the camera that was just rendered. */
  place(positions: Float32Array, project: ScreenProjector, width: number, height: number): void {
    this.placeAxes(project, width, height);
    const b = this.boxes;
    for (let k = 0; k < b.count; k++) {
      const i = this.items[k].index * 3;
      b.onScreen[k] = project(positions[i], positions[i + 1], positions[i + 2], this.screen) ? 1 : 0;
      b.anchor[2 * k] = this.screen[0];
      b.anchor[2 * k + 1] = this.screen[1];
    }
    layoutLabels(b, width, height, this.axisBoxes, this.axisShown);
    let path = '';
    for (let k = 0; k < b.count; k++) {
      const shown = b.shown[k];
      const t = shown ? `translate(${Math.round(b.place[2 * k])}px, ${Math.round(b.place[2 * k + 1])}px)` : '';
      if (t !== this.written[k]) {
        const el = this.els[k];
        if (t) el.style.transform = t;
        el.style.visibility = t ? 'visible' : 'hidden';
        this.written[k] = t;
      }
      if (shown === 2) path += leader(b, k);
    }
    if (path !== this.leaderPath) {
      this.leaders.setAttribute('d', path);
      this.leaderPath = path;
    }
  }

  /** Axis names centred just beyond each axis's end, kept inside the canvas; they are placed before any word. */
  private placeAxes(project: ScreenProjector, width: number, height: number): void {
    this.axisShown = 0;
    this.axes.forEach((a, k) => {
      const el = this.axisEls[k];
      // Beyond the + end when that is on the canvas, else as far out along the axis as is.
      const shown = AXIS_REACH.some((f) => project(a.end[0] * f, a.end[1] * f, a.end[2] * f, this.screen));
      if (!shown) {
        el.style.visibility = 'hidden';
        return;
      }
      const w = this.axisSize[2 * k];
      const h = this.axisSize[2 * k + 1];
      const x = Math.max(2, Math.min(width - w - 2, this.screen[0] - w / 2));
      const y = Math.max(2, Math.min(height - h - 2, this.screen[1] - h / 2));
      el.style.visibility = 'visible';
      el.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      this.axisOfBox[this.axisShown] = k;
      const f = 4 * this.axisShown++;
      this.axisBoxes[f] = x;
      this.axisBoxes[f + 1] = y;
      this.axisBoxes[f + 2] = x + w;
      this.axisBoxes[f + 3] = y + h;
    });
  }

  /** The visible labels, leader lines and axis names drawn into a 2D canvas (ratio: device pixels per CSS pixel). */
  drawInto(ctx: CanvasRenderingContext2D, ratio: number, colors: LabelColors): void {
    ctx.font = `${12 * ratio}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.strokeStyle = colors.label.neighbor;
    ctx.lineWidth = ratio;
    ctx.stroke(new Path2D(scalePath(this.leaderPath, ratio)));
    const b = this.boxes;
    const box = (x: number, y: number, w: number, h: number, text: string, color: string): void => {
      ctx.fillStyle = colors.background;
      ctx.fillRect(x * ratio, y * ratio, w * ratio, h * ratio);
      ctx.fillStyle = color;
      ctx.fillText(text, (x + 5) * ratio, (y + h / 2) * ratio);
    };
    for (let k = 0; k < b.count; k++) {
      if (b.shown[k]) box(b.place[2 * k], b.place[2 * k + 1], b.size[2 * k], b.size[2 * k + 1], this.items[k].text, colors.label[this.items[k].kind] ?? colors.label.neighbor);
    }
    for (let k = 0; k < this.axisShown; k++) {
      const f = this.axisBoxes.subarray(4 * k, 4 * k + 4);
      box(f[0], f[1], f[2] - f[0], f[3] - f[1], this.axes[this.axisOfBox[k]].text, colors.axis);
    }
  }

  dispose(): void {
    for (const el of [...this.els, ...this.axisEls]) el.remove();
    this.leaders.parentElement?.remove();
  }
}

/** An SVG path segment from a stacked label's point to the near middle of its edge. */
function leader(b: LabelBoxes, k: number): string {
  const ax = b.anchor[2 * k];
  const ay = b.anchor[2 * k + 1];
  const x0 = b.place[2 * k];
  const ex = x0 > ax ? x0 : x0 + b.size[2 * k];
  const ey = b.place[2 * k + 1] + b.size[2 * k + 1] / 2;
  return `M${ax.toFixed(1)} ${ay.toFixed(1)}L${ex.toFixed(1)} ${ey.toFixed(1)}`;
}

function scalePath(path: string, ratio: number): string {
  return ratio === 1 ? path : path.replace(/-?\d+(\.\d+)?/g, (v) => String(Number(v) * ratio));
}
