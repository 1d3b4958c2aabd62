/** The WebGL view: the scene, hover (a tooltip with the word), click to select, keyboard zoom and reset. */
import { useEffect, useRef, useState, type Dispatch, type MutableRefObject, type ReactNode, type RefObject, type SetStateAction } from 'react';
import type { Projection } from '../../../../shared/contract.js';
import { fmtInt } from '../../format.js';
import { useTheme } from '../../theme/theme.js';
import { PointScene, type Highlight, type LabelItem } from './scene.js';

interface Props {
  projection: Projection | null;
  colors: Float32Array | null;
  highlights: Highlight[];
  labels: LabelItem[];
  /** The axes' names, x first; empty where the axes mean nothing (UMAP, t-SNE). */
  axisLabels: string[];
  /** Turn the camera on every frame (3D). */
  spinning: boolean;
  dimmed: boolean;
  onSelect: (index: number | null) => void;
  onScene: (scene: PointScene | null) => void;
  children?: ReactNode;
}

type Hover = { index: number; x: number; y: number } | null;

export function Canvas3D({ projection, colors, highlights, labels, axisLabels, spinning, dimmed, onSelect, onScene, children }: Props) {
  const hostRef = useRef<HTMLDivElement>(null);
  const labelRef = useRef<HTMLDivElement>(null);
  const { sceneRef, hover, setHover, webglError } = usePointScene(hostRef, labelRef, onSelect, onScene);

  useEffect(() => {
    const scene = sceneRef.current;
    if (!scene || !projection) return;
    if (scene.dims !== projection.dims) scene.setDims(projection.dims);
    scene.setPoints(projection.coords, projection.dims, projection.points);
    setHover(null);
  }, [projection, sceneRef, setHover]);
  useSceneMarks(sceneRef, projection, colors, highlights, labels, dimmed);
  useEffect(() => {
    sceneRef.current?.setAxisLabels(axisLabels);
  }, [sceneRef, axisLabels, projection]);
  useEffect(() => {
    sceneRef.current?.setSpinning(spinning);
  }, [sceneRef, spinning, projection]);

  const onKey = (e: React.KeyboardEvent): void => {
    const scene = sceneRef.current;
    if (!scene || e.target !== hostRef.current) return;
    if (e.key === '+' || e.key === '=') scene.zoom(1.25);
    else if (e.key === '-' || e.key === '_') scene.zoom(0.8);
    else if (e.key === '0' || e.key === 'r') scene.resetView();
    else if (e.key === 'Escape') onSelect(null);
    else return;
    e.preventDefault();
  };

  const hovered = hover && projection && hover.index < projection.points ? hover : null;
  return (
    <div
      ref={hostRef}
      className="projector-host"
      tabIndex={0}
      role="application"
      aria-label="Projection view. Drag to orbit (3D) or pan (2D), scroll to zoom; arrow keys pan, + and − zoom, 0 resets the view, Escape clears the selection."
      onKeyDown={onKey}
      data-testid="projector-canvas"
    >
      <div ref={labelRef} className="label-layer" aria-hidden="true" />
      {hovered && (
        <div className="hover-tip" style={{ transform: `translate(${Math.round(hovered.x + 12)}px, ${Math.round(hovered.y - 30)}px)` }} data-testid="hover-tip">
          <strong data-testid="hover-word">{projection!.words[hovered.index]}</strong>
          <span className="muted"> #{fmtInt((projection!.vocabIndex?.[hovered.index] ?? hovered.index) + 1)} · {fmtInt(projection!.counts[hovered.index])}×</span>
        </div>
      )}
      {webglError && <div className="projector-overlay"><p className="text-danger">{webglError}</p></div>}
      {children}
    </div>
  );
}

/** The WebGL scene, made once on mount: the word under the pointer, and a click (not a drag) selects. */
function usePointScene(hostRef: RefObject<HTMLDivElement | null>, labelRef: RefObject<HTMLDivElement | null>, onSelect: Props['onSelect'], onScene: Props['onScene']) {
  const sceneRef = useRef<PointScene | null>(null);
  const [hover, setHover] = useState<Hover>(null);
  const [webglError, setWebglError] = useState<string | null>(null);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  useEffect(() => {
    let scene: PointScene;
    try {
      scene = new PointScene(hostRef.current!, labelRef.current!);
    } catch (e) {
      setWebglError(`This view needs WebGL, which is not available here (${(e as Error).message}).`);
      return;
    }
    sceneRef.current = scene;
    scene.listenToKeys(hostRef.current!);
    onScene(scene);
    const stopListening = listenToPointer(scene, setHover, (index) => selectRef.current(index));
    return () => {
      stopListening();
      onScene(null);
      scene.dispose();
      sceneRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return { sceneRef, hover, setHover, webglError };
}

/** Hover and click on the scene's canvas; answers the function that stops listening. */
function listenToPointer(scene: PointScene, setHover: Dispatch<SetStateAction<Hover>>, select: (index: number | null) => void): () => void {
  const canvas = scene.canvas;
  let down: { x: number; y: number } | null = null;
  const move = (e: PointerEvent): void => {
    if (e.buttons) {
      setHover(null);
      return;
    }
    performance.mark('projector-pick-start');
    const hit = scene.pickAt(e.clientX, e.clientY);
    performance.measure('projector-pick', 'projector-pick-start');
    setHover((h) => (hit ? (h && h.index === hit.index ? h : { index: hit.index, x: hit.x, y: hit.y }) : null));
  };
  const leave = (): void => setHover(null);
  const pointerDown = (e: PointerEvent): void => {
    down = { x: e.clientX, y: e.clientY };
  };
  const pointerUp = (e: PointerEvent): void => {
    if (!down || Math.hypot(e.clientX - down.x, e.clientY - down.y) > 4 || e.button !== 0) return;
    down = null;
    const hit = scene.pickAt(e.clientX, e.clientY);
    select(hit ? hit.index : null);
  };
  // Orbiting moves every point: the hovered one is no longer under the pointer.
  scene.onRender = () => setHover(null);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerleave', leave);
  canvas.addEventListener('pointerdown', pointerDown);
  canvas.addEventListener('pointerup', pointerUp);
  return () => {
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerleave', leave);
    canvas.removeEventListener('pointerdown', pointerDown);
    canvas.removeEventListener('pointerup', pointerUp);
  };
}

/** Colours, highlights, labels and dimming follow their props (and a new projection's points). */
function useSceneMarks(sceneRef: MutableRefObject<PointScene | null>, projection: Projection | null, colors: Float32Array | null, highlights: Highlight[], labels: LabelItem[], dimmed: boolean): void {
  const theme = useTheme();
  useEffect(() => {
    sceneRef.current?.applyTheme();
  }, [sceneRef, theme]);
  useEffect(() => {
    if (colors && projection) sceneRef.current?.setColors(colors);
  }, [sceneRef, colors, projection]);
  useEffect(() => {
    sceneRef.current?.setHighlights(highlights);
  }, [sceneRef, highlights, projection, theme]);
  useEffect(() => {
    sceneRef.current?.setLabels(labels);
  }, [sceneRef, labels, projection]);
  useEffect(() => {
    sceneRef.current?.setDimmed(dimmed);
  }, [sceneRef, dimmed, projection]);
}
