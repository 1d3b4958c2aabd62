/**
 * A grid's cells: corpora × methods × the product of each method's parameter values.
 * A parameter of `grid` applies to every chosen method whose option spec has it; one of
 * `methodGrid` to its method only, in place of `grid`'s values. Every value is checked
 * against the method's spec (parseParams), and every error names the field of the grid
 * it came from (grid.dim, methodGrid.sgns.window, methods.1, eval.0).
 */
import { LabError } from '../../shared/labError.js';
import type { ExperimentSpec, GridValue } from '../../shared/types/experiments.js';
import { parseOptionValue, type OptionSpec } from '../../shared/options.js';
import { methodById, methods as allMethods } from '../methods/registry.js';
import { parseParams, type MethodSpec, type Params } from '../methods/spec.js';

/** A cell before planning: where it sits in the grid, its corpus, method and values. */
export interface GridCell {
  position: number;
  corpusId: number;
  method: MethodSpec;
  /** The grid's values that apply to this method (its point in the grid). */
  params: Record<string, GridValue>;
  /** Every parameter of the run, defaults filled in. */
  runParams: Params;
}

/** More cells than this is almost surely a typo (an extra value list); say so before anything runs. */
export const MAX_CELLS = 5000;

function invalid(message: string, field: string): never {
  throw new LabError(message, 'invalid', field);
}

/** The chosen methods, each known; errors name methods.N. */
export function methodsOf(ids: string[]): MethodSpec[] {
  return ids.map((id, i) => {
    const m = allMethods.find((x) => x.id === id);
    if (!m) invalid(`methods.${i}: unknown method "${id}". Methods: ${allMethods.map((x) => x.id).join(', ')}.`, `methods.${i}`);
    if (ids.indexOf(id) !== i) invalid(`methods.${i}: "${id}" is chosen twice.`, `methods.${i}`);
    return m;
  });
}

/** One parameter's values checked against the option's spec, duplicates dropped; errors name `field`. */
function checkedValues(option: OptionSpec, values: GridValue[], method: MethodSpec, field: string): GridValue[] {
  const out: GridValue[] = [];
  for (const raw of values) {
    let v: GridValue;
    try {
      v = parseOptionValue(option, raw, method.label);
    } catch (e) {
      invalid(`${field}: ${(e as Error).message}`, field);
    }
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** The parameters that vary for one method, in the order of its options: [key, values, field]. */
function axesOf(method: MethodSpec, spec: Pick<ExperimentSpec, 'grid' | 'methodGrid'>): [string, GridValue[]][] {
  const own = spec.methodGrid[method.id] ?? {};
  for (const key of Object.keys(own)) {
    if (!method.options.some((o) => o.key === key)) {
      invalid(`methodGrid.${method.id}.${key}: ${method.label} has no option "${key}". Its options: ${method.options.map((o) => o.key).join(', ')}.`, `methodGrid.${method.id}.${key}`);
    }
  }
  const axes: [string, GridValue[]][] = [];
  for (const o of method.options) {
    const field = o.key in own ? `methodGrid.${method.id}.${o.key}` : `grid.${o.key}`;
    const values = own[o.key] ?? spec.grid[o.key];
    if (values !== undefined) axes.push([o.key, checkedValues(o, values, method, field)]);
  }
  return axes;
}

/** Every combination of the axes' values, the first axis slowest. */
function product(axes: [string, GridValue[]][]): Record<string, GridValue>[] {
  let points: Record<string, GridValue>[] = [{}];
  for (const [key, values] of axes) points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  return points;
}

/** The cells of a grid, in grid order; `startAt` numbers them after an experiment's existing cells. */
export function gridCells(spec: Pick<ExperimentSpec, 'corpora' | 'methods' | 'grid' | 'methodGrid'>, startAt = 0): GridCell[] {
  const chosen = methodsOf(spec.methods);
  for (const key of Object.keys(spec.grid)) {
    if (!chosen.some((m) => m.options.some((o) => o.key === key))) {
      invalid(`grid.${key}: none of ${chosen.map((m) => m.id).join(', ')} has an option "${key}" (\`methods\` lists every method's options).`, `grid.${key}`);
    }
  }
  for (const id of Object.keys(spec.methodGrid)) {
    if (!spec.methods.includes(id)) invalid(`methodGrid.${id}: "${id}" is not one of the chosen methods (${spec.methods.join(', ')}).`, `methodGrid.${id}`);
  }
  const perMethod = chosen.map((method) => ({ method, points: product(axesOf(method, spec)) }));
  const count = spec.corpora.length * perMethod.reduce((s, m) => s + m.points.length, 0);
  if (count > MAX_CELLS) invalid(`grid: ${count.toLocaleString('en-US')} runs is more than ${MAX_CELLS.toLocaleString('en-US')}; give fewer values.`, 'grid');
  const cells: GridCell[] = [];
  spec.corpora.forEach((corpusId, ci) => {
    if (spec.corpora.indexOf(corpusId) !== ci) invalid(`corpora.${ci}: corpus ${corpusId} is chosen twice.`, `corpora.${ci}`);
    for (const { method, points } of perMethod) {
      for (const params of points) {
        let runParams: Params;
        try {
          runParams = parseParams(method, params);
        } catch (e) {
          const key = (e as LabError).field;
          invalid(`grid: ${(e as Error).message}`, key ? `grid.${key}` : 'grid');
        }
        cells.push({ position: startAt + cells.length, corpusId, method, params, runParams });
      }
    }
  });
  return cells;
}

/** A cell's identity within an experiment: the same corpus, method and run parameters are the same cell. */
export function cellIdentity(corpusId: number, method: string, runParams: Params): string {
  return JSON.stringify([corpusId, method, Object.keys(runParams).sort().map((k) => [k, runParams[k]])]);
}

/** A short label of a cell's values: "dim=100 cds=0.75". */
export function paramsLabel(params: Record<string, GridValue>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ');
}

export { methodById };
