/**
 * Option specs: the one place an option exists. A method's options, RAND-WALK's
 * generator and the other option sets are each declared once as a list of specs; the
 * CLI's flags, the UI's forms, validation, defaults, the stored parameters and the
 * TypeScript type of the parsed values (OptionValues) all come from that list.
 *
 * Shared by the engine, the transports and the renderer: it imports nothing but the error class.
 */
import { LabError } from './labError.js';

interface OptionBase {
  key: string;
  label: string;
  help: string;
  /** Shown in an "advanced" group. */
  advanced?: boolean;
  /** Other CLI flag names for this option (kept for compatibility). */
  aliases?: readonly string[];
  /** Only meaningful when another option has this value (forms hide it otherwise; it is still validated). */
  when?: { option: string; is: string | number | boolean };
}

export interface IntOption extends OptionBase {
  type: 'int';
  default: number;
  min?: number;
  max?: number;
}

export interface NumberOption extends OptionBase {
  type: 'number';
  default: number;
  min?: number;
  max?: number;
}

export interface BooleanOption extends OptionBase {
  type: 'boolean';
  default: boolean;
}

export interface ChoiceOption extends OptionBase {
  type: 'choice';
  default: string;
  choices: readonly string[];
}

export type OptionSpec = IntOption | NumberOption | BooleanOption | ChoiceOption;

type ValueOf<O> = O extends { type: 'boolean' } ? boolean : O extends { type: 'choice'; choices: readonly (infer C)[] } ? C : number;

/** The parsed values of an option list, typed from the list itself. */
export type OptionValues<S extends readonly OptionSpec[]> = { -readonly [O in S[number] as O['key']]: ValueOf<O> };

/** Values of options whose list is not known statically (stored run parameters, forms). */
export type OptionRecord = Record<string, number | boolean | string>;

/** Keeps the literal types of an option list (keys, choices) so OptionValues can read them. */
export function defineOptions<const S extends readonly OptionSpec[]>(options: S): S {
  return options;
}

/** A strict decimal number: "16", "-2.5", "1e-4"; not "0x10", "", " 1 ", "Infinity". */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;


/** What the option accepts, as a phrase ("an integer from 1 to 2,000", "one of uniform, dynamic"). */
export function allowedValues(o: OptionSpec): string {
  switch (o.type) {
    case 'boolean':
      return 'true or false';
    case 'choice':
      return o.choices.length === 2 ? `${o.choices[0]} or ${o.choices[1]}` : `one of ${o.choices.join(', ')}`;
    default: {
      const kind = o.type === 'int' ? 'an integer' : 'a number';
      if (o.min !== undefined && o.max !== undefined) return `${kind} from ${o.min} to ${o.max}`;
      if (o.min !== undefined) return `${kind} of at least ${o.min}`;
      if (o.max !== undefined) return `${kind} of at most ${o.max}`;
      return kind;
    }
  }
}

const shown = (v: unknown): string => {
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/**
 * One value checked against its spec; strings from flags and forms are parsed strictly
 * (decimal only: "0x10" or "" is not a number). Throws LabError naming the field, with a
 * sentence that says what the option takes.
 */
export function parseOptionValue(o: OptionSpec, v: unknown, where: string): number | boolean | string {
  const prefix = `${where} option "${o.key}"`;
  const wrong = (): never => {
    throw new LabError(`${prefix} is ${allowedValues(o)}, not ${shown(v)}.`, 'invalid', o.key);
  };
  switch (o.type) {
    case 'boolean':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      return wrong();
    case 'choice':
      if (typeof v === 'string' && o.choices.includes(v)) return v;
      return wrong();
    default: {
      const n = typeof v === 'string' ? (DECIMAL.test(v) ? Number(v) : NaN) : v;
      if (typeof n !== 'number' || !Number.isFinite(n) || (o.type === 'int' && !Number.isInteger(n))) return wrong();
      if ((o.min !== undefined && n < o.min) || (o.max !== undefined && n > o.max)) {
        throw new LabError(`${prefix} must be between ${o.min ?? '-∞'} and ${o.max ?? '∞'}, not ${n}.`, 'invalid', o.key);
      }
      return n;
    }
  }
}

/**
 * Checks raw values against an option list and fills in the defaults. Unknown keys are
 * refused (a typo must not be silently ignored); every error names its field.
 */
export function parseOptions<const S extends readonly OptionSpec[]>(options: S, raw: Record<string, unknown>, where: string): OptionValues<S> {
  const known = new Map(options.map((o) => [o.key, o]));
  for (const key of Object.keys(raw)) {
    if (!known.has(key) && raw[key] !== undefined) {
      throw new LabError(`${where} has no option "${key}". Its options: ${options.map((o) => o.key).join(', ')}.`, 'invalid', key);
    }
  }
  const out: OptionRecord = {};
  for (const o of options) out[o.key] = raw[o.key] === undefined ? o.default : parseOptionValue(o, raw[o.key], where);
  return out as OptionValues<S>;
}

/** The defaults of an option list. */
export function optionDefaults<const S extends readonly OptionSpec[]>(options: S): OptionValues<S> {
  return Object.fromEntries(options.map((o) => [o.key, o.default])) as OptionValues<S>;
}

/** The same options with other defaults (a method that shares a block of options but starts elsewhere). */
export function withDefaults<const S extends readonly OptionSpec[]>(options: S, defaults: Partial<OptionValues<S>>): S {
  const d = defaults as Record<string, unknown>;
  return options.map((o) => (o.key in d ? { ...o, default: d[o.key] } : o)) as unknown as S;
}

/** The options without some keys. */
export function withoutOptions<const S extends readonly OptionSpec[], K extends S[number]['key']>(options: S, ...keys: K[]): Exclude<S[number], { key: K }>[] {
  return options.filter((o) => !(keys as string[]).includes(o.key)) as Exclude<S[number], { key: K }>[];
}
