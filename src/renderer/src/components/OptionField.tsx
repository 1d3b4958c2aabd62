/** One field of the new-run form, generated from the method's option spec. */
import type { OptionSpec } from '../../../shared/options.js';
import { fmtInt } from '../format.js';
import { fmtParam } from '../views/runs/runText.js';
import { UNREADABLE_NUMBER } from './fieldProblem.js';

/** Form values: numbers are kept as typed (strings) until the run starts. */
export type FieldValue = string | boolean;

export function initialValue(o: OptionSpec): FieldValue {
  return o.type === 'boolean' ? Boolean(o.default) : String(o.default);
}

const bound = (v: number): string => (Number.isInteger(v) ? fmtInt(v) : fmtParam(v));

function rangeText(o: OptionSpec): string | null {
  if (o.type !== 'int' && o.type !== 'number') return null;
  if (o.min !== undefined && o.max !== undefined) return `${bound(o.min)}–${bound(o.max)}`;
  if (o.min !== undefined) return `≥ ${bound(o.min)}`;
  if (o.max !== undefined) return `≤ ${bound(o.max)}`;
  return null;
}

interface Props {
  option: OptionSpec;
  value: FieldValue;
  error: string | null;
  onChange: (value: FieldValue) => void;
}

export function OptionField({ option: o, value, error, onChange }: Props) {
  const id = `opt-${o.key}`;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = error ? `${errorId} ${helpId}` : helpId;
  const range = rangeText(o);
  const isDefault = o.type === 'boolean' ? value === o.default : value === String(o.default);
  const foot = (
    <>
      <span id={helpId} className="option-help">
        {o.help}{' '}
        <span className="option-default">
          Default {fmtParam(o.default)}
          {range && <> · {range}</>}
        </span>
      </span>
      {error && (
        <span id={errorId} className="option-error" role="alert">
          {error}
        </span>
      )}
    </>
  );

  if (o.type === 'boolean') {
    return (
      <div className={`option option-boolean ${isDefault ? '' : 'option-changed'}`} data-option={o.key}>
        <label className="check option-check">
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-describedby={describedBy} />
          {o.label}
        </label>
        {foot}
      </div>
    );
  }
  return (
    <div className={`option ${isDefault ? '' : 'option-changed'}`} data-option={o.key}>
      <label htmlFor={id} className="option-label">
        {o.label}
      </label>
      {o.type === 'choice' ? (
        <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
          {o.choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="number"
          inputMode={o.type === 'int' ? 'numeric' : 'decimal'}
          min={o.min}
          max={o.max}
          step={o.type === 'int' ? 1 : 'any'}
          value={value === UNREADABLE_NUMBER ? '' : String(value)}
          // The browser reports text it cannot read as a number ("1e") as empty: keep that it is unreadable.
          onChange={(e) => onChange(e.target.validity.badInput ? UNREADABLE_NUMBER : e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
      )}
      {foot}
    </div>
  );
}
