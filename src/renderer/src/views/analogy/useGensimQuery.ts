/** The gensim query card's state: the query kind, its words, and each selected run's answer. */
import { useState, type FormEvent } from 'react';
import type { CallInput, VectorQueryAnswer } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';

export type GensimKind = 'most_similar' | 'most_similar_cosmul' | 'doesnt_match' | 'similarity' | 'n_similarity';

export interface GensimForm {
  kind: GensimKind;
  /** most_similar: positive and negative words; doesnt_match: the words; similarity: two words; n_similarity: the two lists. */
  first: string;
  second: string;
  topn: string;
}

/** Words typed with commas or spaces between them. */
export const wordList = (text: string): string[] => text.split(/[\s,]+/).map((w) => w.trim()).filter(Boolean);

const py = (words: string[]): string => `[${words.map((w) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;

/** The same question as gensim users type it, for people who know gensim. */
export function gensimCall(f: GensimForm): string {
  const [a, b] = [wordList(f.first), wordList(f.second)];
  switch (f.kind) {
    case 'most_similar':
    case 'most_similar_cosmul':
      return `kv.${f.kind}(positive=${py(a)}, negative=${py(b)}, topn=${Number(f.topn) || 10})`;
    case 'doesnt_match':
      return `kv.doesnt_match(${py(a)})`;
    case 'similarity':
      return `kv.similarity(${py(a.slice(0, 1)).slice(1, -1) || "''"}, ${py(a.slice(1, 2)).slice(1, -1) || "''"})`;
    case 'n_similarity':
      return `kv.n_similarity(${py(a)}, ${py(b)})`;
  }
}

function inputOf(f: GensimForm, runId: number): CallInput<'vectors.query'> {
  const [a, b] = [wordList(f.first), wordList(f.second)];
  const topn = Number(f.topn) || 10;
  switch (f.kind) {
    case 'most_similar':
    case 'most_similar_cosmul':
      return { query: 'most_similar', runId, positive: a, negative: b, topn, method: f.kind === 'most_similar' ? '3cosadd' : '3cosmul' };
    case 'doesnt_match':
      return { query: 'doesnt_match', runId, words: a };
    case 'similarity':
      return { query: 'similarity', runId, a: a[0] ?? '', b: a[1] ?? '' };
    case 'n_similarity':
      return { query: 'n_similarity', runId, ws1: a, ws2: b };
  }
}

export type RunAnswer = { runId: number; answer?: VectorQueryAnswer; error?: string };

export function useGensimQuery(selected: number[]) {
  const { client } = useLab();
  const [form, setForm] = useState<GensimForm>({ kind: 'most_similar', first: '', second: '', topn: '10' });
  const [answers, setAnswers] = useState<RunAnswer[] | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    try {
      // Each run answers on its own: a word missing from one run is that run's error, not the others'.
      setAnswers(await Promise.all(selected.map(async (runId) => {
        try {
          return { runId, answer: await client.call('vectors.query', inputOf(form, runId)) };
        } catch (err) {
          return { runId, error: messageOf(err) };
        }
      })));
    } finally {
      setBusy(false);
    }
  };
  return { form, setForm, answers, busy, submit };
}
