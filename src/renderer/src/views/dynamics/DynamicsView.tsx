/**
 * The Dynamics view (#/dynamics, #/dynamics/<run id>): word2vec's quartic approximation
 * trained from a tiny start learns M*'s eigenvectors one at a time (Karkada et al.).
 * Train a run and follow it live, reopen earlier runs of the corpus, or look at the
 * spectrum the run will learn without training.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { resultOf } from '../../../../shared/jobResult.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import type { FieldValue } from '../../components/OptionField.js';
import { defaultValues, type OptionFormValues } from '../../components/OptionFields.js';
import { useOptionForm } from '../../components/useOptionForm.js';
import { fmtInt } from '../../format.js';
import { href, navigate } from '../../route.js';
import { useCorpusList } from '../corpora/useCorpora.js';
import { useMethods, useRunList } from '../runs/useRuns.js';
import { DynamicsForm } from './DynamicsForm.js';
import { DynamicsRuns } from './DynamicsRuns.js';
import { RunResult } from './RunResult.js';
import { SpectrumTab } from './SpectrumTab.js';
import { useBackends, useDynamicsJob } from './useDynamics.js';
import './dynamics.css';

type Tab = 'train' | 'spectrum';

const intOf = (v: FieldValue | undefined): number | undefined => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : undefined);

export function DynamicsView({ param }: { param: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const { list: corpora } = useCorpusList(setError);
  const { list: runs } = useRunList(setError);
  const { methods, error: methodsError } = useMethods();
  const { backends, error: backendsError } = useBackends();
  const method = methods?.find((m) => m.id === 'dynamics') ?? null;
  const selectedRun = param ? Number(param) || null : null;
  const [tab, setTab] = useState<Tab>('train');

  const dynamicsRuns = useMemo(() => runs?.filter((r) => r.method === 'dynamics') ?? null, [runs]);
  const runIds = useMemo(() => new Set(dynamicsRuns?.map((r) => r.id)), [dynamicsRuns]);
  const job = useDynamicsJob(useCallback((id: number) => runIds.has(id), [runIds]));

  // The corpus: the opened run's, else the one picked, else the newest.
  const [picked, setPicked] = useState<number | null>(null);
  const openedRun = dynamicsRuns?.find((r) => r.id === selectedRun) ?? null;
  useEffect(() => {
    if (openedRun?.corpusId != null) setPicked(openedRun.corpusId);
  }, [openedRun?.corpusId]);
  const corpusId = corpora?.some((c) => c.id === picked) ? picked : corpora?.length ? corpora[corpora.length - 1].id : null;
  const corpus = corpora?.find((c) => c.id === corpusId) ?? null;
  const corpusRuns = useMemo(() => dynamicsRuns?.filter((r) => r.corpusId === corpusId) ?? null, [dynamicsRuns, corpusId]);

  const pickCorpus = (id: number): void => {
    setPicked(id);
    if (openedRun && openedRun.corpusId !== id) navigate('dynamics');
  };

  const [edits, setEdits] = useState<OptionFormValues>({});
  const form = useOptionForm();
  const values = method ? { ...defaultValues(method.options), ...edits } : {};
  const setValue = (key: string, v: FieldValue): void => {
    setEdits((e) => ({ ...e, [key]: v }));
    form.touched(key);
  };

  // A run started here opens when it is done.
  const opened = useRef(new Set<number>());
  useEffect(() => {
    const j = job.job;
    if (!j || !job.startedHere || j.status !== 'done' || opened.current.has(j.id)) return;
    opened.current.add(j.id);
    const runId = resultOf(j, 'train')?.runId ?? j.subject?.runId;
    if (runId != null) navigate('dynamics', runId);
  }, [job.job, job.startedHere]);

  const cancel = (): void => {
    void job.cancel().then((message) => message && setError(`Could not cancel: ${message}`));
  };

  return (
    <section className="page dyn-page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">Learning dynamics</h1>
        <p className="muted">
          Karkada et al. (2025): trained full-batch from a tiny start, word2vec's quartic approximation (QWEM) learns the eigenvectors of M* one at a time,
          in order of their eigenvalues, each rising on a sigmoid the theory predicts. Train a run and compare the rises with the theory, or look at the
          spectrum first.
        </p>
      </header>
      {error && <ErrorBanner message={error} onDismiss={() => setError(null)} />}
      {methodsError && <ErrorBanner message={`Could not load the methods: ${methodsError}`} />}

      <section className="card dyn-top" aria-label="Corpus">
        {corpora && corpora.length === 0 ? (
          <div className="empty" data-testid="dyn-no-corpus">
            <p>There is no corpus yet.</p>
            <p className="muted">
              Add one in <a href={href('corpora')}>Corpora</a>, or generate one in <a href={href('randwalk')}>RAND-WALK</a>.
            </p>
          </div>
        ) : (
          <div className="dyn-top-row">
            <label className="field grow">
              <span>Corpus</span>
              <select value={corpusId ?? ''} onChange={(e) => pickCorpus(Number(e.target.value))} disabled={!corpora} aria-label="Corpus">
                {corpora?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} — {fmtInt(c.tokens)} tokens, {fmtInt(c.typesAtMinCount)} types with count ≥ {c.minCount}
                  </option>
                ))}
              </select>
            </label>
            <div className="dyn-tabs" role="tablist" aria-label="Dynamics">
              <button type="button" role="tab" id="tab-train" aria-selected={tab === 'train'} aria-controls="panel-train" className={`dyn-tab ${tab === 'train' ? 'dyn-tab-on' : ''}`} onClick={() => setTab('train')}>
                Training
              </button>
              <button type="button" role="tab" id="tab-spectrum" aria-selected={tab === 'spectrum'} aria-controls="panel-spectrum" className={`dyn-tab ${tab === 'spectrum' ? 'dyn-tab-on' : ''}`} onClick={() => setTab('spectrum')}>
                Spectrum
              </button>
            </div>
          </div>
        )}
      </section>

      {tab === 'spectrum' && corpusId != null && (
        <div role="tabpanel" id="panel-spectrum" aria-labelledby="tab-spectrum">
          <SpectrumTab
            key={`${corpusId}:${values.vocab}:${values.minCount}:${values.window}`} corpusId={corpusId}
            vocab={intOf(values.vocab) ?? 2000} dim={intOf(values.dim) ?? 20} minCount={intOf(values.minCount)} window={intOf(values.window)}
          />
        </div>
      )}

      {tab === 'train' && (
        <div role="tabpanel" id="panel-train" aria-labelledby="tab-train" className="dyn-panel">
          {method ? (
            <DynamicsForm
              corpusId={corpusId} method={method} values={values} onChange={setValue} form={form} backends={backends} backendsError={backendsError}
              job={job.job} samples={job.samples} cancelling={job.cancelling} onStarted={job.track} onCancel={cancel} onDismiss={job.dismiss}
            />
          ) : (
            !methodsError && <p className="muted loading">Loading the dynamics options…</p>
          )}
          {corpus && <DynamicsRuns runs={corpusRuns} selectedId={selectedRun} />}
          {selectedRun != null && <RunResult key={selectedRun} runId={selectedRun} />}
        </div>
      )}
    </section>
  );
}
