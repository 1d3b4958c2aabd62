/**
 * The Projector form's number fields: their labels and steps here, their bounds from the
 * contract's schema (projection.start), so a field says what the engine takes and a value
 * out of bounds is named beside its field, in a sentence, before anything is sent.
 */
import { z } from 'zod/v3';
import { projectionStart } from '../../../../shared/types/projection.js';
import { numberProblem, type NumberRule } from '../../components/fieldProblem.js';
import type { Draft, Method } from './spec.js';

export type NumericKey = 'top' | 'seed' | 'nNeighbors' | 'minDist' | 'epochs' | 'perplexity' | 'iterations' | 'theta';

export interface NumberFieldSpec extends NumberRule {
  name: NumericKey;
  step?: number;
}

/** The schema's number under its defaults and optionals: its minimum, maximum and whether it is whole. */
function ruleOf(schema: z.ZodTypeAny, name: NumericKey, label: string, step?: number): NumberFieldSpec {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s._def.innerType as z.ZodTypeAny;
  if (!(s instanceof z.ZodNumber)) throw new Error(`projection.start's ${name} is not a number`);
  return { name, label, step, type: s.isInt ? 'int' : 'number', min: s.minValue ?? undefined, max: s.maxValue ?? undefined };
}

const union = (projectionStart as unknown as z.ZodEffects<z.ZodDiscriminatedUnion<'method', z.ZodDiscriminatedUnionOption<'method'>[]>>)._def.schema;
const shapeOf = (method: Method): z.ZodRawShape => union.optionsMap.get(method)!.shape;
const paramsOf = (method: Method): z.ZodRawShape => {
  let p = shapeOf(method).params as z.ZodTypeAny;
  while (p instanceof z.ZodDefault) p = p._def.innerType as z.ZodTypeAny;
  return (p as z.AnyZodObject).shape;
};

export const TOP_FIELD = ruleOf(shapeOf('pca').top, 'top', 'Top N words');
export const SEED_FIELD = ruleOf(shapeOf('pca').seed, 'seed', 'Seed');

/** Each method's numeric parameters, in the order the form shows them. */
export const METHOD_PARAMS: Partial<Record<Method, NumberFieldSpec[]>> = {
  umap: [
    ruleOf(paramsOf('umap').nNeighbors, 'nNeighbors', 'Neighbours'),
    ruleOf(paramsOf('umap').minDist, 'minDist', 'Min distance', 0.05),
    ruleOf(paramsOf('umap').epochs, 'epochs', 'Epochs (0 = auto)', 50),
  ],
  tsne: [
    ruleOf(paramsOf('tsne').perplexity, 'perplexity', 'Perplexity'),
    ruleOf(paramsOf('tsne').iterations, 'iterations', 'Iterations', 50),
    ruleOf(paramsOf('tsne').theta, 'theta', 'θ (Barnes–Hut)', 0.1),
  ],
};

/** A field's value (NaN when the field is empty or unreadable) checked against its rule: a sentence, or null. */
export const numberFieldProblem = (f: NumberFieldSpec, value: number): string | null => numberProblem(f, Number.isFinite(value) ? String(value) : '');

/** The draft's number problems by field, in the form's order (those its method shows). */
export function draftProblems(d: Draft): [NumericKey, string][] {
  const out: [NumericKey, string][] = [];
  for (const f of [TOP_FIELD, SEED_FIELD, ...(METHOD_PARAMS[d.method] ?? [])]) {
    const problem = numberFieldProblem(f, d[f.name]);
    if (problem) out.push([f.name, problem]);
  }
  return out;
}
