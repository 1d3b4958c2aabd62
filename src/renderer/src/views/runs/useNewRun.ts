/** The new-run form's state: the corpus (the newest by default), the method offered here, its values (kept per method) and Start. */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { CorpusSummary, JobState, MethodInfo, RunSummary } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import type { FieldValue } from '../../components/OptionField.js';
import { defaultValues, type OptionFormValues } from '../../components/OptionFields.js';
import { useOptionForm } from '../../components/useOptionForm.js';
import { useBackends } from '../dynamics/useDynamics.js';

/** Methods for GPUs are offered where one answers (the CLI takes them anywhere); the rest are held back. */
function useOfferedMethods(methods: MethodInfo[] | null) {
  const { backends } = useBackends();
  const gpu = backends?.find((b) => b.available && b.gpu) ?? null;
  const offered = useMemo(() => methods?.filter((m) => !m.offeredWithGpu || gpu) ?? null, [methods, gpu]);
  const held = methods?.filter((m) => m.offeredWithGpu && !gpu) ?? [];
  return { offered, held, backendsKnown: backends != null };
}

/** A stored run to fill the form from ("New run like this"); a new `seq` fills it again. */
export interface LikeRun {
  run: RunSummary;
  seq: number;
}

/** A stored parameter as the form holds it (numbers as typed text). */
const asField = (v: unknown): FieldValue => (typeof v === 'boolean' ? v : String(v));

export function useNewRun(corpora: CorpusSummary[] | null, methods: MethodInfo[] | null, onStarted: (job: JobState) => void, like: LikeRun | null = null) {
  const { client } = useLab();
  const [corpusId, setCorpusId] = useState<number | null>(null);
  const [methodId, setMethodId] = useState<string | null>(null);
  /** Edits per method, so switching methods and back keeps them. */
  const [edits, setEdits] = useState<Record<string, OptionFormValues>>({});
  const [name, setName] = useState('');
  const form = useOptionForm();

  // Default to the newest corpus, and follow removals.
  useEffect(() => {
    if (!corpora) return;
    if (corpusId == null || !corpora.some((c) => c.id === corpusId)) setCorpusId(corpora.length ? corpora[corpora.length - 1].id : null);
  }, [corpora, corpusId]);

  const { offered, held, backendsKnown } = useOfferedMethods(methods);
  const filled = useFillFrom(like, corpora, methods, offered, { setCorpusId, setMethodId, setEdits, setName, clearErrors: form.clearErrors });
  const method = useMemo(() => offered?.find((m) => m.id === methodId) ?? offered?.[0] ?? null, [offered, methodId]);
  const values = method ? { ...defaultValues(method.options), ...edits[method.id] } : {};
  const corpus = corpora?.find((c) => c.id === corpusId) ?? null;

  const setValue = (key: string, v: FieldValue): void => {
    if (!method) return;
    setEdits((e) => ({ ...e, [method.id]: { ...e[method.id], [key]: v } }));
    form.touched(key);
  };

  const chooseMethod = (id: string): void => {
    setMethodId(id);
    form.clearErrors();
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!method || corpusId == null) return;
    await form.submit([...method.options], values, async (params) => {
      const job = await client.call('run.start', { corpusId, method: method.id, params, ...(name.trim() ? { name: name.trim() } : {}) });
      setName('');
      filled.clear();
      onStarted(job);
    }, method.label);
  };

  return { form, corpusId, setCorpusId, corpus, name, setName, offered, held, backendsKnown, method, chooseMethod, values, setValue, submit, filled };
}

export type NewRunState = ReturnType<typeof useNewRun>;

interface FormSetters {
  setCorpusId: (id: number) => void;
  setMethodId: (id: string) => void;
  setEdits: (f: (e: Record<string, OptionFormValues>) => Record<string, OptionFormValues>) => void;
  setName: (name: string) => void;
  clearErrors: () => void;
}

/**
 * "New run like this": once corpora and methods are known, the form takes the run's corpus,
 * method and parameters (each option the method declares); what could not be taken over (a
 * removed corpus, a method not offered here) is said in `notes`.
 */
function useFillFrom(like: LikeRun | null, corpora: CorpusSummary[] | null, methods: MethodInfo[] | null, offered: MethodInfo[] | null, set: FormSetters) {
  const [from, setFrom] = useState<{ run: RunSummary; notes: string[] } | null>(null);
  const applied = useRef(0);
  useEffect(() => {
    if (!like || like.seq === applied.current || !corpora || !methods || !offered) return;
    applied.current = like.seq;
    const { run } = like;
    const notes: string[] = [];
    if (run.corpusId != null && corpora.some((c) => c.id === run.corpusId)) set.setCorpusId(run.corpusId);
    else notes.push('Its corpus is no longer in the lab: choose one above.');
    const method = methods.find((m) => m.id === run.method);
    if (method && offered.includes(method)) {
      set.setMethodId(method.id);
      const values = Object.fromEntries(method.options.filter((o) => o.key in run.params).map((o) => [o.key, asField(run.params[o.key])]));
      set.setEdits((e) => ({ ...e, [method.id]: values }));
    } else {
      notes.push(method ? `${method.label} is offered where a GPU answers, and none does here; the command line runs it (train --method ${method.id}).` : `Its method (${run.method}) is not one this lab trains.`);
    }
    set.setName('');
    set.clearErrors();
    setFrom({ run, notes });
  }, [like, corpora, methods, offered, set]);
  return { from, clear: () => setFrom(null) };
}
