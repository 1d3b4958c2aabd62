/** Above the picture: 2D or 3D, reset, spin, isolate (and back to all points), and the status line. */
import { useMemo, type MutableRefObject } from 'react';
import { fmtInt } from '../../format.js';
import type { PointScene } from './scene.js';
import { METHOD_LABEL } from './spec.js';
import type { ProjectorRoute } from './useProjectorRoute.js';

export interface IsolateChoice {
  words: string[];
  /** What the words are, for the button's tooltip. */
  what: string;
}

interface Props {
  route: ProjectorRoute;
  sceneRef: MutableRefObject<PointScene | null>;
  selectedWord: string | null;
  spinning: boolean;
  onSpin: (on: boolean) => void;
  isolate: IsolateChoice | null;
}

export function ProjectorToolbar({ route, sceneRef, selectedWord, spinning, onSpin, isolate }: Props) {
  const { draft, setDims, proj } = route;
  const p = proj.projection;
  const isolated = p?.spec.words != null;
  return (
    <div className="projector-toolbar">
      <div className="segmented" role="radiogroup" aria-label="Dimensions">
        {([3, 2] as const).map((d) => (
          <label key={d} className={draft.dims === d ? 'seg-on' : ''}>
            <input type="radio" name="dims" value={d} checked={draft.dims === d} onChange={() => setDims(d)} />
            {d}D
          </label>
        ))}
      </div>
      <button type="button" className="btn btn-small btn-quiet" onClick={() => sceneRef.current?.resetView()} disabled={!p}>
        Reset view
      </button>
      {draft.dims === 3 && (
        <button type="button" className="btn btn-small btn-quiet" aria-pressed={spinning} onClick={() => onSpin(!spinning)} disabled={!p} title="Turn the view slowly about its centre">
          {spinning ? 'Stop spinning' : 'Spin'}
        </button>
      )}
      <IsolateButtons route={route} isolate={isolate} isolated={isolated} />
      <span className="muted small toolbar-status" data-testid="projector-status" aria-live="polite">
        {p
          ? `${METHOD_LABEL[p.spec.method]} · ${fmtInt(p.points)} points · ${p.dims}D${isolated ? ' · isolated' : ''}${p.status === 'paused' ? ' · paused' : ''}${selectedWord ? ` · selected “${selectedWord}”` : ''}`
          : proj.busy
            ? 'Computing…'
            : ''}
      </span>
    </div>
  );
}

/** Isolate: project only the selection and its neighbours (or the search's matches) again; Show all points undoes it. */
function IsolateButtons({ route, isolate, isolated }: { route: ProjectorRoute; isolate: IsolateChoice | null; isolated: boolean }) {
  const count = isolate ? new Set(isolate.words).size : 0;
  const enough = count > route.draft.dims;
  const shown = route.proj.projection?.words;
  // Isolating what is already isolated would change nothing.
  const already = useMemo(() => {
    if (!isolated || !isolate || shown == null || shown.length !== count) return false;
    const onScreen = new Set(shown);
    return isolate.words.every((w) => onScreen.has(w));
  }, [isolated, isolate, shown, count]);
  return (
    <>
      {isolate && !already && (
        <button
          type="button"
          className="btn btn-small"
          data-testid="isolate"
          onClick={() => route.isolate(isolate.words)}
          disabled={!enough || route.proj.busy}
          title={enough ? `Project ${isolate.what} alone, by ${METHOD_LABEL[route.draft.method]}` : `Too few points to project in ${route.draft.dims}D`}
        >
          Isolate {fmtInt(count)} points
        </button>
      )}
      {isolated && (
        <button type="button" className="btn btn-small" data-testid="show-all" onClick={() => route.isolate(null)} disabled={route.proj.busy}>
          Show all points
        </button>
      )}
    </>
  );
}
