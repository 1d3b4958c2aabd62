/**
 * A grid's dry run (experiment.plan) in words: how many runs, per method; the work they share
 * (co-occurrence counts, SPPMI matrices, SVDs), each group with the runs that use it; and the
 * time with the sharing against the same runs one by one. The form shows it as the user types,
 * and Extend shows what its new values add.
 */
import type { ExperimentPlan, MethodInfo } from '../../../../shared/contract.js';
import { fmtInt, fmtSeconds } from '../../format.js';

const plural = (n: number, one: string, many: string): string => `${fmtInt(n)} ${n === 1 ? one : many}`;

const BASIS = { history: 'from earlier runs on these corpora', rate: 'from rough rates per token', mixed: 'from earlier runs and rough rates' } as const;

interface Props {
  plan: ExperimentPlan;
  methods: MethodInfo[] | null;
  /** "runs" for a new grid; "new runs" for an extension. */
  noun?: string;
  testId?: string;
}

export function PlanSummary({ plan, methods, noun = 'runs', testId = 'plan' }: Props) {
  const label = (id: string): string => methods?.find((m) => m.id === id)?.label ?? id;
  const { counts, ppmi, svds } = plan.sharing;
  const cached = counts.filter((c) => c.cached).length;
  const saved = plan.estimate.oneByOneSeconds - plan.estimate.seconds;
  return (
    <div className="xp-plan" data-testid={testId} aria-live="polite">
      <dl className="xp-plan-figures">
        <div>
          <dt>{noun}</dt>
          <dd data-plan="runs">{fmtInt(plan.count)}</dd>
          <dd className="muted small" data-plan="by-method">
            {Object.entries(plan.byMethod).map(([m, n]) => `${fmtInt(n)} ${label(m)}`).join(' + ')}
          </dd>
        </div>
        <div>
          <dt>shared work</dt>
          <dd>
            <span data-plan="counts">{plural(counts.length, 'co-occurrence count', 'co-occurrence counts')}</span>
            {cached > 0 && <span className="muted"> ({fmtInt(cached)} cached)</span>}
          </dd>
          <dd className="muted small">
            <span data-plan="ppmi">{plural(ppmi.length, 'SPPMI matrix', 'SPPMI matrices')}</span> · <span data-plan="svds">{plural(svds.length, 'SVD', 'SVDs')}</span>
          </dd>
        </div>
        <div>
          <dt>time, estimated</dt>
          <dd data-plan="estimate">{fmtSeconds(plan.estimate.seconds)}</dd>
          <dd className="muted small" data-plan="one-by-one">
            one by one: {fmtSeconds(plan.estimate.oneByOneSeconds)}
            {saved > 0.5 && plan.estimate.seconds > 0 && ` (${(plan.estimate.oneByOneSeconds / plan.estimate.seconds).toFixed(1)}× longer)`}
          </dd>
        </div>
      </dl>
      <p className="muted small xp-plan-basis">
        Estimated {BASIS[plan.estimate.basis]}
        {plan.estimate.evalSeconds > 0 && `; evaluation ${fmtSeconds(plan.estimate.evalSeconds)} of it`}.
        {plan.eval.analogy.length + plan.eval.similarity.length === 0 && ' No evaluation set is chosen: the table will have no scores.'}
      </p>
      {counts.length + svds.length > 0 && (
        <details className="xp-plan-groups">
          <summary>What is shared</summary>
          <ul>
            {counts.map((g, i) => <li key={`c${i}`}>Counts {g.label}{g.cached ? ' (cached)' : ''}: {plural(g.cells.length, 'run', 'runs')}</li>)}
            {ppmi.map((g, i) => <li key={`p${i}`}>SPPMI {g.label}: {plural(g.cells.length, 'run', 'runs')}</li>)}
            {svds.map((g, i) => <li key={`s${i}`}>SVD {g.label}: {plural(g.cells.length, 'run', 'runs')}</li>)}
          </ul>
        </details>
      )}
    </div>
  );
}
