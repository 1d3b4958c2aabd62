/**
 * A form's fields generated from an option spec (src/shared/options.ts): the basic
 * options, then the advanced ones folded away, each with its help, default, range and
 * error. Options whose `when` does not hold are hidden. The new-run form and the
 * RAND-WALK generator are both this component.
 */
import type { OptionSpec } from '../../../shared/options.js';
import { OptionField, initialValue, type FieldValue } from './OptionField.js';
import { optionProblem, type FieldProblem } from './fieldProblem.js';

export type OptionFormValues = Record<string, FieldValue>;

export const defaultValues = (options: readonly OptionSpec[]): OptionFormValues => Object.fromEntries(options.map((o) => [o.key, initialValue(o)]));

/** The options a form shows for these values (those whose `when` holds). */
export function shownOptions(options: readonly OptionSpec[], values: OptionFormValues): OptionSpec[] {
  return options.filter((o) => !o.when || String(values[o.when.option]) === String(o.when.is));
}

/**
 * The values to send, or what is wrong with them: each field's value is checked against its
 * spec (empty, not a number, not whole, out of range, not a choice) as the engine would, and a
 * problem comes back as a sentence for the field and the engine's wording for the form's line.
 */
export function collectValues(options: OptionSpec[], values: OptionFormValues, where?: string): { params: Record<string, unknown>; problems: Record<string, FieldProblem> } {
  const params: Record<string, unknown> = {};
  const problems: Record<string, FieldProblem> = {};
  for (const o of options) {
    const v = values[o.key];
    const problem = optionProblem(o, v, where);
    if (problem) problems[o.key] = problem;
    else params[o.key] = o.type === 'int' || o.type === 'number' ? Number(String(v).trim()) : v;
  }
  return { params, problems };
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
