/** The new-run form's state: the corpus (the newest by default), the method offered here, its values (kept per method) and Start. */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { CorpusSummary, JobState, MethodInfo } from '../../../../shared/contract.js';
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

export function useNewRun(corpora: CorpusSummary[] | null, methods: MethodInfo[] | null, onStarted: (job: JobState) => void) {
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
      onStarted(job);
    }, method.label);
  };

  return { form, corpusId, setCorpusId, corpus, name, setName, offered, held, backendsKnown, method, chooseMethod, values, setValue, submit };
}

export type NewRunState = ReturnType<typeof useNewRun>;
