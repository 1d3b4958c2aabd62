/** Names, orders and number formats for evaluation results (shared by the run page, Analogy and Compare). */
import type { AnalogySummary, EvalReport, SimilaritySummary } from '../../../../shared/contract.js';

/** The sets the lab ships, in the order they are shown. */
export const ANALOGY_SETS = [
  { id: 'google', label: 'Google', help: '19,544 questions' },
  { id: 'msr', label: 'MSR', help: '8,000 questions' },
] as const;

export const SIMILARITY_SETS = [
  { id: 'ws353', label: 'WordSim353', help: '353 pairs' },
  { id: 'ws353_similarity', label: 'WS353 similarity', help: '203 pairs' },
  { id: 'ws353_relatedness', label: 'WS353 relatedness', help: '252 pairs' },
  { id: 'simlex999', label: 'SimLex-999', help: '999 pairs' },
  { id: 'men3000', label: 'MEN', help: '3,000 pairs' },
  { id: 'rw', label: 'Rare Words', help: '2,034 pairs' },
] as const;

export const METHODS = [
  { id: 'add', label: '3CosAdd' },
  { id: 'mul', label: '3CosMul' },
] as const;
export type Method = (typeof METHODS)[number]['id'];

/** The 14 Google sections in the file's order; the first five are semantic. */
export const GOOGLE_SECTIONS: { id: string; label: string; group: 'semantic' | 'syntactic' }[] = [
  { id: 'capital-common-countries', label: 'Capitals, common', group: 'semantic' },
  { id: 'capital-world', label: 'Capitals, world', group: 'semantic' },
  { id: 'currency', label: 'Currency', group: 'semantic' },
  { id: 'city-in-state', label: 'City in state', group: 'semantic' },
  { id: 'family', label: 'Family', group: 'semantic' },
  { id: 'gram1-adjective-to-adverb', label: 'Adjective → adverb', group: 'syntactic' },
  { id: 'gram2-opposite', label: 'Opposite', group: 'syntactic' },
  { id: 'gram3-comparative', label: 'Comparative', group: 'syntactic' },
  { id: 'gram4-superlative', label: 'Superlative', group: 'syntactic' },
  { id: 'gram5-present-participle', label: 'Present participle', group: 'syntactic' },
  { id: 'gram6-nationality-adjective', label: 'Nationality adjective', group: 'syntactic' },
  { id: 'gram7-past-tense', label: 'Past tense', group: 'syntactic' },
  { id: 'gram8-plural', label: 'Plural nouns', group: 'syntactic' },
  { id: 'gram9-plural-verbs', label: 'Plural verbs', group: 'syntactic' },
];

const KNOWN_LABELS: Record<string, string> = Object.fromEntries(
  [...ANALOGY_SETS, ...SIMILARITY_SETS].map((s) => [s.id, s.label] as [string, string]),
);

/** "google" → "Google"; a user's file keeps its file name. */
export function setLabel(id: string): string {
  return KNOWN_LABELS[id] ?? id;
}

export function methodLabel(m: string): string {
  return METHODS.find((x) => x.id === m)?.label ?? m;
}

function ordered(ids: string[], known: readonly { id: string }[]): string[] {
  const rank = new Map(known.map((s, i) => [s.id, i]));
  return [...ids].sort((a, b) => (rank.get(a) ?? 99) - (rank.get(b) ?? 99) || a.localeCompare(b));
}

export const analogyIds = (r: EvalReport): string[] => ordered(Object.keys(r.analogy), ANALOGY_SETS);
export const similarityIds = (r: EvalReport): string[] => ordered(Object.keys(r.similarity), SIMILARITY_SETS);

export function isEmptyReport(r: EvalReport | null | undefined): boolean {
  return !r || (Object.keys(r.analogy).length === 0 && Object.keys(r.similarity).length === 0);
}

/** A set's results per method, or null. */
export function summaryOf(r: EvalReport | null | undefined, set: string, method: Method): AnalogySummary | null {
  return r?.analogy[set]?.[method] ?? null;
}

/** The summary any method of a set has (for question and OOV counts, which do not depend on the method). */
export function anySummary(r: EvalReport, set: string): AnalogySummary | null {
  const s = r.analogy[set];
  return s?.add ?? s?.mul ?? null;
}

/** 0.4271 → "42.7%". */
export function fmtPct(v: number | null | undefined, digits = 1): string {
  if (v == null || !Number.isFinite(v)) return '—';
  return `${(100 * v).toFixed(digits)}%`;
}

/** A difference of two fractions in percentage points, signed: "+3.2 pp". */
export function fmtPp(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '—';
  const pp = 100 * v;
  const s = Math.abs(pp) < 0.05 ? '0.0' : pp.toFixed(1);
  return `${pp > 0.05 ? '+' : pp < -0.05 ? '−' : '±'}${s.replace('-', '')} pp`;
}

/** A correlation: "0.612"; the engine sends null when no pair was in the vocabulary. */
export function fmtRho(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '—';
  return v.toFixed(3).replace('-', '−');
}

export function fmtSignedRho(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '—';
  if (Math.abs(v) < 0.0005) return '±0.000';
  return `${v > 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;
}

/** The similarity figure that exists: a set whose pairs were all out of vocabulary has no ρ. */
export function rhoOf(s: SimilaritySummary | undefined): number | null {
  const v = s?.spearman as number | null | undefined;
  return v == null || !Number.isFinite(v) ? null : v;
}

/**
 * A set's sections in display order. The shipped Google set always lists its
 * 14 sections (one with no question in vocabulary says so); a user's file in
 * Google's layout keeps Google's order and groups; any other set keeps the
 * engine's order.
 */
export function sectionRows(set: string, summaries: (AnalogySummary | null)[]): { id: string; label: string; group?: 'semantic' | 'syntactic' }[] {
  const seen = new Set<string>();
  for (const s of summaries) for (const k of Object.keys(s?.sections ?? {})) seen.add(k);
  const googleLike = set === 'google' || GOOGLE_SECTIONS.some((g) => seen.has(g.id));
  if (!googleLike) return [...seen].map((id) => ({ id, label: id }));
  const known = new Set(GOOGLE_SECTIONS.map((g) => g.id));
  const listed = set === 'google' ? GOOGLE_SECTIONS : GOOGLE_SECTIONS.filter((g) => seen.has(g.id));
  return [...listed, ...[...seen].filter((k) => !known.has(k)).map((id) => ({ id, label: id }))];
}
