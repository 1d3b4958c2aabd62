/**
 * The Experiments view (#/experiments, #/experiments/<id>): grids of corpora × methods × parameter
 * values whose cells are ordinary runs, trained, evaluated and tabled together. The index lists
 * the experiments and holds the new-experiment form with its live dry run; an experiment's page
 * follows it and shows its table, plots, best configurations and the pair explainer.
 */
import { useState } from 'react';
import type { ExperimentSummary } from '../../../../shared/contract.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { ListCard } from '../../components/ListCard.js';
import { fmtDate } from '../../format.js';
import { href } from '../../route.js';
import { StatusBadge } from '../runs/StatusBadge.js';
import { useMethods } from '../runs/useRuns.js';
import { ExperimentPage } from './ExperimentPage.js';
import { NewExperiment } from './NewExperiment.js';
import { useExperimentList } from './useExperiments.js';
import './experiments.css';

export function ExperimentsView({ param }: { param: string | null }) {
  const id = param && /^\d+$/.test(param) ? Number(param) : null;
  if (id) return <ExperimentPage key={id} id={id} />;
  return <ExperimentIndex />;
}

const NONE = (
  <div className="empty" data-testid="experiments-empty">
    <p>No experiments yet — choose corpora, methods and the values to try below.</p>
    <p className="muted">Every cell of the grid is an ordinary run, trained, evaluated and linked to its experiment.</p>
  </div>
);

function ExperimentIndex() {
  const { list, error } = useExperimentList();
  const [dismissed, setDismissed] = useState<string | null>(null);
  return (
    <section className="page xp-page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">Experiments</h1>
        <p className="muted">
          A grid of corpora × methods × the values of each parameter, as the papers' tables are made (Levy, Goldberg &amp; Dagan 2015;
          Karkada et al.). Runs that share a co-occurrence count or an SVD share the work.
        </p>
      </header>
      {error && error !== dismissed && <ErrorBanner message={`Could not load the experiments: ${error}`} onDismiss={() => setDismissed(error)} />}
      <ListCard titleId="experiments-title" title="Experiments" list={list} loading="Loading experiments…" empty={NONE}>
        {(all) => <ExperimentTable list={all} />}
      </ListCard>
      <NewExperiment />
    </section>
  );
}

function ExperimentTable({ list }: { list: ExperimentSummary[] }) {
  const { methods } = useMethods();
  const label = (id: string): string => methods?.find((m) => m.id === id)?.label ?? id;
  return (
    <div className="table-wrap">
      <table className="table xp-list" data-testid="experiment-list">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Cells done</th>
            <th scope="col">Methods</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {list.map((e) => (
            <tr key={e.id} data-experiment={e.id}>
              <td className="xp-list-name"><a href={href('experiments', e.id)} title={e.name}>{e.name}</a></td>
              <td><StatusBadge status={e.status} /></td>
              <td className="num nowrap" data-column="cells">
                {e.cellsDone} / {e.cells}
                {e.cellsFailed > 0 && <span className="text-danger small"> · {e.cellsFailed} failed</span>}
              </td>
              <td className="muted">{e.spec.methods.map(label).join(', ')}</td>
              <td className="nowrap">{fmtDate(e.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
