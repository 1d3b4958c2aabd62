/** What the picture marks besides the cloud (the selection, its neighbours, search hits, the hovered point), and the sizes points are drawn at. */

export type HighlightKind = 'selected' | 'neighbor' | 'hit' | 'hover';

export interface Highlight {
  index: number;
  kind: HighlightKind;
}

export interface LabelItem {
  index: number;
  text: string;
  kind: HighlightKind;
}

/** A cloud point's diameter in CSS pixels: smaller as there are more of them. */
export function baseSize(n: number): number {
  return n > 30000 ? 2.6 : n > 10000 ? 3.2 : n > 2000 ? 4 : n > 500 ? 5.5 : 7;
}

/** A highlighted point's diameter in CSS pixels, over a cloud of n points. */
export function markSize(kind: HighlightKind, n: number): number {
  const b = baseSize(n);
  return kind === 'selected' || kind === 'hover' ? b + 9 : kind === 'neighbor' ? b + 6 : b + 5;
}

function rank(kind: HighlightKind): number {
  return kind === 'hover' ? 3 : kind === 'selected' ? 2 : kind === 'neighbor' ? 1 : 0;
}

/** The highlights in drawing order: the most important last, on top. */
export function drawingOrder(items: Highlight[]): Highlight[] {
  return [...items].sort((a, b) => rank(a.kind) - rank(b.kind));
}

/** The dark ring around a highlighted point (the sprite shader's ring colour). */
export const RING: [number, number, number] = [0.05, 0.07, 0.09];
/** A highlight's inner disc, as a share of its diameter (inside the ring). */
export const RING_INNER = 0.34;
