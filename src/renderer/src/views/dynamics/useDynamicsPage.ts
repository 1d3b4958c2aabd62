/** The Dynamics view's state: the corpus shown, the options as edited, and opening a run started here once it is done. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CorpusSummary, JobState, MethodInfo, RunSummary } from '../../../../shared/contract.js';
import { resultOf } from '../../../../shared/jobResult.js';
import type { FieldValue } from '../../components/OptionField.js';
import { defaultValues, type OptionFormValues } from '../../components/OptionFields.js';
import { useOptionForm } from '../../components/useOptionForm.js';
import { navigate } from '../../route.js';

/** The corpus: the opened run's, else the one picked, else the newest; and its dynamics runs. */
export function useDynamicsCorpus(corpora: CorpusSummary[] | null, dynamicsRuns: RunSummary[] | null, selectedRun: number | null) {
  const [picked, setPicked] = useState<number | null>(null);
  const openedRun = dynamicsRuns?.find((r) => r.id === selectedRun) ?? null;
  useEffect(() => {
    if (openedRun?.corpusId != null) setPicked(openedRun.corpusId);
  }, [openedRun?.corpusId]);
  const corpusId = corpora?.some((c) => c.id === picked) ? picked : corpora?.length ? corpora[corpora.length - 1].id : null;
  const corpus = corpora?.find((c) => c.id === corpusId) ?? null;
  const corpusRuns = useMemo(() => dynamicsRuns?.filter((r) => r.corpusId === corpusId) ?? null, [dynamicsRuns, corpusId]);

  /** Another corpus closes a run of a different one. */
  const pickCorpus = (id: number): void => {
    setPicked(id);
    if (openedRun && openedRun.corpusId !== id) navigate('dynamics');
  };
  return { corpusId, corpus, corpusRuns, pickCorpus };
}

/** The dynamics method's options: its defaults with the user's edits over them. */
export function useDynamicsOptions(method: MethodInfo | null) {
  const [edits, setEdits] = useState<OptionFormValues>({});
  const form = useOptionForm();
  const values = method ? { ...defaultValues(method.options), ...edits } : {};
  const setValue = (key: string, v: FieldValue): void => {
    setEdits((e) => ({ ...e, [key]: v }));
    form.touched(key);
  };
  return { form, values, setValue };
}

/** A run started here opens when it is done (once). */
export function useOpenWhenDone(job: JobState | null, startedHere: boolean): void {
  const opened = useRef(new Set<number>());
  useEffect(() => {
    if (!job || !startedHere || job.status !== 'done' || opened.current.has(job.id)) return;
    opened.current.add(job.id);
    const runId = resultOf(job, 'train')?.runId ?? job.subject?.runId;
    if (runId != null) navigate('dynamics', runId);
  }, [job, startedHere]);
}
