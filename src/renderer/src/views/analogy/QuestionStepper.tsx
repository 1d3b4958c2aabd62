/**
 * A list of analogy questions the user pastes or loads from a file (Google's
 * format: `: section` lines and `a b c d` questions): pick a section, step
 * through it with Previous/Next (each step asks the chosen runs), or score the
 * whole section to see which runs get which question right.
 */
import { useEffect, useRef, useState } from 'react';
import type { RunSummary } from '../../../../shared/contract.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { fmtInt } from '../../format.js';
import type { Question } from './questions.js';
import { SCORE_K, useQuestionList, useSectionScores, type QuestionList, type Scores, type SectionScores } from './useQuestionStepper.js';

interface Props {
  runIds: number[];
  runs: Map<number, RunSummary>;
  /** Asks a question (it becomes the query). */
  onPick: (q: Question) => void;
}

const EXAMPLE = `: capital-common-countries
athens greece berlin germany
athens greece paris france
: family
boy girl brother sister
man woman king queen`;

export function QuestionStepper({ runIds, runs, onPick }: Props) {
  const [error, setError] = useState<string | null>(null);
  const questions = useQuestionList(setError);
  const { parsed, list, current, text } = questions;
  const scoring = useSectionScores(runIds, list, text, setError);
  /** The question last asked, in the current section; null before the first. */
  const [index, setIndex] = useState<number | null>(null);
  const at = index == null ? null : Math.min(index, Math.max(0, list.length - 1));

  // A new list or section starts from its first question.
  useEffect(() => {
    setIndex(null);
  }, [current, text]);

  const go = (i: number): void => {
    if (i < 0 || i >= list.length) return;
    setIndex(i);
    onPick(list[i]);
  };

  const q = at == null ? null : list[at];
  return (
    <section className="card stepper" aria-labelledby="stepper-title" data-testid="stepper">
      <h3 id="stepper-title">Step through a list of questions</h3>
      <QuestionsInput questions={questions} />
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
          <StepperBar questions={questions} at={at} go={go} scoring={scoring} runIds={runIds} />
          {q && (
            <p className="stepper-question">
              <span className="muted small">Line {q.line}:</span> <strong>{q.a}</strong> : <strong>{q.b}</strong> :: <strong>{q.c}</strong> :{' '}
              <strong className="expected">{q.d}</strong>
            </p>
          )}
          {scoring.scoring && <ProgressBar fraction={scoring.scoring.total ? scoring.scoring.done / scoring.scoring.total : null} label="Scoring the section" />}
          {scoring.scores.size > 0 && <ScoreTable list={list} at={at} scores={scoring.scores} runIds={runIds} runs={runs} onGo={go} />}
        </>
      )}
    </section>
  );
}

/** The list's text box, and a file to load into it. */
function QuestionsInput({ questions }: { questions: QuestionList }) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="stepper-input">
      <label className="field grow">
        <span>Questions, one per line: “a b c d”, with “: section” lines between sections</span>
        <textarea rows={4} value={questions.text} onChange={(e) => questions.type(e.target.value)} placeholder={EXAMPLE} spellCheck={false} data-testid="questions-text" />
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
            if (f) void questions.load(f);
            e.target.value = '';
          }}
        />
        <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
          Load a file…
        </button>
        <p className="muted small">For example Google's questions-words.txt or an MSR file.</p>
      </div>
    </div>
  );
}

/** How many questions, the section, Previous/Next, and scoring the whole section. */
function StepperBar({ questions, at, go, scoring, runIds }: { questions: QuestionList; at: number | null; go: (i: number) => void; scoring: SectionScores; runIds: number[] }) {
  const { parsed, list, fileName } = questions;
  return (
    <div className="stepper-bar">
      <span className="muted small" data-testid="questions-count">
        {fmtInt(parsed.questions.length)} question{parsed.questions.length === 1 ? '' : 's'}
        {fileName && <> from {fileName}</>} in {parsed.sections.length} section{parsed.sections.length === 1 ? '' : 's'}
      </span>
      {parsed.sections.length > 1 && (
        <label className="field inline compact-field">
          <span>Section</span>
          <select aria-label="Section" value={questions.current} onChange={(e) => questions.setSection(e.target.value)}>
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
      {scoring.scoring ? (
        <button type="button" className="btn btn-small" onClick={scoring.stopScoring}>
          Stop scoring
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-small btn-primary"
          onClick={() => void scoring.scoreAll()}
          disabled={runIds.length === 0}
          title={runIds.length === 0 ? 'Choose a run first' : `Ask every question of this section (${fmtInt(list.length)})`}
        >
          Score the section
        </button>
      )}
    </div>
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

function ScoreTable({ list, at, scores, runIds, runs, onGo }: { list: Question[]; at: number | null; scores: Scores; runIds: number[]; runs: Map<number, RunSummary>; onGo: (i: number) => void }) {
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
