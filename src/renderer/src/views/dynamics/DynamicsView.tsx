/**
 * The Dynamics view (#/dynamics, #/dynamics/<run id>): word2vec's quartic approximation
 * trained from a tiny start learns M*'s eigenvectors one at a time (Karkada et al.).
 * Train a run and follow it live, reopen earlier runs of the corpus, or look at the
 * spectrum the run will learn without training.
 */
import { useCallback, useMemo, useState } from 'react';
import type { CorpusSummary } from '../../../../shared/contract.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import type { FieldValue } from '../../components/OptionField.js';
import { fmtInt } from '../../format.js';
import { href } from '../../route.js';
import { useCorpusList } from '../corpora/useCorpora.js';
import { useMethods, useRunList } from '../runs/useRuns.js';
import { DynamicsForm } from './DynamicsForm.js';
import { DynamicsRuns } from './DynamicsRuns.js';
import { RunResult } from './RunResult.js';
import { SpectrumTab } from './SpectrumTab.js';
import { useBackends, useDynamicsJob } from './useDynamics.js';
import { useDynamicsCorpus, useDynamicsOptions, useOpenWhenDone } from './useDynamicsPage.js';
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
  const { corpusId, corpus, corpusRuns, pickCorpus } = useDynamicsCorpus(corpora, dynamicsRuns, selectedRun);
  const { form, values, setValue } = useDynamicsOptions(method);
  useOpenWhenDone(job.job, job.startedHere);

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

      <CorpusBar corpora={corpora} corpusId={corpusId} onPick={pickCorpus} tab={tab} onTab={setTab} />

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

const TABS: { id: Tab; label: string }[] = [
  { id: 'train', label: 'Training' },
  { id: 'spectrum', label: 'Spectrum' },
];

/** The corpus to work on and the Training and Spectrum tabs (or, with no corpus yet, where to get one). */
function CorpusBar({ corpora, corpusId, onPick, tab, onTab }: { corpora: CorpusSummary[] | null; corpusId: number | null; onPick: (id: number) => void; tab: Tab; onTab: (t: Tab) => void }) {
  return (
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
            <select value={corpusId ?? ''} onChange={(e) => onPick(Number(e.target.value))} disabled={!corpora} aria-label="Corpus">
              {corpora?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} — {fmtInt(c.tokens)} tokens, {fmtInt(c.typesAtMinCount)} types with count ≥ {c.minCount}
                </option>
              ))}
            </select>
          </label>
          <div className="dyn-tabs" role="tablist" aria-label="Dynamics">
            {TABS.map((t) => (
              <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} className={`dyn-tab ${tab === t.id ? 'dyn-tab-on' : ''}`} onClick={() => onTab(t.id)}>
                {t.label}
              </button>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
