/**
 * The new-experiment form's grid, without React: which parameter fields the chosen methods
 * make (one shared field where several methods have the same option, the contract's `grid`;
 * one per method where only that method has it, `methodGrid`), each field's text read as one
 * value or a list ("50, 100, 200"; empty = the method's default), each value checked against
 * the option's spec by the same sentences as every other form (fieldProblem.ts), and the
 * experiment.plan / experiment.start input they make. A field's name is the one the engine
 * uses in its errors (grid.dim, methodGrid.sgns.epochs), so an engine error lands beside it.
 */
import type { CallInput, GridValue, MethodInfo, OptionSpec } from '../../../../shared/contract.js';
import { allowedText, optionProblem } from '../../components/fieldProblem.js';

export interface GridField {
  /** grid.KEY or methodGrid.METHOD.KEY: where its values go, and how the engine names it. */
  name: string;
  key: string;
  /** The option as the first of its methods declares it (label, help, type). */
  option: OptionSpec;
  /** The chosen methods it applies to, each with its own spec of the option (bounds and defaults may differ). */
  methods: { method: MethodInfo; option: OptionSpec }[];
  advanced: boolean;
}

export interface GridLayout {
  shared: GridField[];
  perMethod: { method: MethodInfo; fields: GridField[] }[];
}

const optionOf = (m: MethodInfo, key: string): OptionSpec | undefined => m.options.find((o) => o.key === key);

/** Options that mean the same in several methods: same key, label and type (SGNS's alpha is a learning rate, GloVe's is not). */
function sameOption(a: OptionSpec, b: OptionSpec): boolean {
  return a.label === b.label && a.type === b.type;
}

/** The fields for these methods, in the order of their options: shared ones first, then each method's own. */
export function gridLayout(methods: MethodInfo[]): GridLayout {
  const sharedKeys = new Set<string>();
  if (methods.length > 1) {
    for (const m of methods) {
      for (const o of m.options) {
        const withIt = methods.filter((x) => optionOf(x, o.key) && sameOption(optionOf(x, o.key)!, o));
        if (withIt.length > 1) sharedKeys.add(o.key);
      }
    }
  }
  const shared: GridField[] = [];
  for (const m of methods) {
    for (const o of m.options) {
      if (!sharedKeys.has(o.key) || shared.some((f) => f.key === o.key)) continue;
      const withIt = methods.flatMap((x) => (optionOf(x, o.key) && sameOption(optionOf(x, o.key)!, o) ? [{ method: x, option: optionOf(x, o.key)! }] : []));
      shared.push({ name: `grid.${o.key}`, key: o.key, option: o, methods: withIt, advanced: withIt.every((w) => w.option.advanced) });
    }
  }
  const perMethod = methods.map((m) => ({
    method: m,
    fields: m.options
      // A method whose option differs from the shared one of that key (another meaning) keeps its own field.
      .filter((o) => !shared.some((f) => f.key === o.key && f.methods.some((w) => w.method.id === m.id)))
      .map((o): GridField => ({ name: `methodGrid.${m.id}.${o.key}`, key: o.key, option: o, methods: [{ method: m, option: o }], advanced: !!o.advanced })),
  }));
  return { shared, perMethod };
}

export function allFields(layout: GridLayout): GridField[] {
  return [...layout.shared, ...layout.perMethod.flatMap((m) => m.fields)];
}

/** "default 100" or, where the methods differ, "defaults: M* 10000, SGNS 0". */
export function defaultText(field: GridField): string {
  const shown = (v: number | string | boolean): string => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));
  const defaults = new Set(field.methods.map((w) => shown(w.option.default)));
  if (defaults.size === 1) return `default ${[...defaults][0]}`;
  return `defaults: ${field.methods.map((w) => `${w.method.label} ${shown(w.option.default)}`).join(', ')}`;
}

/** What the field takes, as a phrase: "whole numbers between 1 and 2000", from the first method's spec. */
export function takesText(field: GridField): string {
  return allowedText(field.option);
}

