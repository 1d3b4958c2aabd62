/** The question stepper's state: the pasted or loaded list and its sections, the step, and a section's scores. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnalogyAnswer } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { rankOf } from './AnswerGrid.js';
import { parseQuestions, type Question } from './questions.js';

/** One question's outcome per run: the expected word's rank by each method (1 is right), or the missing words. */
export interface Outcome {
  add: number | null;
  mul: number | null;
  missing: string[];
}

/** Outcomes by question line, then by run id. */
export type Scores = Map<number, Map<number, Outcome>>;

export const SCORE_K = 10;

/** The list's text (typed, or a file's), parsed; the chosen section and its questions. */
export function useQuestionList(setError: (message: string | null) => void) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [section, setSection] = useState<string>('');
  const parsed = useMemo(() => parseQuestions(text, fileName?.replace(/\.[^.]*$/, '') || 'questions'), [text, fileName]);
  const current = section && parsed.sections.includes(section) ? section : (parsed.sections[0] ?? '');
  const list = useMemo(() => parsed.questions.filter((q) => q.section === current), [parsed, current]);

  const type = (value: string): void => {
    setText(value);
    setFileName(null);
  };
  const load = async (file: File): Promise<void> => {
    try {
      setText(await file.text());
      setFileName(file.name);
      setSection('');
      setError(null);
    } catch (e) {
      setError(`Could not read ${file.name}: ${messageOf(e)}`);
    }
  };
  return { text, type, load, fileName, parsed, current, setSection, list };
}

export type QuestionList = ReturnType<typeof useQuestionList>;

/** Asks every question of the section of the chosen runs, ten at a time on screen; Stop ends it between questions. */
export function useSectionScores(runIds: number[], list: Question[], text: string, setError: (message: string | null) => void) {
  const { client } = useLab();
  const [scores, setScores] = useState<Scores>(new Map());
  const [scoring, setScoring] = useState<{ done: number; total: number } | null>(null);
  const stop = useRef(false);
  // Old scores no longer apply to a new list or other runs.
  useEffect(() => {
    setScores(new Map());
  }, [text, runIds.join(',')]);
  useEffect(() => () => void (stop.current = true), []);

  const scoreAll = async (): Promise<void> => {
    if (runIds.length === 0 || list.length === 0) return;
    stop.current = false;
    setError(null);
    const out: Scores = new Map();
    setScoring({ done: 0, total: list.length });
    try {
      for (let i = 0; i < list.length && !stop.current; i++) {
        const q = list[i];
        const answers: AnalogyAnswer[] = await client.call('vectors.analogy', { runIds, a: q.a, b: q.b, c: q.c, k: SCORE_K });
        out.set(
          q.line,
          new Map(answers.map((a) => [a.runId, { add: rankOf(a.add, q.d), mul: rankOf(a.mul, q.d), missing: a.missing }])),
        );
        if (i % 10 === 9 || i === list.length - 1) {
          setScores(new Map(out));
          setScoring({ done: i + 1, total: list.length });
        }
      }
      setScores(new Map(out));
    } catch (e) {
      setError(`Scoring stopped: ${messageOf(e)}`);
    } finally {
      setScoring(null);
    }
  };
  const stopScoring = (): void => {
    stop.current = true;
  };
  return { scores, scoring, scoreAll, stopScoring };
}

export type SectionScores = ReturnType<typeof useSectionScores>;
