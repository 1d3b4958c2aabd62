/**
 * The point cloud's view: the cameras and OrbitControls (orbit in 3D; pan and
 * zoom in 2D), the points normalised into the unit cube, on-demand rendering
 * (every frame while it spins), screen-grid picking, and the HTML labels
 * (labelLayer.ts) placed after each render. What draws is a painter
 * (painter.ts): WebGL, or a 2D canvas the CPU fills where WebGL is software.
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { ScreenGrid, type PickHit } from './picking.js';
import { LabelLayer, type AxisLabelItem } from './labelLayer.js';
import { baseSize, type Highlight, type LabelItem } from './marks.js';
import { painterKind, type Painter } from './painter.js';
import { GlPainter } from './glPainter.js';
import { CanvasPainter } from './canvasPainter.js';
import { sceneTheme } from './sceneTheme.js';

export type { Highlight, HighlightKind, LabelItem } from './marks.js';
export { baseSize } from './marks.js';

export class PointScene {
  private readonly painter: Painter;
  private readonly persp = new THREE.PerspectiveCamera(45, 1, 0.01, 100);
  private readonly ortho = new THREE.OrthographicCamera(-1, 1, 1, -1, -10, 10);
  private camera: THREE.PerspectiveCamera | THREE.OrthographicCamera = this.persp;
  private controls: OrbitControls | null = null;
  private theme = sceneTheme(); // background, axis, highlight and label colours of the page's theme
  private positions = new Float32Array(0);
  private n = 0;
  dims: 2 | 3 = 3;
  readonly grid = new ScreenGrid();
  private readonly labels: LabelLayer;
  private readonly viewProjection = new THREE.Matrix4();
  private axisNames: string[] = [];
  private spinning = false;
  private raf = 0;
  private width = 1;
  private height = 1;
  private readonly resize: ResizeObserver;
  /** Called after every render (the camera may have moved). */
  onRender: (() => void) | null = null;

  constructor(
    private readonly host: HTMLElement,
    labelLayer: HTMLElement,
  ) {
    this.labels = new LabelLayer(labelLayer);
    this.painter = painterKind() === 'webgl' ? new GlPainter(this.theme) : new CanvasPainter(this.theme);
    this.painter.canvas.className = 'projector-canvas';
    host.dataset.painter = this.painter.kind;
    host.prepend(this.painter.canvas);
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(host);
    this.fit();
    this.setDims(3);
  }

  /** The picture's canvas: pointer events and the PNG come from it. */
  get canvas(): HTMLCanvasElement {
    return this.painter.canvas;
  }

  /** Reads the theme's colours again (the page switched theme); highlights take them when next set. */
  applyTheme(): void {
    this.theme = sceneTheme();
    this.painter.setTheme(this.theme);
    this.requestRender();
  }

  private fit(): void {
    const w = Math.max(1, this.host.clientWidth);
    const h = Math.max(1, this.host.clientHeight);
    if (w === this.width && h === this.height) return;
    this.width = w;
    this.height = h;
    this.painter.resize(w, h, window.devicePixelRatio || 1);
    this.updateProjection();
    this.requestRender();
  }

  private updateProjection(): void {
    const aspect = this.width / this.height;
    this.persp.aspect = aspect;
    this.persp.updateProjectionMatrix();
    const half = 1.08;
    this.ortho.left = -half * Math.max(1, aspect);
    this.ortho.right = half * Math.max(1, aspect);
    this.ortho.top = half / Math.min(1, aspect);
    this.ortho.bottom = -half / Math.min(1, aspect);
    this.ortho.updateProjectionMatrix();
  }

  setDims(dims: 2 | 3): void {
    this.dims = dims;
    this.controls?.dispose();
    this.camera = dims === 3 ? this.persp : this.ortho;
    const controls = new OrbitControls(this.camera, this.painter.canvas);
    controls.enableDamping = false;
    controls.zoomSpeed = 1.2;
    if (dims === 2) {
      controls.enableRotate = false;
      controls.screenSpacePanning = true;
      controls.mouseButtons = { LEFT: THREE.MOUSE.PAN, MIDDLE: THREE.MOUSE.DOLLY, RIGHT: THREE.MOUSE.PAN };
      controls.touches = { ONE: THREE.TOUCH.PAN, TWO: THREE.TOUCH.DOLLY_PAN };
    }
    controls.addEventListener('change', () => this.requestRender());
    controls.addEventListener('end', () => this.spinning && this.requestRender()); // spinning resumes after a drag
    this.controls = controls;
    this.spinning = this.spinning && dims === 3;
    this.painter.setDims(dims);
    this.setAxisLabels(this.axisNames);
    this.resetView();
  }

  resetView(): void {
    if (this.dims === 3) {
      this.persp.position.set(1.3, 0.95, 2.1);
      this.persp.up.set(0, 1, 0);
    } else {
      this.ortho.position.set(0, 0, 5);
      this.ortho.zoom = 1;
      this.ortho.updateProjectionMatrix();
    }
    this.controls?.target.set(0, 0, 0);
    this.camera.lookAt(0, 0, 0);
    this.controls?.update();
    this.requestRender();
  }

  /** Zooms by a factor (keyboard + and −). */
  zoom(factor: number): void {
    if (this.dims === 3) {
      const t = this.controls?.target ?? new THREE.Vector3();
      this.persp.position.sub(t).multiplyScalar(1 / factor).add(t);
    } else {
      this.ortho.zoom *= factor;
      this.ortho.updateProjectionMatrix();
    }
    this.controls?.update();
    this.requestRender();
  }

  /** Listens for arrow keys on an element (pan). */
  listenToKeys(el: HTMLElement): void {
    this.controls?.listenToKeyEvents(el);
  }

  /**
   * The coordinates (row-major, dims wide), centred and scaled so that 99% of the
   * points fall inside the unit cube (a few outliers do not shrink the rest).
   */
  setPoints(coords: ArrayLike<number>, dims: 2 | 3, n: number): void {
    this.n = n;
    this.host.dataset.points = String(n); // what the picture holds, for tests and tools
    const pos = new Float32Array(n * 3);
    const mean = [0, 0, 0];
    for (let i = 0; i < n; i++) for (let c = 0; c < dims; c++) mean[c] += coords[i * dims + c] / n;
    const mags = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let m = 0;
      for (let c = 0; c < dims; c++) m = Math.max(m, Math.abs(coords[i * dims + c] - mean[c]));
      mags[i] = m;
    }
    const sorted = mags.slice().sort();
    const scale = 1 / (sorted[Math.min(n - 1, Math.floor(n * 0.99))] || sorted[n - 1] || 1);
    for (let i = 0; i < n; i++) for (let c = 0; c < dims; c++) pos[i * 3 + c] = (coords[i * dims + c] - mean[c]) * scale;
    this.positions = pos;
    this.painter.setPoints(pos, n, baseSize(n));
    this.grid.invalidate();
    this.requestRender();
  }

  get pointCount(): number {
    return this.n;
  }

  setColors(rgb: Float32Array): void {
    if (rgb.length !== this.n * 3) return;
    this.painter.setColors(rgb);
    this.requestRender();
  }

  /** Dims the cloud while something is highlighted, so the highlights stand out. */
  setDimmed(dimmed: boolean): void {
    this.painter.setOpacity(dimmed ? 0.5 : 0.9);
    this.requestRender();
  }

  setHighlights(items: Highlight[]): void {
    this.painter.setHighlights(this.n ? items : []);
    this.requestRender();
  }

  setLabels(items: LabelItem[]): void {
    this.labels.setPointLabels(items);
    this.requestRender();
  }

  /** The axes' names, x first (none: unnamed axes); each is shown beyond its axis's + end. */
  setAxisLabels(names: string[]): void {
    this.axisNames = names;
    const items: AxisLabelItem[] = names.slice(0, this.dims).map((text, a) => {
      const end: [number, number, number] = [0, 0, 0];
      end[a] = 1.22;
      return { axis: 'xyz'[a] as AxisLabelItem['axis'], text, end };
    });
    this.labels.setAxisLabels(items);
    this.requestRender();
  }

  /** Turns the camera about the centre on every frame (3D), until turned off. */
  setSpinning(on: boolean): void {
    this.spinning = on && this.dims === 3;
    if (this.controls) this.controls.autoRotate = this.spinning;
    this.requestRender();
  }

  requestRender(): void {
    if (this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      // While spinning, update() turns the camera and its 'change' asks for the next frame.
      if (this.spinning) this.controls?.update();
      this.renderNow();
    });
  }

  renderNow(): void {
    this.camera.updateMatrixWorld();
    this.viewProjection.multiplyMatrices(this.camera.projectionMatrix, this.camera.matrixWorldInverse);
    this.painter.paint(this.camera, this.viewProjection);
    this.grid.invalidate();
    this.labels.place(this.positions, this.toScreen, this.width, this.height);
    this.onRender?.();
  }

  /** A scene point in CSS pixels on the canvas, through the last render's camera; false when behind it or off the canvas. */
  private readonly toScreen = (x: number, y: number, z: number, out: Float32Array): boolean => {
    const m = this.viewProjection.elements;
    const w = m[3] * x + m[7] * y + m[11] * z + m[15];
    if (w <= 1e-9) return false;
    const nz = (m[2] * x + m[6] * y + m[10] * z + m[14]) / w;
    out[0] = (((m[0] * x + m[4] * y + m[8] * z + m[12]) / w + 1) / 2) * this.width;
    out[1] = ((1 - (m[1] * x + m[5] * y + m[9] * z + m[13]) / w) / 2) * this.height;
    return nz >= -1 && nz <= 1 && out[0] >= 0 && out[1] >= 0 && out[0] <= this.width && out[1] <= this.height;
  };

  /** The point under a client position, building the screen grid first if the view changed. */
  pickAt(clientX: number, clientY: number): PickHit | null {
    if (!this.n) return null;
    const rect = this.painter.canvas.getBoundingClientRect();
    if (!this.grid.isValid) {
      this.camera.updateMatrixWorld();
      const m = new THREE.Matrix4().multiplyMatrices(this.camera.projectionMatrix, this.camera.matrixWorldInverse);
      this.grid.build(this.positions, this.n, m.elements, rect.width, rect.height);
    }
    return this.grid.pick(clientX - rect.left, clientY - rect.top, Math.max(6, baseSize(this.n) + 3));
  }

  /** The canvas with the visible labels drawn in, as a PNG data URL. */
  toPNG(): string {
    this.renderNow();
    const src = this.painter.canvas;
    const out = document.createElement('canvas');
    out.width = src.width;
    out.height = src.height;
    const ctx = out.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    this.labels.drawInto(ctx, src.width / this.width, { background: this.theme.labelBackground, label: this.theme.label, axis: this.theme.label.neighbor });
    return out.toDataURL('image/png');
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
    this.resize.disconnect();
    this.controls?.dispose();
    this.painter.dispose();
    this.labels.dispose();
  }
}
