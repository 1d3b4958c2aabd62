/**
 * Where the labels of the picture go, recomputed after every render: each label,
 * most important first, takes the first place beside its point that is on screen
 * and overlaps no label placed before it. The first places are right and left of
 * the point; then rows above and below on either side, so that words whose points
 * coincide (a word and its nearest neighbours often do) are stacked into a column
 * with a leader line to the point instead of being dropped. A label with no free
 * place is hidden. Pure arithmetic on typed arrays that are reused from frame to
 * frame: laying out costs no allocation while the camera moves.
 */

/** Gap in pixels between a point and the near edge of its label (the first place). */
export const LABEL_GAP = 7;
/** Rows tried above and below a point, on each side, before a label is hidden. */
const STACK_ROWS = 8;
/** Space between stacked labels. */
const ROW_GAP = 2;
/** How far a stacked column stands off from its point, so that its leader line shows. */
const STACK_INDENT = 14;

export interface LabelBoxes {
  /** Labels laid out. */
  count: number;
  /** Point positions in CSS pixels (x, y per label), written by the caller. */
  anchor: Float32Array;
  /** Label sizes (w, h per label), written by the caller when the text changes. */
  size: Float32Array;
  /** 1 where the label's point is in front of the camera and on the canvas, written by the caller. */
  onScreen: Uint8Array;
  /** Out: the label's top-left corner (x, y). */
  place: Float32Array;
  /** Out: 0 hidden, 1 beside its point, 2 stacked away from it (draw a leader line). */
  shown: Uint8Array;
}

export function labelBoxes(capacity: number): LabelBoxes {
  return {
    count: 0,
    anchor: new Float32Array(capacity * 2),
    size: new Float32Array(capacity * 2),
    onScreen: new Uint8Array(capacity),
    place: new Float32Array(capacity * 2),
    shown: new Uint8Array(capacity),
  };
}

/** The same boxes with room for at least `capacity` labels (the old ones when they are big enough). */
export function ensureCapacity(b: LabelBoxes, capacity: number): LabelBoxes {
  return b.shown.length >= capacity ? b : labelBoxes(Math.max(capacity, b.shown.length * 2));
}

/** Candidate k's top-left corner for a label of size (w, h) at (x, y): right, left, then stacked rows alternating above and below. */
function candidate(k: number, x: number, y: number, w: number, h: number, out: Float32Array): void {
  const row = k < 2 ? 0 : Math.floor((k - 2) / 4) + 1;
  const side = k < 2 ? k : (k - 2) % 2; // 0 right, 1 left
  const up = k >= 2 && Math.floor((k - 2) / 2) % 2 === 0;
  const indent = row === 0 ? LABEL_GAP : STACK_INDENT;
  out[0] = side === 0 ? x + indent : x - indent - w;
  out[1] = y - h / 2 + (up ? -1 : 1) * row * (h + ROW_GAP);
}

const CANDIDATES = 2 + 4 * STACK_ROWS;
const SPOT = new Float32Array(2);

/**
 * Lays out b.count labels on a width × height canvas, in their order (the first
 * wins a contested place). `fixed` boxes (x0, y0, x1, y1 each; axis names) are
 * taken before any label.
 */
export function layoutLabels(b: LabelBoxes, width: number, height: number, fixed: Float32Array, fixedCount: number): void {
  let placed = 0;
  for (let i = 0; i < b.count; i++) {
    b.shown[i] = 0;
    if (!b.onScreen[i]) continue;
    const x = b.anchor[2 * i];
    const y = b.anchor[2 * i + 1];
    const w = b.size[2 * i];
    const h = b.size[2 * i + 1];
    for (let k = 0; k < CANDIDATES; k++) {
      candidate(k, x, y, w, h, SPOT);
      const x0 = SPOT[0];
      const y0 = SPOT[1];
      if (x0 < 0 || y0 < 0 || x0 + w > width || y0 + h > height) continue;
      if (overlapsFixed(fixed, fixedCount, x0, y0, x0 + w, y0 + h)) continue;
      if (overlapsPlaced(b, placed, x0, y0, x0 + w, y0 + h)) continue;
      b.place[2 * i] = x0;
      b.place[2 * i + 1] = y0;
      b.shown[i] = k < 2 ? 1 : 2;
      b.onScreen[i] = 2; // marks it as placed for the overlap test of later labels
      placed++;
      break;
    }
  }
  for (let i = 0; i < b.count; i++) if (b.onScreen[i] === 2) b.onScreen[i] = 1;
}

function overlapsFixed(fixed: Float32Array, n: number, x0: number, y0: number, x1: number, y1: number): boolean {
  for (let f = 0; f < n; f++) {
    if (x0 < fixed[4 * f + 2] && x1 > fixed[4 * f] && y0 < fixed[4 * f + 3] && y1 > fixed[4 * f + 1]) return true;
  }
  return false;
}

/** Whether a box overlaps a label placed before it (those with onScreen = 2 this frame). */
function overlapsPlaced(b: LabelBoxes, placed: number, x0: number, y0: number, x1: number, y1: number): boolean {
  if (placed === 0) return false;
  for (let j = 0, seen = 0; seen < placed; j++) {
    if (b.onScreen[j] !== 2) continue;
    seen++;
    const px = b.place[2 * j];
    const py = b.place[2 * j + 1];
    if (x0 < px + b.size[2 * j] && x1 > px && y0 < py + b.size[2 * j + 1] && y1 > py) return true;
  }
  return false;
}
