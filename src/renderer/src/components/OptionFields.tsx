/**
 * A form's fields generated from an option spec (src/shared/options.ts): the basic
 * options, then the advanced ones folded away, each with its help, default, range and
 * error. Options whose `when` does not hold are hidden. The new-run form and the
 * RAND-WALK generator are both this component.
 */
import type { OptionSpec } from '../../../shared/options.js';
import { OptionField, initialValue, type FieldValue } from './OptionField.js';

export type OptionFormValues = Record<string, FieldValue>;

export const defaultValues = (options: readonly OptionSpec[]): OptionFormValues => Object.fromEntries(options.map((o) => [o.key, initialValue(o)]));

/** The options a form shows for these values (those whose `when` holds). */
export function shownOptions(options: readonly OptionSpec[], values: OptionFormValues): OptionSpec[] {
  return options.filter((o) => !o.when || String(values[o.when.option]) === String(o.when.is));
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The values to send, or the fields left empty. Numbers travel as numbers when they are
 * plain decimals, else as typed, so that the engine answers with a sentence naming the
 * field and what it takes.
 */
export function collectValues(options: OptionSpec[], values: OptionFormValues): { params: Record<string, unknown>; missing: Record<string, string> } {
  const params: Record<string, unknown> = {};
  const missing: Record<string, string> = {};
  for (const o of options) {
    const v = values[o.key];
    if (o.type === 'int' || o.type === 'number') {
      const text = String(v).trim();
      if (text === '') missing[o.key] = `${o.label} needs a value (the default is ${o.default}).`;
      else params[o.key] = DECIMAL.test(text) ? Number(text) : text;
    } else params[o.key] = v;
  }
  return { params, missing };
}

interface Props {
  label: string;
  options: OptionSpec[];
  values: OptionFormValues;
  errors: Record<string, string>;
  onChange: (key: string, value: FieldValue) => void;
  advancedOpen: boolean;
  onAdvancedToggle: (open: boolean) => void;
  disabled?: boolean;
}

export function OptionFields({ label, options, values, errors, onChange, advancedOpen, onAdvancedToggle, disabled }: Props) {
  const field = (o: OptionSpec) => (
    <OptionField key={o.key} option={o} value={values[o.key]} error={errors[o.key] ?? null} onChange={(v) => onChange(o.key, v)} />
  );
  const advanced = options.filter((o) => o.advanced);
  return (
    <fieldset className="options" aria-label={label} disabled={disabled}>
      <div className="option-grid">{options.filter((o) => !o.advanced).map(field)}</div>
      {advanced.length > 0 && (
        <details className="advanced" open={advancedOpen} onToggle={(e) => onAdvancedToggle(e.currentTarget.open)}>
          <summary>
            Advanced <span className="count">{advanced.length}</span>
          </summary>
          <div className="option-grid">{advanced.map(field)}</div>
        </details>
      )}
    </fieldset>
  );
}
