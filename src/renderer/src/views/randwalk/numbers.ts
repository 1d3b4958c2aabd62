/** Number formats for the RAND-WALK view (a true minus sign; the tests format the API's numbers the same way). */

/** Fixed digits, with "−" for negatives; "—" for a missing or non-finite value. */
export function fix(v: number | null | undefined, digits: number): string {
  if (v == null || !Number.isFinite(v)) return '—';
  return v.toFixed(digits).replace('-', '−');
}

/** A percentage with one decimal. */
export function pct(v: number | null | undefined): string {
  if (v == null || !Number.isFinite(v)) return '—';
  return `${(100 * v).toFixed(1)}%`;
}

/** 1234567 → "1.23M", 1234 → "1.23k", 12.3456 → "12.3". */
export function rateText(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toPrecision(3)}G`;
  if (a >= 1e6) return `${(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${(v / 1e3).toPrecision(3)}k`;
  return String(Number(v.toPrecision(3)));
}
