/**
 * What an evaluation covers: shipped analogy and similarity sets, the user's
 * own files (paths on the lab's machine), the restrict cut and the analogy
 * methods. Kept in localStorage, so the next run is evaluated the same way.
 * Shown in a small popover under the Evaluate button.
 */
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import type { CallInput } from '../../../../shared/contract.js';
import { fmtInt } from '../../format.js';
import { ANALOGY_SETS, METHODS, SIMILARITY_SETS, type Method } from './evalText.js';

export interface EvalOptions {
  analogy: string[];
  similarity: string[];
  analogyFiles: string;
  similarityFiles: string;
  restrict: string;
  methods: Method[];
}

export const DEFAULT_OPTIONS: EvalOptions = {
  analogy: ANALOGY_SETS.map((s) => s.id),
  similarity: SIMILARITY_SETS.map((s) => s.id),
  analogyFiles: '',
  similarityFiles: '',
  restrict: '30000',
  methods: ['add', 'mul'],
};

const KEY = 'embedlab.evalOptions';

function loadOptions(): EvalOptions {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return DEFAULT_OPTIONS;
    const o = JSON.parse(raw) as Partial<EvalOptions>;
    const strings = (v: unknown, fallback: string[]): string[] => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : fallback);
    return {
      analogy: strings(o.analogy, DEFAULT_OPTIONS.analogy),
      similarity: strings(o.similarity, DEFAULT_OPTIONS.similarity),
      analogyFiles: typeof o.analogyFiles === 'string' ? o.analogyFiles : '',
      similarityFiles: typeof o.similarityFiles === 'string' ? o.similarityFiles : '',
      restrict: typeof o.restrict === 'string' ? o.restrict : DEFAULT_OPTIONS.restrict,
      methods: strings(o.methods, DEFAULT_OPTIONS.methods).filter((m): m is Method => m === 'add' || m === 'mul'),
    };
  } catch {
    return DEFAULT_OPTIONS;
  }
}

export function useEvalOptions() {
  const [options, setOptions] = useState<EvalOptions>(loadOptions);
  useEffect(() => {
    try {
      localStorage.setItem(KEY, JSON.stringify(options));
    } catch {
      /* private mode: options last for this page only */
    }
  }, [options]);
  return [options, setOptions] as const;
}

/** Paths, one per line or separated by commas. */
const paths = (text: string): string[] =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The eval.start input for these options, or the reason they cannot start. */
export function toRequest(runId: number, o: EvalOptions): { input: CallInput<'eval.start'> } | { problem: string } {
  const analogy = [...o.analogy, ...paths(o.analogyFiles)];
  const similarity = [...o.similarity, ...paths(o.similarityFiles)];
  const restrict = Number(o.restrict);
  if (analogy.length + similarity.length === 0) return { problem: 'Choose at least one analogy or similarity set.' };
  if (analogy.length > 0 && o.methods.length === 0) return { problem: 'Choose 3CosAdd, 3CosMul or both for the analogies.' };
  if (!Number.isInteger(restrict) || restrict < 1 || restrict > 10_000_000) return { problem: 'The restrict cut must be a whole number from 1 to 10,000,000.' };
  return { input: { runId, analogy, similarity, restrict, methods: o.methods.length ? o.methods : ['add'] } };
}

/** One line saying what Evaluate will do. */
export function describe(o: EvalOptions): string {
  const a = [...o.analogy.map((id) => ANALOGY_SETS.find((s) => s.id === id)?.label ?? id), ...paths(o.analogyFiles).map(baseName)];
  const s = o.similarity.length + paths(o.similarityFiles).length;
  const parts: string[] = [];
  if (a.length) parts.push(`${a.join(', ')} analogies (${o.methods.map((m) => METHODS.find((x) => x.id === m)?.label).join(' + ') || 'no method'})`);
  if (s) parts.push(`${s} similarity set${s === 1 ? '' : 's'}`);
  const r = Number(o.restrict);
  if (a.length && Number.isFinite(r)) parts.push(`top ${fmtInt(r)} words`);
  return parts.join(' · ') || 'nothing chosen';
}

const baseName = (p: string): string => p.split(/[\\/]/).pop() || p;

interface Props {
  options: EvalOptions;
  onChange: (o: EvalOptions) => void;
  onClose: () => void;
  /** The button that opened the popover: focus returns there, and clicks on it do not count as "outside". */
  toggle: RefObject<HTMLButtonElement | null>;
  serverPaths: boolean;
}

