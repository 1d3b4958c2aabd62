/**
 * A list of analogy questions the user pastes or loads from a file (Google's
 * format: `: section` lines and `a b c d` questions): pick a section, step
 * through it with Previous/Next (each step asks the chosen runs), or score the
 * whole section to see which runs get which question right.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnalogyAnswer, RunSummary } from '../../../../shared/contract.js';
import { useLab } from '../../lab.js';
import { messageOf } from '../../api/errors.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { fmtInt } from '../../format.js';
import { rankOf } from './AnswerGrid.js';
import { parseQuestions, type Question } from './questions.js';

interface Props {
  runIds: number[];
  runs: Map<number, RunSummary>;
  /** Asks a question (it becomes the query). */
  onPick: (q: Question) => void;
}

/** One question's outcome per run: the expected word's rank by each method (1 is right), or the missing words. */
interface Outcome {
  add: number | null;
  mul: number | null;
  missing: string[];
}

const SCORE_K = 10;
const EXAMPLE = `: capital-common-countries
athens greece berlin germany
athens greece paris france
: family
boy girl brother sister
man woman king queen`;

export function QuestionStepper({ runIds, runs, onPick }: Props) {
  const { client } = useLab();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [section, setSection] = useState<string>('');
  /** The question last asked, in the current section; null before the first. */
  const [index, setIndex] = useState<number | null>(null);
  const [scores, setScores] = useState<Map<number, Map<number, Outcome>>>(new Map());
  const [scoring, setScoring] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const parsed = useMemo(() => parseQuestions(text, fileName?.replace(/\.[^.]*$/, '') || 'questions'), [text, fileName]);
  const current = section && parsed.sections.includes(section) ? section : (parsed.sections[0] ?? '');
  const list = useMemo(() => parsed.questions.filter((q) => q.section === current), [parsed, current]);
  const at = index == null ? null : Math.min(index, Math.max(0, list.length - 1));

  // A new list or section starts from its first question; old scores no longer apply.
  useEffect(() => {
    setIndex(null);
  }, [current, text]);
  useEffect(() => {
    setScores(new Map());
  }, [text, runIds.join(',')]);
  useEffect(() => () => void (stop.current = true), []);

  const go = (i: number): void => {
    if (i < 0 || i >= list.length) return;
    setIndex(i);
    onPick(list[i]);
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

  const scoreAll = async (): Promise<void> => {
    if (runIds.length === 0 || list.length === 0) return;
    stop.current = false;
    setError(null);
    const out = new Map<number, Map<number, Outcome>>();
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

  const q = at == null ? null : list[at];
  return (
    <section className="card stepper" aria-labelledby="stepper-title" data-testid="stepper">
      <h3 id="stepper-title">Step through a list of questions</h3>
      <div className="stepper-input">
        <label className="field grow">
          <span>Questions, one per line: “a b c d”, with “: section” lines between sections</span>
          <textarea
            rows={4}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setFileName(null);
            }}
            placeholder={EXAMPLE}
            spellCheck={false}
            data-testid="questions-text"
          />
        </label>
        <div className="stepper-load">
          <input
            ref={fileInput}
            type="file"
            accept=".txt,text/plain"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void load(f);
              e.target.value = '';
            }}
          />
          <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
            Load a file…
          </button>
          <p className="muted small">For example Google's questions-words.txt or an MSR file.</p>
        </div>
      </div>
      {parsed.bad.length > 0 && (
        <p className="warn-text small" role="status">
          {parsed.bad.length === 1 ? 'One line was' : `${fmtInt(parsed.bad.length)} lines were`} skipped: not four words (line{' '}
          {parsed.bad
            .slice(0, 3)
            .map((b) => b.line)
            .join(', ')}
          {parsed.bad.length > 3 ? ', …' : ''}).
        </p>
      )}
      {error && (
        <p className="text-danger small" role="alert">
          {error}
        </p>
      )}
      {parsed.questions.length > 0 && (
        <>
          <div className="stepper-bar">
            <span className="muted small" data-testid="questions-count">
              {fmtInt(parsed.questions.length)} question{parsed.questions.length === 1 ? '' : 's'}
              {fileName && <> from {fileName}</>} in {parsed.sections.length} section{parsed.sections.length === 1 ? '' : 's'}
            </span>
            {parsed.sections.length > 1 && (
              <label className="field inline compact-field">
                <span>Section</span>
                <select aria-label="Section" value={current} onChange={(e) => setSection(e.target.value)}>
                  {parsed.sections.map((s) => (
                    <option key={s} value={s}>
                      {s} ({fmtInt(parsed.questions.filter((x) => x.section === s).length)})
                    </option>
                  ))}
                </select>
              </label>
            )}
            <div className="stepper-nav" role="group" aria-label="Step through the section">
              <button type="button" className="btn btn-small" onClick={() => at != null && go(at - 1)} disabled={at == null || at <= 0}>
                ← Previous
              </button>
              <span className="stepper-pos" aria-live="polite" data-testid="stepper-pos">
                {at == null ? '–' : fmtInt(at + 1)} / {fmtInt(list.length)}
              </span>
              <button type="button" className="btn btn-small" onClick={() => go(at == null ? 0 : at + 1)} disabled={at != null && at >= list.length - 1}>
                {at == null ? 'First question →' : 'Next →'}
              </button>
            </div>
            {scoring ? (
              <button type="button" className="btn btn-small" onClick={() => (stop.current = true)}>
                Stop scoring
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-small btn-primary"
                onClick={() => void scoreAll()}
                disabled={runIds.length === 0}
                title={runIds.length === 0 ? 'Choose a run first' : `Ask every question of this section (${fmtInt(list.length)})`}
              >
                Score the section
              </button>
            )}
          </div>
          {q && (
            <p className="stepper-question">
              <span className="muted small">Line {q.line}:</span> <strong>{q.a}</strong> : <strong>{q.b}</strong> :: <strong>{q.c}</strong> :{' '}
              <strong className="expected">{q.d}</strong>
            </p>
          )}
          {scoring && <ProgressBar fraction={scoring.total ? scoring.done / scoring.total : null} label="Scoring the section" />}
          {scores.size > 0 && <ScoreTable list={list} at={at} scores={scores} runIds={runIds} runs={runs} onGo={go} />}
        </>
      )}
    </section>
  );
}

