/**
 * What is wrong with a form field's value, in one sentence that names the field and says what
 * it takes ("Dimensions must be a whole number between 1 and 2000; 0 is below 1."), from the
 * option's spec: its type, min, max and choices. The verdict is the engine's (the same strict
 * decimal parse and bounds as shared/options.ts), so a value the form lets through is one the
 * engine takes, and the form says so before anything is sent.
 */
import { parseOptionValue, type OptionSpec } from '../../../shared/options.js';
import { fmtInt } from '../format.js';

/** A number field's rule; option specs are these, and forms without a spec (the projector's) declare one. */
export interface NumberRule {
  label: string;
  type: 'int' | 'number';
  min?: number;
  max?: number;
}

/**
 * Kept as a number field's value when the browser holds text it cannot read as a number
 * ("1e", "--2": validity.badInput), which it reports as an empty value.
 */
export const UNREADABLE_NUMBER = '\u2060not-a-number';

/** A strict decimal number: "16", "-2.5", "1e-4"; not "0x10", "", "Infinity" (as shared/options.ts reads them). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** A bound as people write it: 2000, 100,000, 0.0001. Four digits stay ungrouped, as the engine writes them. */
export function fmtBound(v: number): string {
  if (Number.isInteger(v)) return Math.abs(v) < 10_000 ? String(v) : fmtInt(v);
  return String(Number(v.toPrecision(6)));
}

/** "a whole number between 1 and 2000", "a number of at least 0", "one of uniform, zipf". */
export function allowedText(o: NumberRule | OptionSpec): string {
  if (o.type === 'boolean') return 'yes or no';
  if (o.type === 'choice') return `one of ${o.choices.join(', ')}`;
  const kind = o.type === 'int' ? 'a whole number' : 'a number';
  if (o.min !== undefined && o.max !== undefined) return `${kind} between ${fmtBound(o.min)} and ${fmtBound(o.max)}`;
  if (o.min !== undefined) return `${kind} of at least ${fmtBound(o.min)}`;
  if (o.max !== undefined) return `${kind} of at most ${fmtBound(o.max)}`;
  return kind;
}

const quote = (s: string): string => `"${s.length > 40 ? `${s.slice(0, 39)}…` : s}"`;

/** The sentence for a number field's text, or null when the value is one the rule allows. */
export function numberProblem(rule: NumberRule, raw: string, fallback?: number | string): string | null {
  const text = raw.trim();
  const must = `${rule.label} must be ${allowedText(rule)}`;
  if (raw === UNREADABLE_NUMBER) return `${must}; what is typed there is not a number.`;
  if (text === '') return `${rule.label} needs a value: ${allowedText(rule)}${fallback !== undefined ? ` (the default is ${fallback})` : ''}.`;
  if (!DECIMAL.test(text)) return `${must}; ${quote(text)} is not a number.`;
  const n = Number(text);
  if (!Number.isFinite(n)) return `${must}; ${text} is too large to be a number here.`;
  if (rule.type === 'int' && !Number.isInteger(n)) return `${must}; ${text} is not a whole number.`;
  if (rule.min !== undefined && n < rule.min) return `${must}; ${text} is below ${fmtBound(rule.min)}.`;
  if (rule.max !== undefined && n > rule.max) return `${must}; ${text} is above ${fmtBound(rule.max)}.`;
  return null;
}

export interface FieldProblem {
  /** Beside the field: the sentence a person reads. */
  field: string;
  /** On the form's error line: what the engine (and the command line) would answer for the same value. */
  summary: string;
}

/** A spec'd field's problem, or null; `where` names the option set as the engine does ("PPMI-SVD", "RAND-WALK"). */
export function optionProblem(o: OptionSpec, value: string | boolean, where?: string): FieldProblem | null {
  if (o.type === 'boolean') return null;
  if (o.type === 'choice') {
    if (o.choices.includes(String(value))) return null;
    const field = `${o.label} must be ${allowedText(o)}; ${quote(String(value))} is not one of them.`;
    return { field, summary: engineSays(o, value, where) ?? field };
  }
  const field = numberProblem(o, String(value), o.default);
  if (!field) return null;
  const text = String(value).trim();
  // An empty or unreadable field has no value the engine would see: the sentence says it best.
  const sent = text === '' || value === UNREADABLE_NUMBER ? null : DECIMAL.test(text) ? Number(text) : text;
  return { field, summary: (sent !== null && engineSays(o, sent, where)) || field };
}

/** The engine's own message for this value (shared/options.ts), when the form knows the option set's name. */
function engineSays(o: OptionSpec, value: unknown, where: string | undefined): string | null {
  if (!where) return null;
  try {
    parseOptionValue(o, value, where);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
