/**
 * The Projector (#/projector/<parameters>): a run's top N words projected by PCA,
 * UMAP, t-SNE or custom axes, drawn in 3D or 2D; hover, click for neighbours in
 * the original space, search, colour by frequency, cluster or word list, labels
 * for what matters, PNG and CSV out. The route holds the parameters, so a link
 * or a reload reproduces the view.
 */
import { useCallback, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { Projection } from '../../../../shared/contract.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { fmtInt } from '../../format.js';
import { href } from '../../route.js';
import { useRunList } from '../runs/useRuns.js';
import { Canvas3D } from './Canvas3D.js';
import { ColorPanel } from './ColorPanel.js';
import { JobProgress, ParamsPanel, SearchPanel, SelectionPanel } from './Panels.js';
import { ProjectorForm } from './ProjectorForm.js';
import { downloadText, downloadUrl, fileStem, projectionCsv } from './download.js';
import type { PointScene } from './scene.js';
import { METHOD_LABEL } from './spec.js';
import { useColoring, type Coloring } from './useColoring.js';
import { useProjectorRoute, type ProjectorRoute } from './useProjectorRoute.js';
import { searchHits, useHighlights, useWordSelection } from './useWordSelection.js';
import './projector.css';

type SceneRef = MutableRefObject<PointScene | null>;

export function ProjectorView({ param }: { param: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const { list } = useRunList(setError);
  // Finished runs, newest first.
  const runs = useMemo(() => (list ?? []).filter((r) => r.status === 'done' && r.dim != null).sort((a, b) => b.id - a.id), [list]);
  const route = useProjectorRoute(param, runs);
  return (
    <section className="page projector-page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">Projector</h1>
        <p className="muted">A run's most frequent words in 3D or 2D. Neighbours, search and clusters use the original vectors, not the picture.</p>
      </header>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      {list == null ? (
        <p className="muted loading">Loading runs…</p>
      ) : runs.length === 0 ? (
        <div className="card empty" data-testid="projector-empty">
          <p>No finished runs yet — there are no vectors to project.</p>
          <p className="muted">
            Train one in <a href={href('runs')}>Runs</a>, then come back.
          </p>
        </div>
      ) : (
        <>
          <ProjectorForm runs={runs} draft={route.draft} onChange={(patch) => route.setDraft((d) => ({ ...d, ...patch }))} onApply={() => route.apply(route.draft)} busy={false} error={route.formError} />
          {route.proj.error && <ErrorBanner message={route.proj.error} onDismiss={route.proj.dismissError} />}
          <ProjectorWorkspace route={route} />
        </>
      )}
    </section>
  );
}

/** The picture with its toolbar, and beside it the panels for the projection on screen. */
function ProjectorWorkspace({ route }: { route: ProjectorRoute }) {
  const p = route.proj.projection;
  const sceneRef = useRef<PointScene | null>(null);
  const sel = useWordSelection(p);
  const [query, setQuery] = useState('');
  const { hits, error: searchError } = useMemo(() => searchHits(p?.words, query), [p, query]);
  const coloring = useColoring(p, sel.wordIndex);
  const { highlights, labelItems } = useHighlights(p, sel, hits);
  const { setSelectedWord } = sel;
  const onSelectIndex = useCallback((i: number | null) => setSelectedWord(i == null || !p ? null : p.words[i]), [p, setSelectedWord]);
  const onScene = useCallback((s: PointScene | null) => {
    sceneRef.current = s;
  }, []);
  const dims = route.draft.dims;
  return (
    <div className="projector-grid">
      <div className="projector-main">
        <ProjectorToolbar route={route} sceneRef={sceneRef} selectedWord={sel.selectedWord} />
        <Canvas3D projection={p} colors={coloring.colors} highlights={highlights} labels={labelItems} dimmed={highlights.length > 0} onSelect={onSelectIndex} onScene={onScene}>
          <ProjectorOverlays route={route} />
        </Canvas3D>
        <p className="muted small projector-help">
          Drag to {dims === 3 ? 'orbit' : 'pan'}, scroll to zoom{dims === 3 ? ', right-drag to pan' : ''}; hover for the word, click to select. Keyboard: focus the view, then arrows pan, + / − zoom, 0 resets.
        </p>
      </div>
      {p && (
        <aside className="projector-side" aria-label="Selection, search, colour and parameters">
          <SelectionPanel projection={p} selection={sel} />
          <SearchPanel query={query} onQuery={setQuery} hits={hits} error={searchError} projection={p} onPick={setSelectedWord} />
          <ColorPanel coloring={coloring} counts={p.counts} />
          <ProjectionParams projection={p} route={route} sceneRef={sceneRef} labels={coloring.labels} />
        </aside>
      )}
    </div>
  );
}

/** Dimensions, reset and the status line above the picture. */
function ProjectorToolbar({ route, sceneRef, selectedWord }: { route: ProjectorRoute; sceneRef: SceneRef; selectedWord: string | null }) {
  const { draft, setDims, proj } = route;
  const p = proj.projection;
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
      <span className="muted small toolbar-status" data-testid="projector-status" aria-live="polite">
        {p
          ? `${METHOD_LABEL[p.spec.method]} · ${fmtInt(p.points)} points · ${p.dims}D${p.status === 'paused' ? ' · paused' : ''}${selectedWord ? ` · selected “${selectedWord}”` : ''}`
          : proj.busy
            ? 'Computing…'
            : ''}
      </span>
    </div>
  );
}

/** What lies over the picture: a hint before the first projection, the computation or its job, a note. */
function ProjectorOverlays({ route }: { route: ProjectorRoute }) {
  const { proj, draft } = route;
  const jobLabel = proj.job ? (proj.job.title.startsWith('Resume') ? 'Resuming t-SNE' : `${METHOD_LABEL[draft.method]}`) : '';
  const isTsneJob = proj.job?.title.includes('t-SNE') ?? false;
  return (
    <>
      {!proj.projection && !proj.busy && !proj.error && <div className="projector-overlay muted">Choose a run and a projection above.</div>}
      {proj.busy && !proj.job && <div className="projector-overlay"><span className="muted">Computing {METHOD_LABEL[draft.method]}…</span></div>}
      {proj.job && (
        <div className="projector-overlay projector-overlay-job">
          <JobProgress job={proj.job} label={jobLabel} onCancel={proj.cancel} cancelLabel={isTsneJob ? 'Pause' : 'Cancel'} />
        </div>
      )}
      {proj.note && <div className="projector-note small">{proj.note}</div>}
    </>
  );
}

/** The projection's parameters, with resume (a paused t-SNE) and the PNG and CSV exports. */
function ProjectionParams({ projection: p, route, sceneRef, labels }: { projection: Projection; route: ProjectorRoute; sceneRef: SceneRef; labels: Coloring['labels'] }) {
  const savePng = (): void => {
    if (sceneRef.current) downloadUrl(sceneRef.current.toPNG(), `${fileStem(p)}.png`);
  };
  const saveCsv = (): void => downloadText(projectionCsv(p, labels), `${fileStem(p)}.csv`);
  const resume = (): void => route.proj.start(p.spec as never, true);
  return <ParamsPanel projection={p} onResume={resume} onPng={savePng} onCsv={saveCsv} busy={route.proj.busy} />;
}