/** The values typed: separated by commas, semicolons or spaces. */
export function splitValues(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

const YES = new Set(['true', 'yes', 'on', '1']);
const NO = new Set(['false', 'no', 'off', '0']);

function booleanValue(option: OptionSpec, token: string): { value: boolean } | { problem: string } {
  const t = token.toLowerCase();
  if (YES.has(t)) return { value: true };
  if (NO.has(t)) return { value: false };
  const shown = token.length > 40 ? `${token.slice(0, 39)}…` : token;
  return { problem: `${option.label} takes yes or no (true, false); "${shown}" is neither.` };
}

export interface FieldValues {
  values: GridValue[];
  /** The sentence beside the field, naming the first value that will not do; null when every value will. */
  problem: string | null;
}

/** A field's text as values, each checked against every method's spec of the option; repeats dropped. */
export function fieldValues(field: GridField, text: string): FieldValues {
  const values: GridValue[] = [];
  for (const token of splitValues(text)) {
    let value: GridValue;
    if (field.option.type === 'boolean') {
      const b = booleanValue(field.option, token);
      if ('problem' in b) return { values: [], problem: b.problem };
      value = b.value;
    } else {
      for (const { method, option } of field.methods) {
        const problem = optionProblem(option, token, method.label);
        if (problem) return { values: [], problem: field.methods.length > 1 ? `${problem.field} (${method.label})` : problem.field };
      }
      value = field.option.type === 'choice' ? token : Number(token);
    }
    if (!values.includes(value)) values.push(value);
  }
  return { values, problem: null };
}

/**
 * The texts when the fields change (a method ticked or unticked): every text is kept (a field
 * that comes back has its values again), and a new field left empty takes the text of the field
 * of the same option it replaces (dim typed for PPMI-SVD alone becomes the shared dim when SGNS
 * is ticked, and back).
 */
export function carryTexts(next: GridField[], texts: Record<string, string>, previous: GridField[]): Record<string, string> {
  const out: Record<string, string> = { ...texts };
  for (const f of next) {
    if (texts[f.name] || previous.some((p) => p.name === f.name)) continue;
    const same = previous.find((p) => p.key === f.key && texts[p.name] && (p.name === `grid.${f.key}` || f.methods.some((w) => p.name === `methodGrid.${w.method.id}.${f.key}`) || f.name === `grid.${f.key}`));
    if (same) out[f.name] = texts[same.name];
  }
  return out;
}

export interface GridForm {
  corpora: number[];
  methods: MethodInfo[];
  layout: GridLayout;
  texts: Record<string, string>;
  eval: string[];
  /** The user's own set files, one path per line or separated by commas. */
  evalFiles: string;
  restrict: string;
  analogyMethods: ('add' | 'mul')[];
}

/** The shipped sets the form offers: analogy sets, then word-similarity sets. */
export const ANALOGY_SET_IDS = ['google', 'msr'];
export const SIMILARITY_SET_IDS = ['ws353', 'simlex999', 'men3000', 'rw'];

export type PlanInput = CallInput<'experiment.plan'>;

/** The experiment.plan input, or what stops it: per field (by name) and for the form. */
export function planInput(form: GridForm): { input: PlanInput | null; problems: Record<string, string>; missing: string | null } {
  const problems: Record<string, string> = {};
  const grid: Record<string, GridValue[]> = {};
  const methodGrid: Record<string, Record<string, GridValue[]>> = {};
  for (const f of allFields(form.layout)) {
    const { values, problem } = fieldValues(f, form.texts[f.name] ?? '');
    if (problem) problems[f.name] = problem;
    else if (values.length > 0) {
      if (f.name.startsWith('grid.')) grid[f.key] = values;
      else (methodGrid[f.methods[0].method.id] ??= {})[f.key] = values;
    }
  }
  const restrict = form.restrict.trim();
  if (!/^\d+$/.test(restrict) || Number(restrict) < 1 || Number(restrict) > 10_000_000) {
    problems.restrict = `Restrict must be a whole number between 1 and 10,000,000${restrict ? `; "${restrict.slice(0, 20)}" is not` : ''}.`;
  }
  const files = form.evalFiles.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  const evalSets = [...form.eval, ...files];
  // A file may hold analogies (what it holds is read by the engine), so it needs a scoring too.
  const mayHoldAnalogies = files.length > 0 || form.eval.some((s) => ANALOGY_SET_IDS.includes(s));
  if (mayHoldAnalogies && form.analogyMethods.length === 0) problems.analogyMethods = 'The analogies need a scoring: choose 3CosAdd, 3CosMul or both.';
  const missing = form.corpora.length === 0 ? 'Choose at least one corpus.' : form.methods.length === 0 ? 'Choose at least one method.' : null;
  if (missing || Object.keys(problems).length > 0) return { input: null, problems, missing };
  return {
    input: {
      corpora: form.corpora, methods: form.methods.map((m) => m.id), grid, methodGrid, eval: evalSets,
      restrict: Number(restrict), analogyMethods: form.analogyMethods.length ? form.analogyMethods : ['add'],
    },
    problems,
    missing: null,
  };
}
