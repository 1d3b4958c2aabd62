/**
 * The picture in WebGL, where a GPU draws it: every point in ONE THREE.Points
 * buffer geometry (a round sprite per vertex, pointMaterial.ts), a second small
 * Points for the highlighted ones, drawn last and without depth test so they are
 * never hidden, and the axes as line segments.
 */
import * as THREE from 'three';
import { drawingOrder, markSize, type Highlight } from './marks.js';
import type { Painter } from './painter.js';
import { isSoftwareGl } from './painter.js';
import { pointMaterial } from './pointMaterial.js';
import type { SceneTheme } from './sceneTheme.js';

function disposeObject(o: THREE.Points | THREE.LineSegments | null): void {
  if (!o) return;
  o.geometry.dispose();
  (o.material as THREE.Material).dispose();
}

export class GlPainter implements Painter {
  readonly kind = 'webgl';
  readonly canvas: HTMLCanvasElement;
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly axes: THREE.LineSegments;
  private base: THREE.Points | null = null;
  private marks: THREE.Points | null = null;
  private positions: Float32Array = new Float32Array(0);
  private n = 0;
  private theme: SceneTheme;

  constructor(theme: SceneTheme) {
    this.theme = theme;
    // Multisampling in a software rasteriser costs more than the whole cloud: there, none.
    this.renderer = new THREE.WebGLRenderer({ antialias: !isSoftwareGl(), preserveDrawingBuffer: true, alpha: false });
    this.renderer.setPixelRatio(window.devicePixelRatio || 1);
    this.canvas = this.renderer.domElement;
    const axisGeometry = new THREE.BufferGeometry();
    axisGeometry.setAttribute('position', new THREE.Float32BufferAttribute([-1.1, 0, 0, 1.1, 0, 0, 0, -1.1, 0, 0, 1.1, 0, 0, 0, -1.1, 0, 0, 1.1], 3));
    this.axes = new THREE.LineSegments(axisGeometry, new THREE.LineBasicMaterial({ color: theme.axis, transparent: true, opacity: 0.9 }));
    this.scene.add(this.axes);
    this.setTheme(theme);
  }

  resize(width: number, height: number): void {
    this.renderer.setSize(width, height);
  }

  /** The background and axes now; highlights take the theme's colours when next set. */
  setTheme(theme: SceneTheme): void {
    this.theme = theme;
    this.renderer.setClearColor(theme.background, 1);
    (this.axes.material as THREE.LineBasicMaterial).color.set(theme.axis);
  }

  setDims(dims: 2 | 3): void {
    const attr = this.axes.geometry.getAttribute('position') as THREE.BufferAttribute;
    attr.setZ(4, dims === 3 ? -1.1 : 0);
    attr.setZ(5, dims === 3 ? 1.1 : 0);
    attr.needsUpdate = true;
  }

  setPoints(positions: Float32Array, n: number, diameter: number): void {
    this.positions = positions;
    this.n = n;
    if (this.base) this.scene.remove(this.base);
    disposeObject(this.base);
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    g.setAttribute('pcolor', new THREE.BufferAttribute(new Float32Array(n * 3).fill(0.6), 3));
    g.setAttribute('psize', new THREE.BufferAttribute(new Float32Array(n).fill(diameter), 1));
    g.computeBoundingSphere();
    this.base = new THREE.Points(g, pointMaterial(0.9, false));
    this.base.frustumCulled = false;
    this.scene.add(this.base);
  }

  setColors(rgb: Float32Array): void {
    if (!this.base) return;
    const attr = this.base.geometry.getAttribute('pcolor') as THREE.BufferAttribute;
    (attr.array as Float32Array).set(rgb);
    attr.needsUpdate = true;
  }

  setOpacity(opacity: number): void {
    if (this.base) (this.base.material as THREE.ShaderMaterial).uniforms.uOpacity.value = opacity;
  }

  setHighlights(items: Highlight[]): void {
    if (this.marks) this.scene.remove(this.marks);
    disposeObject(this.marks);
    this.marks = null;
    if (!items.length || !this.n) return;
    const order = drawingOrder(items);
    const pos = new Float32Array(order.length * 3);
    const col = new Float32Array(order.length * 3);
    const size = new Float32Array(order.length);
    order.forEach((h, k) => {
      pos.set(this.positions.subarray(h.index * 3, h.index * 3 + 3), k * 3);
      col.set(this.theme.highlight[h.kind], k * 3);
      size[k] = markSize(h.kind, this.n);
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

  paint(camera: THREE.Camera): void {
    this.renderer.render(this.scene, camera);
  }

  dispose(): void {
    disposeObject(this.base);
    disposeObject(this.marks);
    disposeObject(this.axes);
    this.renderer.dispose();
    this.canvas.remove();
  }
}
