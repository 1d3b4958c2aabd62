/**
 * The new-experiment form's state: the corpora, methods, parameter texts and evaluation chosen;
 * the problems found in them (beside each field); the dry run (experiment.plan), asked again
 * 400 ms after the last change whenever the form is whole, a late answer never replacing a newer
 * one; and Start (experiment.start, then the experiment's page).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ExperimentPlan, MethodInfo } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { fieldOf, messageOf } from '../../api/errors.js';
import { navigate } from '../../route.js';
import { useCorpusList } from '../corpora/useCorpora.js';
import { useMethods } from '../runs/useRuns.js';
import { allFields, carryTexts, gridLayout, planInput, type GridForm } from './gridForm.js';

const PLAN_DELAY_MS = 400;

export interface EngineVerdict {
  message: string;
  /** The field the engine names (grid.dim, methodGrid.sgns.epochs, eval.0), if it names one. */
  field: string | null;
}

function usePlan(input: ReturnType<typeof planInput>['input']) {
  const { client } = useLab();
  const [plan, setPlan] = useState<ExperimentPlan | null>(null);
  const [verdict, setVerdict] = useState<EngineVerdict | null>(null);
  const [planning, setPlanning] = useState(false);
  const seq = useRef(0);
  const key = input ? JSON.stringify(input) : '';
  useEffect(() => {
    const mine = ++seq.current;
    if (!key) {
      setPlan(null);
      setVerdict(null);
      setPlanning(false);
      return;
    }
    setPlanning(true);
    const timer = setTimeout(() => {
      client.call('experiment.plan', JSON.parse(key)).then(
        (p) => mine === seq.current && (setPlan(p), setVerdict(null)),
        (e) => mine === seq.current && (setPlan(null), setVerdict({ message: messageOf(e), field: fieldOf(e) })),
      ).finally(() => mine === seq.current && setPlanning(false));
    }, PLAN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, key]);
  return { plan: key ? plan : null, verdict: key ? verdict : null, planning };
}

/** The name the engine gives an experiment left unnamed ("ppmi-svd + sgns on Topics"), shown as the field's placeholder. */
function defaultName(corpora: string[], methods: string[]): string {
  if (corpora.length === 0 || methods.length === 0) return 'methods on corpora';
  return `${methods.join(' + ')} on ${corpora.length > 2 ? `${corpora.length} corpora` : corpora.join(' and ')}`;
}

const flip = <T,>(list: T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

export function useNewExperiment(onError: (message: string) => void) {
  const { client } = useLab();
  const { list: corpora } = useCorpusList(onError);
  const { methods: all, error: methodsError } = useMethods();
  const offered = useMemo(() => all?.filter((m) => !m.offeredWithGpu) ?? null, [all]);
  const [corpusIds, setCorpusIds] = useState<number[]>([]);
  const [methodIds, setMethodIds] = useState<string[]>([]);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [evalSets, setEvalSets] = useState<string[]>(['google', 'ws353']);
  const [evalFiles, setEvalFiles] = useState('');
  const [restrict, setRestrict] = useState('30000');
  const [analogyMethods, setAnalogyMethods] = useState<('add' | 'mul')[]>(['add']);
  const [name, setName] = useState('');
  const [starting, setStarting] = useState(false);
  const [startVerdict, setStartVerdict] = useState<EngineVerdict | null>(null);

  const methodsOf = (ids: string[]): MethodInfo[] => (offered ?? []).filter((m) => ids.includes(m.id));
  const chosen = useMemo(() => (offered ?? []).filter((m) => methodIds.includes(m.id)), [offered, methodIds]);
  const layout = useMemo(() => gridLayout(chosen), [chosen]);
  const form: GridForm = { corpora: corpusIds, methods: chosen, layout, texts, eval: evalSets, evalFiles, restrict, analogyMethods };
  const checked = planInput(form);
  const { plan, verdict, planning } = usePlan(checked.input);
  // A refusal of Start is about the grid it was given: a change of the grid clears it.
  const inputKey = checked.input ? JSON.stringify(checked.input) : '';
  useEffect(() => setStartVerdict(null), [inputKey]);

  const toggleMethod = (id: string): void => {
    const next = flip(methodIds, id);
    setTexts((t) => carryTexts(allFields(gridLayout(methodsOf(next))), t, allFields(layout)));
    setMethodIds(next);
    setStartVerdict(null);
  };

  const start = async (): Promise<void> => {
    if (!checked.input) return;
    setStarting(true);
    setStartVerdict(null);
    try {
      const out = await client.call('experiment.start', { ...checked.input, ...(name.trim() ? { name: name.trim() } : {}) });
      navigate('experiments', out.experiment.id);
    } catch (e) {
      setStartVerdict({ message: messageOf(e), field: fieldOf(e) });
      setStarting(false);
    }
  };

  return {
    corpora, offered, methodsError, corpusIds, toggleCorpus: (id: number) => setCorpusIds((c) => flip(c, id)),
    methodIds, toggleMethod, layout, texts, setText: (field: string, text: string) => setTexts((t) => ({ ...t, [field]: text })),
    evalSets, toggleEval: (set: string) => setEvalSets((s) => flip(s, set)), evalFiles, setEvalFiles,
    restrict, setRestrict, analogyMethods, toggleScoring: (m: 'add' | 'mul') => setAnalogyMethods((s) => flip(s, m)),
    name, setName, defaultName: defaultName(corpora?.filter((c) => corpusIds.includes(c.id)).map((c) => c.name) ?? [], methodIds), checked, plan, verdict: startVerdict ?? verdict, planning, starting, start,
  };
}

export type NewExperimentState = ReturnType<typeof useNewExperiment>;
