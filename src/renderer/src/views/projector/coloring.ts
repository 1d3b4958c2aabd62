/**
 * Point colours and their legend, from one value per point: a continuous ramp
 * (log frequency, a numeric metadata column) or categories (k-means clusters,
 * planted relations, a categorical column, a word list). Points without a value
 * are grey, and the legend says how many there are.
 */
import { categorical, cssColor, ramp, type RGB } from './colors.js';

export interface LegendEntry {
  label: string;
  color: string;
  /** Projected points in this category. */
  count: number;
  /** The points without a category, or the categories past the palette together. */
  rest?: boolean;
}

export type Legend =
  | { kind: 'ramp'; title: string; gradient: string; ticks: { at: number; label: string }[]; missing: number }
  | { kind: 'categories'; title: string; entries: LegendEntry[] };

export interface PointColoring {
  colors: Float32Array;
  legend: Legend;
}

/** Points with no value. */
export const NO_VALUE: RGB = [0.32, 0.37, 0.43];
/** Categories past the palette's first MAX_CATEGORIES, together. */
export const OTHER: RGB = [0.62, 0.6, 0.56];
export const MAX_CATEGORIES = 20;
/** How near (a share of the ramp) an inner tick may come to an end tick. */
const TICK_CLEARANCE = 0.12;

const GRADIENT = `linear-gradient(to right, ${[0, 0.2, 0.4, 0.6, 0.8, 1].map((t) => cssColor(ramp(t))).join(', ')})`;

/** Compact numbers for ticks: 12, 3.4k, 1.2M, 2G, 0.05. */
export function shortNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${+(v / 1e9).toPrecision(2)}G`;
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(2)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toPrecision(2)}k`;
  return a >= 1 || a === 0 ? String(+v.toPrecision(3)) : String(+v.toPrecision(2));
}

/** Word counts on a log ramp, with a tick at each power of ten between the rarest and the commonest word. */
export function frequencyColoring(counts: ArrayLike<number>): PointColoring {
  const n = counts.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const l = Math.log10(Math.max(1, counts[i]));
    if (l < lo) lo = l;
    if (l > hi) hi = l;
  }
  if (!Number.isFinite(lo)) lo = hi = 0;
  const span = hi - lo || 1;
  const colors = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) colors.set(ramp((Math.log10(Math.max(1, counts[i])) - lo) / span), 3 * i);
  // Powers of ten between the ends, at most six of them, none so near an end that their labels would touch.
  const ticks = [{ at: 0, label: `${shortNumber(10 ** lo)}×` }];
  const step = Math.max(1, Math.ceil(span / 6));
  for (let e = Math.ceil(lo); e <= hi; e += step) {
    const at = (e - lo) / span;
    if (at >= TICK_CLEARANCE && at <= 1 - TICK_CLEARANCE) ticks.push({ at, label: `${shortNumber(10 ** e)}×` });
  }
  ticks.push({ at: 1, label: `${shortNumber(10 ** hi)}×` });
  return { colors, legend: { kind: 'ramp', title: 'Word count (log scale)', gradient: GRADIENT, ticks, missing: 0 } };
}

/** A numeric value per point (NaN: none) on a linear ramp from its least to its greatest value. */
export function numericColoring(values: ArrayLike<number>, title: string): PointColoring {
  const n = values.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  const span = hi - lo || 1;
  const colors = new Float32Array(n * 3);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) missing++;
    colors.set(Number.isNaN(v) ? NO_VALUE : ramp((v - lo) / span), 3 * i);
  }
  const ticks = Number.isFinite(lo) ? [0, 0.5, 1].map((at) => ({ at, label: shortNumber(lo + at * (hi - lo)) })) : [];
  return { colors, legend: { kind: 'ramp', title, gradient: GRADIENT, ticks, missing } };
}

/**
 * A category per point (−1: none). Categories are coloured in the order given (the
 * caller puts the largest first); past `maxShown` they share one colour and one
 * legend entry.
 */
export function categoryColoring(codes: ArrayLike<number>, names: readonly string[], title: string, maxShown = MAX_CATEGORIES, noValue = 'no value'): PointColoring {
  const n = codes.length;
  const colors = new Float32Array(n * 3);
  const counts = new Array<number>(names.length).fill(0);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (c < 0 || c >= names.length) {
      missing++;
      colors.set(NO_VALUE, 3 * i);
      continue;
    }
    counts[c]++;
    colors.set(c < maxShown ? categorical(c) : OTHER, 3 * i);
  }
  const entries: LegendEntry[] = names.slice(0, maxShown).map((label, c) => ({ label, color: cssColor(categorical(c)), count: counts[c] }));
  if (names.length > maxShown) {
    const rest = counts.slice(maxShown).reduce((s, v) => s + v, 0);
    entries.push({ label: `${names.length - maxShown} more`, color: cssColor(OTHER), count: rest, rest: true });
  }
  if (missing > 0) entries.push({ label: noValue, color: cssColor(NO_VALUE), count: missing, rest: true });
  return { colors, legend: { kind: 'categories', title, entries } };
}

/** The category of each word by a word → category map (−1 where the map has none). */
export function codesByWord(words: readonly string[], categoryOf: ReadonlyMap<string, number>): Int32Array {
  return Int32Array.from(words, (w) => categoryOf.get(w) ?? -1);
}
