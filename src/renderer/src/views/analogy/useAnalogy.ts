/** The analogy workbench's state: which runs are asked (kept across visits), and the question and its answers. */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AnalogyAnswer, RunSummary } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import type { Asked } from './AnswerGrid.js';
import type { Question } from './questions.js';

const KEY = 'embedlab.analogyRuns';

function storedSelection(): number[] | null {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as unknown;
    return Array.isArray(v) && v.every((x) => Number.isInteger(x)) ? (v as number[]) : null;
  } catch {
    return null;
  }
}

/** The runs asked: the user's choice, or until the user chooses, the two newest runs; removed runs drop out. */
export function useRunSelection(runs: RunSummary[] | null) {
  const byId = useMemo(() => new Map((runs ?? []).map((r) => [r.id, r])), [runs]);
  const [picked, setPicked] = useState<number[] | null>(storedSelection);
  const selected = useMemo(() => {
    if (!runs) return [];
    const mine = (picked ?? []).filter((id) => byId.has(id));
    return picked && (mine.length > 0 || picked.length === 0) ? mine : runs.slice(0, 2).map((r) => r.id);
  }, [runs, byId, picked]);
  const choose = (ids: number[]): void => {
    setPicked(ids);
    try {
      localStorage.setItem(KEY, JSON.stringify(ids));
    } catch {
      /* not kept */
    }
  };
  return { byId, selected, choose };
}

export type AnalogyForm = { a: string; b: string; c: string; d: string; k: string };

/** a : b :: c : ? asked of the selected runs; a later question's answer replaces an earlier one's. */
export function useAnalogyQuery(selected: number[], byId: Map<number, RunSummary>) {
  const { client } = useLab();
  const [form, setForm] = useState<AnalogyForm>({ a: 'man', b: 'king', c: 'woman', d: 'queen', k: '10' });
  const [result, setResult] = useState<{ asked: Asked; answers: AnalogyAnswer[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [queryError, setQueryError] = useState<string | null>(null);
  const seq = useRef(0);

  const k = Number(form.k);
  const kBad = !Number.isInteger(k) || k < 1 || k > 100;
  const empty = !form.a.trim() || !form.b.trim() || !form.c.trim();

  const ask = async (q: { a: string; b: string; c: string; d: string }): Promise<void> => {
    if (selected.length === 0 || kBad) return;
    const asked: Asked = { a: q.a.trim(), b: q.b.trim(), c: q.c.trim(), d: q.d.trim(), k };
    if (!asked.a || !asked.b || !asked.c) return;
    const mine = ++seq.current;
    setBusy(true);
    setQueryError(null);
    try {
      const answers = await client.call('vectors.analogy', { runIds: selected, a: asked.a, b: asked.b, c: asked.c, k });
      if (mine === seq.current) setResult({ asked, answers });
    } catch (e) {
      if (mine === seq.current) setQueryError(messageOf(e));
    } finally {
      if (mine === seq.current) setBusy(false);
    }
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void ask(form);
  };
  const pick = (q: Question): void => {
    setForm((f) => ({ ...f, a: q.a, b: q.b, c: q.c, d: q.d }));
    void ask(q);
  };

  // A run that disappears takes its answers with it.
  useEffect(() => {
    setResult((r) => (r && r.answers.some((a) => !byId.has(a.runId)) ? { ...r, answers: r.answers.filter((a) => byId.has(a.runId)) } : r));
  }, [byId]);

  return { form, setForm, result, busy, queryError, setQueryError, kBad, empty, submit, pick };
}

export type AnalogyQuery = ReturnType<typeof useAnalogyQuery>;
