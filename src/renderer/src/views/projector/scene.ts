/**
 * The point cloud: every point in ONE THREE.Points buffer geometry (a round
 * point sprite per vertex, drawn by a small shader), a second small Points for
 * the highlighted ones, OrbitControls (orbit in 3D; pan and zoom in 2D), on-
 * demand rendering, screen-grid picking and an HTML label layer positioned
 * after each render, with overlapping labels left out.
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { ScreenGrid, type PickHit } from './picking.js';
import { pointMaterial } from './pointMaterial.js';
import { sceneTheme } from './sceneTheme.js';

export type HighlightKind = 'selected' | 'neighbor' | 'hit' | 'hover';

export interface Highlight {
  index: number;
  kind: HighlightKind;
}

export interface LabelItem {
  index: number;
  text: string;
  kind: HighlightKind;
}

export function baseSize(n: number): number {
  return n > 30000 ? 2.6 : n > 10000 ? 3.2 : n > 2000 ? 4 : n > 500 ? 5.5 : 7;
}

export class PointScene {
  readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly persp = new THREE.PerspectiveCamera(45, 1, 0.01, 100);
  private readonly ortho = new THREE.OrthographicCamera(-1, 1, 1, -1, -10, 10);
  private camera: THREE.PerspectiveCamera | THREE.OrthographicCamera = this.persp;
  private controls: OrbitControls | null = null;
  private base: THREE.Points | null = null;
  private marks: THREE.Points | null = null;
  private readonly axes: THREE.LineSegments;
  private theme = sceneTheme(); // background, axis, highlight and label colours of the page's theme
  private positions = new Float32Array(0);
  private n = 0;
  dims: 2 | 3 = 3;
  readonly grid = new ScreenGrid();
  private labels: LabelItem[] = [];
  private labelEls: HTMLDivElement[] = [];
  private raf = 0;
  private width = 1;
  private height = 1;
  private readonly resize: ResizeObserver;
  /** Called after every render (the camera may have moved). */
  onRender: (() => void) | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly labelLayer: HTMLElement,
  ) {
    this.renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true, alpha: false });
    this.renderer.setPixelRatio(window.devicePixelRatio || 1);
    this.renderer.setClearColor(this.theme.background, 1);
    this.renderer.domElement.className = 'projector-canvas';
    host.prepend(this.renderer.domElement);
    const axisGeometry = new THREE.BufferGeometry();
    axisGeometry.setAttribute('position', new THREE.Float32BufferAttribute([-1.1, 0, 0, 1.1, 0, 0, 0, -1.1, 0, 0, 1.1, 0, 0, 0, -1.1, 0, 0, 1.1], 3));
    this.axes = new THREE.LineSegments(axisGeometry, new THREE.LineBasicMaterial({ color: this.theme.axis, transparent: true, opacity: 0.9 }));
    this.scene.add(this.axes);
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(host);
    this.fit();
    this.setDims(3);
  }

  /** Reads the theme's colours again (the page switched theme); highlights take them when next set. */
  applyTheme(): void {
    this.theme = sceneTheme();
    this.renderer.setClearColor(this.theme.background, 1);
    (this.axes.material as THREE.LineBasicMaterial).color.set(this.theme.axis);
    this.requestRender();
  }

  private fit(): void {
    const w = Math.max(1, this.host.clientWidth);
    const h = Math.max(1, this.host.clientHeight);
    if (w === this.width && h === this.height) return;
    this.width = w;
    this.height = h;
    this.renderer.setSize(w, h);
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
    const controls = new OrbitControls(this.camera, this.renderer.domElement);
    controls.enableDamping = false;
    controls.zoomSpeed = 1.2;
    if (dims === 2) {
      controls.enableRotate = false;
      controls.screenSpacePanning = true;
      controls.mouseButtons = { LEFT: THREE.MOUSE.PAN, MIDDLE: THREE.MOUSE.DOLLY, RIGHT: THREE.MOUSE.PAN };
      controls.touches = { ONE: THREE.TOUCH.PAN, TWO: THREE.TOUCH.DOLLY_PAN };
    }
    controls.addEventListener('change', () => this.requestRender());
    this.controls = controls;
    (this.axes.geometry.getAttribute('position') as THREE.BufferAttribute).setZ(4, dims === 3 ? -1.1 : 0);
    (this.axes.geometry.getAttribute('position') as THREE.BufferAttribute).setZ(5, dims === 3 ? 1.1 : 0);
    this.axes.geometry.getAttribute('position').needsUpdate = true;
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
    if (this.base) {
      this.scene.remove(this.base);
      this.base.geometry.dispose();
      (this.base.material as THREE.Material).dispose();
    }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(pos, 3));
    g.setAttribute('pcolor', new THREE.BufferAttribute(new Float32Array(n * 3).fill(0.6), 3));
    g.setAttribute('psize', new THREE.BufferAttribute(new Float32Array(n).fill(baseSize(n)), 1));
    g.computeBoundingSphere();
    this.base = new THREE.Points(g, pointMaterial(0.9, false));
    this.base.frustumCulled = false;
    this.scene.add(this.base);
    this.grid.invalidate();
    this.requestRender();
  }

  get pointCount(): number {
    return this.n;
  }

  setColors(rgb: Float32Array): void {
    if (!this.base || rgb.length !== this.n * 3) return;
    const attr = this.base.geometry.getAttribute('pcolor') as THREE.BufferAttribute;
    (attr.array as Float32Array).set(rgb);
    attr.needsUpdate = true;
    this.requestRender();
  }

  /** Dims the cloud while something is highlighted, so the highlights stand out. */
  setDimmed(dimmed: boolean): void {
    if (!this.base) return;
    (this.base.material as THREE.ShaderMaterial).uniforms.uOpacity.value = dimmed ? 0.5 : 0.9;
    this.requestRender();
  }

  setHighlights(items: Highlight[]): void {
    if (this.marks) {
      this.scene.remove(this.marks);
      this.marks.geometry.dispose();
      (this.marks.material as THREE.Material).dispose();
      this.marks = null;
    }
    if (items.length && this.n) {
      // Drawn last and without depth test: highlights are never hidden behind the cloud.
      const order = [...items].sort((a, b) => rank(a.kind) - rank(b.kind)); // the most important drawn last, on top
      const pos = new Float32Array(order.length * 3);
      const col = new Float32Array(order.length * 3);
      const size = new Float32Array(order.length);
      const b = baseSize(this.n);
      order.forEach((h, k) => {
        pos.set(this.positions.subarray(h.index * 3, h.index * 3 + 3), k * 3);
        col.set(this.theme.highlight[h.kind], k * 3);
        size[k] = h.kind === 'selected' || h.kind === 'hover' ? b + 9 : h.kind === 'neighbor' ? b + 6 : b + 5;
      });
      const g = new THREE.BufferGeometry();
      g.setAttribute('position', new THREE.BufferAttribute(pos, 3));
      g.setAttribute('pcolor', new THREE.BufferAttribute(col, 3));
      g.setAttribute('psize', new THREE.BufferAttribute(size, 1));
      const m = pointMaterial(1, true);
      m.depthTest = false;
      this.marks = new THREE.Points(g, m);
      this.marks.frustumCulled = false;
      this.marks.renderOrder = 1;
      this.scene.add(this.marks);
    }
    this.requestRender();
  }

  setLabels(items: LabelItem[]): void {
    this.labels = items;
    while (this.labelEls.length < items.length) {
      const el = document.createElement('div');
      el.className = 'point-label';
      this.labelLayer.appendChild(el);
      this.labelEls.push(el);
    }
    this.labelEls.forEach((el, k) => {
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
    this.placeLabels();
  }

  /** Positions labels at their points; a label that would overlap a more important one is hidden. */
  private placeLabels(): void {
    const placed: [number, number, number, number][] = [];
    const v = new THREE.Vector3();
    this.labels.forEach((item, k) => {
      const el = this.labelEls[k];
      v.set(this.positions[item.index * 3], this.positions[item.index * 3 + 1], this.positions[item.index * 3 + 2]).project(this.camera);
      const x = ((v.x + 1) / 2) * this.width;
      const y = ((1 - v.y) / 2) * this.height;
      const w = el.offsetWidth || item.text.length * 7 + 10;
      const h = el.offsetHeight || 18;
      const box: [number, number, number, number] = [x + 7, y - h / 2, x + 7 + w, y + h / 2];
      const visible = v.z >= -1 && v.z <= 1 && x >= 0 && y >= 0 && x <= this.width && y <= this.height;
      const overlaps = placed.some((p) => box[0] < p[2] && box[2] > p[0] && box[1] < p[3] && box[3] > p[1]);
      if (!visible || overlaps) {
        el.style.visibility = 'hidden';
        return;
      }
      placed.push(box);
      el.style.visibility = 'visible';
      el.style.transform = `translate(${Math.round(box[0])}px, ${Math.round(box[1])}px)`;
    });
  }

  requestRender(): void {
    if (this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.renderNow();
    });
  }

  renderNow(): void {
    this.camera.updateMatrixWorld();
    this.renderer.render(this.scene, this.camera);
    this.grid.invalidate();
    this.placeLabels();
    this.onRender?.();
  }

  /** The point under a client position, building the screen grid first if the view changed. */
  pickAt(clientX: number, clientY: number): PickHit | null {
    if (!this.n) return null;
    const rect = this.renderer.domElement.getBoundingClientRect();
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
    const src = this.renderer.domElement;
    const out = document.createElement('canvas');
    out.width = src.width;
    out.height = src.height;
    const ctx = out.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const ratio = src.width / this.width;
    ctx.font = `${12 * ratio}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    const hostRect = this.labelLayer.getBoundingClientRect();
    for (const el of this.labelEls) {
      if (el.style.display === 'none' || el.style.visibility === 'hidden' || !el.textContent) continue;
      const r = el.getBoundingClientRect();
      const x = (r.left - hostRect.left) * ratio;
      const y = (r.top - hostRect.top + r.height / 2) * ratio;
      ctx.fillStyle = this.theme.labelBackground;
      ctx.fillRect(x, (r.top - hostRect.top) * ratio, r.width * ratio, r.height * ratio);
      ctx.fillStyle = this.theme.label[(el.dataset.kind as HighlightKind | undefined) ?? 'neighbor'] ?? this.theme.label.neighbor;
      ctx.fillText(el.textContent, x + 5 * ratio, y);
    }
    return out.toDataURL('image/png');
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
    this.resize.disconnect();
    this.controls?.dispose();
    for (const o of [this.base, this.marks]) {
      if (!o) continue;
      o.geometry.dispose();
      (o.material as THREE.Material).dispose();
    }
    this.axes.geometry.dispose();
    (this.axes.material as THREE.Material).dispose();
    this.renderer.dispose();
    this.renderer.domElement.remove();
    for (const el of this.labelEls) el.remove();
  }
}

function rank(kind: HighlightKind): number {
  return kind === 'hover' ? 3 : kind === 'selected' ? 2 : kind === 'neighbor' ? 1 : 0;
}
