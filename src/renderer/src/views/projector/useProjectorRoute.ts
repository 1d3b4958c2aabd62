/**
 * The Projector's parameters and the route: the form's draft, what Project applies
 * (a new route, or the same route projected again), and the projection that follows.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RunSummary } from '../../../../shared/contract.js';
import { navigate } from '../../route.js';
import { DEFAULT_DRAFT, fromParam, toInput, toParam, type Draft } from './spec.js';
import { draftProblems } from './projectorFields.js';
import { useProjection } from './useProjection.js';

export function useProjectorRoute(param: string | null, runs: RunSummary[]) {
  const applied = useMemo(() => fromParam(param), [param]);
  const [draft, setDraft] = useState<Draft>(() => applied ?? DEFAULT_DRAFT);
  const [formError, setFormError] = useState<string | null>(null);
  const proj = useProjection();

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
      // The same sentence the field shows beside itself (an empty field would otherwise reach the engine as NaN).
      const problems = draftProblems(d);
      if (problems.length) {
        setFormError(problems[0][1]);
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

  /** Projects only these words (null: all the top N again), by the method the form has chosen. */
  const isolate = (words: string[] | null): void => {
    const d = { ...draft, words };
    setDraft(d);
    apply(d);
  };

  /** A change in the form; another run has other words, so an isolated set does not carry over. */
  const change = useCallback((patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch, ...(patch.runId !== undefined && patch.runId !== d.runId ? { words: null } : {}) }));
  }, []);

  return { draft, setDraft, change, formError, apply, setDims, isolate, proj };
}

export type ProjectorRoute = ReturnType<typeof useProjectorRoute>;
