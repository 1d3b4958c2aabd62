/**
 * The Projector (#/projector/<parameters>): a run's top N words projected by PCA,
 * UMAP, t-SNE or custom axes, drawn in 3D or 2D; hover, click for neighbours in
 * the original space, search, colour by frequency, cluster, planted relation,
 * metadata.tsv column or word list, labels for what matters, isolate a subset,
 * PNG and CSV out. The route holds the parameters, so a link
 * or a reload reproduces the view.
 */
import { useCallback, useMemo, useRef, useState, type MutableRefObject } from 'react';
import type { Projection, RunSummary } from '../../../../shared/contract.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { fmtInt } from '../../format.js';
import { href } from '../../route.js';
import { useRunList } from '../runs/useRuns.js';
import { Canvas3D } from './Canvas3D.js';
import { ColorPanel } from './ColorPanel.js';
import { JobProgress, ParamsPanel, SearchPanel, SelectionPanel } from './Panels.js';
import { ProjectorToolbar, type IsolateChoice } from './ProjectorToolbar.js';
import { axisNames } from './axisNames.js';
import { ProjectorForm } from './ProjectorForm.js';
import { downloadText, downloadUrl, fileStem, projectionCsv } from './download.js';
import type { PointScene } from './scene.js';
import { METHOD_LABEL } from './spec.js';
import { useColoring } from './useColoring.js';
import { useProjectorRoute, type ProjectorRoute } from './useProjectorRoute.js';
import { searchHits, useHighlights, useWordSelection, type WordSelection } from './useWordSelection.js';
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
          <ProjectorForm runs={runs} draft={route.draft} onChange={route.change} onApply={() => route.apply(route.draft)} busy={false} error={route.formError} />
          {route.proj.error && <ErrorBanner message={route.proj.error} onDismiss={route.proj.dismissError} />}
          <ProjectorWorkspace route={route} runs={runs} />
        </>
      )}
    </section>
  );
}

/** The picture with its toolbar, and beside it the panels for the projection on screen. */
function ProjectorWorkspace({ route, runs }: { route: ProjectorRoute; runs: RunSummary[] }) {
  const p = route.proj.projection;
  const sceneRef = useRef<PointScene | null>(null);
  const sel = useWordSelection(p);
  const [query, setQuery] = useState('');
  const [spinning, setSpinning] = useState(false);
  const { hits, error: searchError } = useMemo(() => searchHits(p?.words, query), [p, query]);
  const corpusId = runs.find((r) => r.id === p?.spec.runId)?.corpusId ?? null;
  const coloring = useColoring(p, sel.wordIndex, corpusId);
  const { highlights, labelItems } = useHighlights(p, sel, hits);
  const axisLabels = useMemo(() => (p ? axisNames(p) : []), [p]);
  const isolate = useIsolateChoice(p, sel, hits);
  const { setSelectedWord } = sel;
  const onSelectIndex = useCallback((i: number | null) => setSelectedWord(i == null || !p ? null : p.words[i]), [p, setSelectedWord]);
  const onScene = useCallback((s: PointScene | null) => {
    sceneRef.current = s;
  }, []);
  const dims = route.draft.dims;
  return (
    <div className="projector-grid">
      <div className="projector-main">
        <ProjectorToolbar route={route} sceneRef={sceneRef} selectedWord={sel.selectedWord} spinning={spinning} onSpin={setSpinning} isolate={isolate} />
        <Canvas3D
          projection={p} colors={coloring.colors} highlights={highlights} labels={labelItems} axisLabels={axisLabels}
          spinning={spinning && dims === 3} dimmed={highlights.length > 0} onSelect={onSelectIndex} onScene={onScene}
        >
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
          <ColorPanel coloring={coloring} />
          <ProjectionParams projection={p} route={route} sceneRef={sceneRef} labels={coloring.labels} />
        </aside>
      )}
    </div>
  );
}

/** What Isolate would project: the selected word and its neighbours, else the search's matches. */
function useIsolateChoice(p: Projection | null, sel: WordSelection, hits: number[]): IsolateChoice | null {
  const { selectedWord, neighbors } = sel;
  return useMemo(() => {
    if (!p) return null;
    if (selectedWord) {
      const words = [selectedWord, ...(neighbors ?? []).map((n) => n.word)];
      return { words, what: `“${selectedWord}” and its ${words.length - 1} nearest neighbours` };
    }
    if (hits.length) return { words: hits.map((i) => p.words[i]), what: `the ${fmtInt(hits.length)} words the search found` };
    return null;
  }, [p, selectedWord, neighbors, hits]);
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
function ProjectionParams({ projection: p, route, sceneRef, labels }: { projection: Projection; route: ProjectorRoute; sceneRef: SceneRef; labels: number[] | null }) {
  const savePng = (): void => {
    if (sceneRef.current) downloadUrl(sceneRef.current.toPNG(), `${fileStem(p)}.png`);
  };
  const saveCsv = (): void => downloadText(projectionCsv(p, labels), `${fileStem(p)}.csv`);
  const resume = (): void => route.proj.start(p.spec as never, true);
  return <ParamsPanel projection={p} onResume={resume} onPng={savePng} onCsv={saveCsv} busy={route.proj.busy} />;
}
