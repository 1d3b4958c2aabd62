/**
 * The round point sprite every point of the cloud is drawn with: a small shader, one colour and
 * size per vertex. The cloud's colours are shaded by the theme (--projector-point-shade), so the
 * light end of a colour ramp stays visible on the light theme's background; highlights keep theirs.
 */
import * as THREE from 'three';
import { onThemeChange, themeColor } from '../../theme/theme.js';

const VERTEX = /* glsl */ `
attribute vec3 pcolor;
attribute float psize;
uniform float uScale;
varying vec3 vColor;
void main() {
  vColor = pcolor;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  gl_PointSize = psize * uScale;
}`;

const FRAGMENT = /* glsl */ `
uniform float uOpacity;
uniform float uRing;
uniform float uShade;
varying vec3 vColor;
void main() {
  vec2 c = gl_PointCoord - vec2(0.5);
  float r = length(c);
  if (r > 0.5) discard;
  float edge = smoothstep(0.5, 0.36, r);
  vec3 color = vColor * uShade;
  if (uRing > 0.5 && r > 0.34) color = vec3(0.05, 0.07, 0.09);
  gl_FragColor = vec4(color, edge * uOpacity);
}`;

const cloudShade = (): number => Number(themeColor('--projector-point-shade', '1')) || 1;

/** The cloud's materials alive now: a theme change shades them again (the scene then renders). */
const clouds = new Set<THREE.ShaderMaterial>();
onThemeChange(() => {
  for (const m of clouds) m.uniforms.uShade.value = cloudShade();
});

/** A point material; `ring` draws a dark ring and marks a highlight, whose colour is never shaded. */
export function pointMaterial(opacity: number, ring: boolean): THREE.ShaderMaterial {
  const m = new THREE.ShaderMaterial({
    vertexShader: VERTEX,
    fragmentShader: FRAGMENT,
    uniforms: { uScale: { value: window.devicePixelRatio || 1 }, uOpacity: { value: opacity }, uRing: { value: ring ? 1 : 0 }, uShade: { value: ring ? 1 : cloudShade() } },
    transparent: true,
    depthWrite: false,
  });
  if (!ring) {
    clouds.add(m);
    m.addEventListener('dispose', () => clouds.delete(m));
  }
  return m;
}
