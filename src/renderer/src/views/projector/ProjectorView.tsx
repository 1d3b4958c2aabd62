/**
 * The Projector (#/projector/<parameters>): a run's top N words projected by PCA,
 * UMAP, t-SNE or custom axes, drawn in 3D or 2D; hover, click for neighbours in
 * the original space, search, colour by frequency, cluster or word list, labels
 * for what matters, PNG and CSV out. The route holds the parameters, so a link
 * or a reload reproduces the view.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NeighborItem } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { fmtInt } from '../../format.js';
import { href, navigate } from '../../route.js';
import { useRunList } from '../runs/useRuns.js';
import { Canvas3D } from './Canvas3D.js';
import { ColorPanel, JobProgress, ParamsPanel, SearchPanel, SelectionPanel } from './Panels.js';
import { ProjectorForm } from './ProjectorForm.js';
import { pointColors, type ColorMode } from './colors.js';
import { downloadText, downloadUrl, fileStem, projectionCsv } from './download.js';
import type { Highlight, LabelItem, PointScene } from './scene.js';
import { DEFAULT_DRAFT, METHOD_LABEL, fromParam, splitWords, toInput, toParam, type Draft } from './spec.js';
import { useClustering, useProjection } from './useProjection.js';
import './projector.css';

const MAX_HIT_MARKS = 2000;
const MAX_HIT_LABELS = 30;

function searchHits(words: string[] | undefined, query: string): { hits: number[]; error: string | null } {
  const q = query.trim();
  if (!words || !q) return { hits: [], error: null };
  let test: (w: string) => boolean;
  const rx = /^\/(.+)\/([a-z]*)$/.exec(q);
  if (rx) {
    try {
      const re = new RegExp(rx[1], rx[2].includes('i') || rx[2] === '' ? 'iu' : 'u');
      test = (w) => re.test(w);
    } catch (e) {
      return { hits: [], error: `Not a valid regular expression: ${(e as Error).message}` };
    }
  } else {
    const low = q.toLowerCase();
    test = (w) => w.toLowerCase().includes(low);
  }
  const hits: number[] = [];
  for (let i = 0; i < words.length; i++) if (test(words[i])) hits.push(i);
  return { hits, error: null };
}

export function ProjectorView({ param }: { param: string | null }) {
  const { client } = useLab();
  const [error, setError] = useState<string | null>(null);
  const { list } = useRunList(setError);
  // Finished runs, newest first.
  const runs = useMemo(() => (list ?? []).filter((r) => r.status === 'done' && r.dim != null).sort((a, b) => b.id - a.id), [list]);
  const applied = useMemo(() => fromParam(param), [param]);
  const [draft, setDraft] = useState<Draft>(() => applied ?? DEFAULT_DRAFT);
  const [formError, setFormError] = useState<string | null>(null);
  const proj = useProjection();
  const clus = useClustering();
  const sceneRef = useRef<PointScene | null>(null);
  const p = proj.projection;

  // No parameters yet: PCA of the newest finished run.
  useEffect(() => {
    if (applied || runs.length === 0) return;
    const r = toInput({ ...DEFAULT_DRAFT, runId: runs[0].id });
    if ('input' in r) navigate('projector', toParam(r.input));
  }, [applied, runs]);

  // New parameters in the route: show them in the form and project.
  const { start } = proj;
  useEffect(() => {
    if (!applied) return;
    setDraft(applied);
    const r = toInput(applied);
    if ('input' in r) {
      setFormError(null);
      start(r.input);
    } else setFormError(r.error);
  }, [param, applied, start]);

  const apply = useCallback(
    (d: Draft) => {
      const r = toInput(d);
      if ('error' in r) {
        setFormError(r.error);
        return;
      }
      if (!(d.top >= 10 && d.top <= 100_000)) {
        setFormError('Top N must be between 10 and 100,000.');
        return;
      }
      setFormError(null);
      const next = toParam(r.input);
      if (next === param) start(r.input);
      else navigate('projector', next);
    },
    [param, start],
  );

  const setDims = (dims: 2 | 3): void => {
    const d = { ...draft, dims };
    setDraft(d);
    apply(d);
  };

  // Selection, neighbours (original space), search.
  const wordIndex = useMemo(() => new Map((p?.words ?? []).map((w, i) => [w, i])), [p]);
  const [k, setK] = useState(10);
  const [neighbors, setNeighbors] = useState<NeighborItem[] | null>(null);
  const [neighborsError, setNeighborsError] = useState<string | null>(null);
  const runId = p?.spec.runId ?? null;
  // A selection belongs to its run: another run has other words.
  const [selection, setSelection] = useState<{ runId: number; word: string } | null>(null);
  const selectedWord = selection && selection.runId === runId ? selection.word : null;
  const setSelectedWord = useCallback((word: string | null) => setSelection(word != null && runId != null ? { runId, word } : null), [runId]);
  useEffect(() => {
    setNeighbors(null);
    setNeighborsError(null);
    if (!selectedWord || runId == null) return;
    let live = true;
    client.call('vectors.neighbors', { runId, word: selectedWord, k }).then(
      (r) => live && setNeighbors(r.neighbors),
      (e) => live && setNeighborsError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [client, selectedWord, runId, k]);
  const selected = selectedWord != null ? (wordIndex.get(selectedWord) ?? null) : null;

  const [query, setQuery] = useState('');
  const { hits, error: searchError } = useMemo(() => searchHits(p?.words, query), [p, query]);

  // Colour.
  const [mode, setMode] = useState<ColorMode>('frequency');
  const [clusterK, setClusterK] = useState(10);
  const [listText, setListText] = useState('');
  const clustering = clus.clustering;
  const labels = clustering && p && clustering.spec.runId === p.spec.runId && clustering.labels.length === p.points ? clustering.labels : null;
  const listWords = useMemo(() => splitWords(listText), [listText]);
  const inList = useMemo(() => {
    if (!p) return null;
    const mark = new Uint8Array(p.points);
    const lower = new Map<string, number>();
    p.words.forEach((w, i) => lower.has(w.toLowerCase()) || lower.set(w.toLowerCase(), i));
    for (const w of listWords) {
      const i = wordIndex.get(w) ?? lower.get(w.toLowerCase());
      if (i !== undefined) mark[i] = 1;
    }
    return mark;
  }, [p, listWords, wordIndex]);
  const listMatched = useMemo(() => (inList ? inList.reduce((s, v) => s + v, 0) : 0), [inList]);
  const colors = useMemo(() => (p ? pointColors(mode, p.counts, labels, inList) : null), [p, mode, labels, inList]);
  const computeClusters = (): void => {
    if (!p) return;
    clus.start({ runId: p.spec.runId, top: p.spec.top, k: clusterK, seed: p.spec.seed });
  };

  // Highlights and labels: the selected word, its neighbours, then search hits (most frequent first).
  const { highlights, labelItems } = useMemo(() => {
    const h: Highlight[] = [];
    const l: LabelItem[] = [];
    if (!p) return { highlights: h, labelItems: l };
    const taken = new Set<number>();
    if (selected != null) {
      h.push({ index: selected, kind: 'selected' });
      l.push({ index: selected, text: p.words[selected], kind: 'selected' });
      taken.add(selected);
    }
    for (const n of neighbors ?? []) {
      const i = wordIndex.get(n.word);
      if (i === undefined || taken.has(i)) continue;
      taken.add(i);
      h.push({ index: i, kind: 'neighbor' });
      l.push({ index: i, text: n.word, kind: 'neighbor' });
    }
    hits.slice(0, MAX_HIT_MARKS).forEach((i, rank) => {
      if (taken.has(i)) return;
      h.push({ index: i, kind: 'hit' });
      if (rank < MAX_HIT_LABELS) l.push({ index: i, text: p.words[i], kind: 'hit' });
    });
    return { highlights: h, labelItems: l };
  }, [p, selected, neighbors, wordIndex, hits]);

  const onSelectIndex = useCallback((i: number | null) => setSelectedWord(i == null || !p ? null : p.words[i]), [p, setSelectedWord]);
  const onScene = useCallback((s: PointScene | null) => {
    sceneRef.current = s;
  }, []);

  const savePng = (): void => {
    if (!sceneRef.current || !p) return;
    downloadUrl(sceneRef.current.toPNG(), `${fileStem(p)}.png`);
  };
  const saveCsv = (): void => {
    if (p) downloadText(projectionCsv(p, labels), `${fileStem(p)}.csv`);
  };
  const resume = (): void => {
    if (!p) return;
    proj.start(p.spec as never, true);
  };

  const jobLabel = proj.job ? (proj.job.title.startsWith('Resume') ? 'Resuming t-SNE' : `${METHOD_LABEL[draft.method]}`) : '';
  const isTsneJob = proj.job?.title.includes('t-SNE') ?? false;

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
          <ProjectorForm runs={runs} draft={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} onApply={() => apply(draft)} busy={false} error={formError} />
          {proj.error && <ErrorBanner message={proj.error} onDismiss={proj.dismissError} />}
          <div className="projector-grid">
            <div className="projector-main">
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
              <Canvas3D projection={p} colors={colors} highlights={highlights} labels={labelItems} dimmed={highlights.length > 0} onSelect={onSelectIndex} onScene={onScene}>
                {!p && !proj.busy && !proj.error && <div className="projector-overlay muted">Choose a run and a projection above.</div>}
                {proj.busy && !proj.job && <div className="projector-overlay"><span className="muted">Computing {METHOD_LABEL[draft.method]}…</span></div>}
                {proj.job && (
                  <div className="projector-overlay projector-overlay-job">
                    <JobProgress job={proj.job} label={jobLabel} onCancel={proj.cancel} cancelLabel={isTsneJob ? 'Pause' : 'Cancel'} />
                  </div>
                )}
                {proj.note && <div className="projector-note small">{proj.note}</div>}
              </Canvas3D>
              <p className="muted small projector-help">
                Drag to {draft.dims === 3 ? 'orbit' : 'pan'}, scroll to zoom{draft.dims === 3 ? ', right-drag to pan' : ''}; hover for the word, click to select. Keyboard: focus the view, then arrows pan, + / − zoom, 0 resets.
              </p>
            </div>
            {p && (
              <aside className="projector-side" aria-label="Selection, search, colour and parameters">
                <SelectionPanel
                  projection={p}
                  selected={selected}
                  selectedWord={selectedWord}
                  neighbors={neighbors}
                  neighborsError={neighborsError}
                  k={k}
                  onK={setK}
                  wordIndex={wordIndex}
                  onSelectWord={setSelectedWord}
                />
                <SearchPanel query={query} onQuery={setQuery} hits={hits} error={searchError} projection={p} onPick={setSelectedWord} />
                <ColorPanel
                  mode={mode}
                  onMode={setMode}
                  k={clusterK}
                  onK={setClusterK}
                  onCluster={computeClusters}
                  clustering={labels ? clustering : null}
                  clusterJob={clus.job}
                  clusterBusy={clus.busy}
                  clusterError={clus.error}
                  onCancelCluster={clus.cancel}
                  listText={listText}
                  onListText={setListText}
                  listMatched={listMatched}
                  listWords={listWords.length}
                  counts={p.counts}
                />
                <ParamsPanel projection={p} onResume={resume} onPng={savePng} onCsv={saveCsv} busy={proj.busy} />
              </aside>
            )}
          </div>
        </>
      )}
    </section>
  );
}