function Mark({ rank, missing }: { rank: number | null; missing: boolean }) {
  if (missing) return <span className="mark mark-oov" title="A query word is not in this run's vocabulary">oov</span>;
  if (rank === 1) return <span className="mark mark-right" aria-label="right">✓</span>;
  return (
    <span className="mark mark-wrong" aria-label={rank ? `wrong, expected word at rank ${rank}` : 'wrong'}>
      ✗{rank ? <sub>{rank}</sub> : null}
    </span>
  );
}

function ScoreTable({ list, at, scores, runIds, runs, onGo }: { list: Question[]; at: number | null; scores: Map<number, Map<number, Outcome>>; runIds: number[]; runs: Map<number, RunSummary>; onGo: (i: number) => void }) {
  const scored = list.filter((q) => scores.has(q.line));
  const tally = (id: number, m: 'add' | 'mul'): string => {
    const asked = scored.filter((q) => !(scores.get(q.line)?.get(id)?.missing.length ?? 1));
    const right = asked.filter((q) => scores.get(q.line)?.get(id)?.[m] === 1).length;
    return asked.length ? `${right} / ${asked.length}` : '—';
  };
  return (
    <div className="score-block">
      <ul className="score-tally" aria-label="Questions right, of those in each run's vocabulary">
        {runIds.map((id) => (
          <li key={id}>
            <span className="score-tally-run">{runs.get(id)?.name ?? `Run #${id}`}</span>
            <span>
              3CosAdd <strong data-tally={`${id}-add`}>{tally(id, 'add')}</strong>
            </span>
            <span>
              3CosMul <strong data-tally={`${id}-mul`}>{tally(id, 'mul')}</strong>
            </span>
          </li>
        ))}
      </ul>
      <p className="muted small">
        ✓ right · ✗<sub>n</sub> the expected word came n-th · ✗ not in the top {SCORE_K} · oov: a query word is not in the run. Pick a question to see its answers.
      </p>
      <div className="table-wrap score-wrap">
      <table className="table score-table" data-testid="score-table">
        <thead>
          <tr>
            <th scope="col">Question</th>
            {runIds.map((id) => (
              <th key={id} scope="col" colSpan={2} className="score-run" title={runs.get(id)?.name}>
                {runs.get(id)?.name ?? `Run #${id}`}
              </th>
            ))}
          </tr>
          <tr className="score-sub">
            <th scope="col" />
            {runIds.map((id) => [
              <th key={`${id}-add`} scope="col" className="num">
                Add
              </th>,
              <th key={`${id}-mul`} scope="col" className="num">
                Mul
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {list.map((q, i) => {
            const row = scores.get(q.line);
            if (!row) return null;
            return (
              <tr key={q.line} className={i === at ? 'score-current' : undefined} onClick={() => onGo(i)}>
                <td>
                  <button type="button" className="link-button" onClick={() => onGo(i)}>
                    {q.a} : {q.b} :: {q.c} : <strong>{q.d}</strong>
                  </button>
                </td>
                {runIds.map((id) => {
                  const o = row.get(id);
                  const missing = !!o?.missing.length;
                  return [
                    <td key={`${id}-add`} className="num">
                      {o && <Mark rank={o.add} missing={missing} />}
                    </td>,
                    <td key={`${id}-mul`} className="num">
                      {o && <Mark rank={o.mul} missing={missing} />}
                    </td>,
                  ];
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
    </div>
  );
}