/** Escape or a click outside closes the popover (Escape returns focus to its button); its first input takes focus. */
function useDismiss(panel: RefObject<HTMLDivElement | null>, toggle: RefObject<HTMLButtonElement | null>, onClose: () => void): void {
  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('input')?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
        toggle.current?.focus();
      }
    };
    const onDown = (e: PointerEvent): void => {
      const t = e.target as Node;
      if (!panel.current?.contains(t) && !toggle.current?.contains(t)) onClose();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [panel, onClose, toggle]);
}

const flip = <T extends string>(list: T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

/** The two kinds of sets as the popover names them; the analogy sets' labels also carry their size as a tooltip. */
const KINDS = {
  analogy: { legend: 'Analogy sets', sets: ANALOGY_SETS, files: 'analogyFiles', filesLabel: 'Your own analogy files', placeholder: '/path/to/questions.txt', titled: true },
  similarity: { legend: 'Word-similarity sets', sets: SIMILARITY_SETS, files: 'similarityFiles', filesLabel: 'Your own similarity files', placeholder: '/path/to/pairs.tsv', titled: false },
} as const;

/** The shipped sets of one kind as checkboxes, then a box for the user's own files of that kind. */
function SetsFieldset({ kind, o, onChange, helpId }: { kind: keyof typeof KINDS; o: EvalOptions; onChange: (o: EvalOptions) => void; helpId: string }) {
  const k = KINDS[kind];
  return (
    <fieldset>
      <legend>{k.legend}</legend>
      {k.sets.map((s) => (
        <label key={s.id} className="check eval-check" title={k.titled ? s.help : undefined}>
          <input type="checkbox" checked={o[kind].includes(s.id)} onChange={() => onChange({ ...o, [kind]: flip(o[kind], s.id) })} />
          {s.label}
          <span className="muted small">{s.help}</span>
        </label>
      ))}
      <label className="field eval-files">
        <span>{k.filesLabel}</span>
        <textarea
          rows={2}
          value={o[k.files]}
          onChange={(e) => onChange({ ...o, [k.files]: e.target.value })}
          placeholder={k.placeholder}
          spellCheck={false}
          aria-describedby={helpId}
        />
      </label>
    </fieldset>
  );
}

export function EvalOptionsPopover({ options: o, onChange, onClose, toggle, serverPaths }: Props) {
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();
  useDismiss(panel, toggle, onClose);
  return (
    <div ref={panel} className="eval-popover card" role="dialog" aria-label="Evaluation options" data-testid="eval-options">
      <div className="eval-popover-grid">
        <SetsFieldset kind="analogy" o={o} onChange={onChange} helpId={`${id}-files-help`} />
        <SetsFieldset kind="similarity" o={o} onChange={onChange} helpId={`${id}-files-help`} />
      </div>
      <p id={`${id}-files-help`} className="muted small">
        One path per line{serverPaths ? ", on the lab's machine" : ''}. Analogy files hold <code>: section</code> lines and <code>a b c d</code>{' '}
        questions; similarity files hold <code>word1 word2 score</code> lines (tabs or spaces).
      </p>
      <PopoverFoot o={o} onChange={onChange} onClose={onClose} toggle={toggle} />
    </div>
  );
}

/** The restrict cut, the analogy methods, Reset and Done. */
function PopoverFoot({ o, onChange, onClose, toggle }: Omit<Props, 'options' | 'serverPaths'> & { o: EvalOptions }) {
  const restrictBad = !(Number.isInteger(Number(o.restrict)) && Number(o.restrict) >= 1 && Number(o.restrict) <= 10_000_000);
  return (
    <div className="eval-popover-foot">
      <label className="field narrow-field">
        <span>Restrict to the most frequent</span>
        <span className="input-suffix">
          <input
            type="number"
            min={1}
            max={10_000_000}
            step={1000}
            value={o.restrict}
            onChange={(e) => onChange({ ...o, restrict: e.target.value })}
            aria-invalid={restrictBad || undefined}
            aria-label="Restrict to the most frequent words"
          />
          <span className="muted">words</span>
        </span>
      </label>
      <fieldset className="eval-methods">
        <legend>Analogy method</legend>
        <div className="eval-method-row">
          {METHODS.map((m) => (
            <label key={m.id} className="check">
              <input type="checkbox" checked={o.methods.includes(m.id)} onChange={() => onChange({ ...o, methods: flip(o.methods, m.id) })} />
              {m.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="eval-popover-buttons">
        <button type="button" className="btn btn-quiet btn-small" onClick={() => onChange(DEFAULT_OPTIONS)}>
          Reset
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            onClose();
            toggle.current?.focus();
          }}
        >
          Done
        </button>
      </div>
    </div>
  );
}
