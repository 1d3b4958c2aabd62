/**
 * What draws the picture: WebGL (glPainter.ts) where the GPU draws, or a 2D canvas
 * the CPU fills (canvasPainter.ts) where WebGL is a software rasteriser
 * (SwiftShader, llvmpipe: Chromium without a GPU, virtual machines, remote
 * desktops) or missing. A software rasteriser sets up every point sprite as a
 * primitive of its own, so 50,000 of them take 50–100 ms a frame on two cores;
 * stamped by the CPU they take a few milliseconds. Both draw the same cloud,
 * axes and highlights; the scene (scene.ts) keeps the camera, picking and labels.
 */
import type * as THREE from 'three';
import type { Highlight } from './marks.js';
import type { SceneTheme } from './sceneTheme.js';

export interface Painter {
  /** The one canvas of the picture (class projector-canvas): pointer events and the PNG come from it. */
  readonly canvas: HTMLCanvasElement;
  readonly kind: 'webgl' | 'canvas';
  /** CSS pixels and the device pixel ratio. */
  resize(width: number, height: number, ratio: number): void;
  setTheme(theme: SceneTheme): void;
  /** The z axis is drawn in 3D only. */
  setDims(dims: 2 | 3): void;
  /** Positions in the unit cube (xyz per point), n of them; their diameter in CSS pixels. */
  setPoints(positions: Float32Array, n: number, diameter: number): void;
  /** RGB per point in 0..1. */
  setColors(rgb: Float32Array): void;
  setOpacity(opacity: number): void;
  setHighlights(items: Highlight[]): void;
  /** Draws a frame through the camera (its world matrices updated) and its view-projection matrix. */
  paint(camera: THREE.Camera, viewProjection: THREE.Matrix4): void;
  dispose(): void;
}

const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render/i;
/** localStorage key: 'canvas' or 'webgl' overrides the choice (to compare the two). */
export const PAINTER_OVERRIDE_KEY = 'embedlab.projector.painter';

let probed: { gl: boolean; renderer: string } | undefined;

/** Whether WebGL works here, and the name of its renderer (asked once per page). */
export function glRenderer(): { gl: boolean; renderer: string } {
  if (probed) return probed;
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return (probed = { gl: false, renderer: '' });
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return (probed = { gl: true, renderer });
}

export function isSoftwareGl(): boolean {
  return SOFTWARE_GL.test(glRenderer().renderer);
}

/** 'canvas' on software or missing WebGL, unless overridden; 'webgl' otherwise. */
export function painterKind(): 'webgl' | 'canvas' {
  let override: string | null = null;
  try {
    override = localStorage.getItem(PAINTER_OVERRIDE_KEY);
  } catch {
    // Storage refused: the automatic choice stands.
  }
  if (override === 'canvas' || !glRenderer().gl) return 'canvas';
  return override === 'webgl' || !isSoftwareGl() ? 'webgl' : 'canvas';
}
