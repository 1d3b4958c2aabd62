/**
 * Custom axes: each axis is a direction in the original space, the mean of the
 * unit vectors of its "plus" words minus the mean of its "minus" words (or the
 * mean of the plus words alone when there are none), scaled to unit length. A
 * point's coordinate on an axis is the dot product of its unit vector with that
 * direction, a cosine-like score in [−1, 1]. With `orthogonalize`, the directions
 * go through Gram–Schmidt in order first (x kept; y loses its x part; z its x and
 * y parts), so the picture is an orthogonal projection onto their plane or space;
 * without it the coordinates are the raw scores on each direction, as the
 * TensorFlow Projector's custom projection shows them.
 */
import { LabError } from '../../shared/labError.js';
import type { ProjectionAxisInfo } from '../../shared/contract.js';

export interface AxisInput {
  plus: string[];
  minus: string[];
}

export interface VectorLookup {
  dim: number;
  unit: Float32Array;
  indexOf(word: string): number | undefined;
}

export function axisDirections(kv: VectorLookup, axes: AxisInput[], orthogonalize: boolean): { directions: Float64Array[]; info: ProjectionAxisInfo[] } {
  const d = kv.dim;
  const info: ProjectionAxisInfo[] = [];
  const directions = axes.map((axis, a) => {
    const name = 'xyz'[a];
    const missing: string[] = [];
    const mean = (words: string[]): Float64Array | null => {
      const v = new Float64Array(d);
      let found = 0;
      for (const w of words) {
        const i = kv.indexOf(w);
        if (i === undefined) {
          missing.push(w);
          continue;
        }
        found++;
        for (let t = 0; t < d; t++) v[t] += kv.unit[i * d + t];
      }
      if (found === 0) return null;
      for (let t = 0; t < d; t++) v[t] /= found;
      return v;
    };
    const plus = mean(axis.plus);
    if (!plus) throw new LabError(`Axis ${name}: none of its words (${axis.plus.join(', ')}) is in this run's vocabulary.`, 'invalid');
    const minus = axis.minus.length ? mean(axis.minus) : null;
    if (axis.minus.length && !minus) throw new LabError(`Axis ${name}: none of the words it subtracts (${axis.minus.join(', ')}) is in this run's vocabulary.`, 'invalid');
    const dir = minus ? plus.map((x, t) => x - minus[t]) : plus;
    info.push({ label: axisLabel(axis), plus: axis.plus, minus: axis.minus, missing });
    return dir;
  });
  for (let a = 0; a < directions.length; a++) {
    const v = directions[a];
    if (orthogonalize) {
      for (let p = 0; p < a; p++) {
        let dot = 0;
        for (let t = 0; t < d; t++) dot += v[t] * directions[p][t];
        for (let t = 0; t < d; t++) v[t] -= dot * directions[p][t];
      }
    }
    let norm = 0;
    for (let t = 0; t < d; t++) norm += v[t] * v[t];
    norm = Math.sqrt(norm);
    if (!(norm > 1e-9)) {
      throw new LabError(
        orthogonalize && a > 0
          ? `Axis ${'xyz'[a]} lies along the axes before it: nothing is left after making it orthogonal. Pick other words or turn orthogonalisation off.`
          : `Axis ${'xyz'[a]} is a zero vector: its two word lists have the same mean.`,
        'invalid',
      );
    }
    for (let t = 0; t < d; t++) v[t] /= norm;
  }
  return { directions, info };
}

function axisLabel(axis: AxisInput): string {
  const side = (w: string[]): string => (w.length <= 3 ? w.join(' + ') : `${w.slice(0, 2).join(' + ')} + ${w.length - 2} more`);
  return axis.minus.length ? `${side(axis.plus)} − ${side(axis.minus)}` : side(axis.plus);
}

/** Coordinates of the rows of X (row-major n × d) on the directions: n × directions.length. */
export function projectOnAxes(X: Float32Array, n: number, d: number, directions: Float64Array[]): Float64Array {
  const m = directions.length;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let a = 0; a < m; a++) {
      const v = directions[a];
      let s = 0;
      for (let t = 0; t < d; t++) s += X[o + t] * v[t];
      out[i * m + a] = s;
    }
  }
  return out;
}
