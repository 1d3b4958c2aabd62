/**
 * Numbers in text vector files: a fast decimal parser over bytes, and float32 formatting that reloads
 * to the identical float32.
 */
import { printable } from '../../shared/printable.js';

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL = /^[+-]?(nan|inf|infinity)$/i;

/**
 * Parses buf[s..e) as a decimal number ("-0.25", "1e-05", ".5", "3."). Returns NaN for anything else
 * (including "nan", "inf", hex and empty fields); the caller tells them apart with describeBadNumber.
 *
 * The fast path is exact: up to 15 significant digits and a power of ten up to 22 make one correctly
 * rounded double operation (Clinger), the same double Number() gives. Everything else goes to Number().
 */
export function parseDecimal(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let neg = false;
  let c = b[i];
  if (c === 45) {
    neg = true;
    i++;
  } else if (c === 43) i++;
  let m = 0;
  let sig = 0;
  let exp = 0;
  let digits = 0;
  let slow = false;
  while (i < e) {
    c = b[i];
    if (c < 48 || c > 57) break;
    digits++;
    if (m !== 0 || c !== 48) {
      if (sig < 15) {
        m = m * 10 + (c - 48);
        sig++;
      } else slow = true;
    }
    i++;
  }
  if (i < e && b[i] === 46) {
    i++;
    while (i < e) {
      c = b[i];
      if (c < 48 || c > 57) break;
      digits++;
      if (m !== 0 || c !== 48) {
        if (sig < 15) {
          m = m * 10 + (c - 48);
          sig++;
          exp--;
        } else slow = true;
      } else exp--; // a leading zero after the point
      i++;
    }
  }
  if (digits === 0) return slowParse(b, s, e);
  if (i < e && (b[i] === 101 || b[i] === 69)) {
    i++;
    let eneg = false;
    if (i < e && (b[i] === 45 || b[i] === 43)) {
      eneg = b[i] === 45;
      i++;
    }
    let x = 0;
    let xd = 0;
    while (i < e) {
      c = b[i];
      if (c < 48 || c > 57) break;
      if (x < 100000) x = x * 10 + (c - 48);
      xd++;
      i++;
    }
    if (xd === 0) return NaN;
    exp += eneg ? -x : x;
  }
  if (i !== e) return slowParse(b, s, e);
  if (slow) return slowParse(b, s, e);
  let v: number;
  if (m === 0) v = 0;
  else if (exp === 0) v = m;
  else if (exp > 0 && exp <= 22) v = m * POW10[exp];
  else if (exp < 0 && exp >= -22) v = m / POW10[-exp];
  else return slowParse(b, s, e);
  return neg ? -v : v;
}

function slowParse(b: Uint8Array, s: number, e: number): number {
  const str = Buffer.from(b.buffer, b.byteOffset + s, e - s).toString('latin1');
  return DECIMAL.test(str) ? Number(str) : NaN;
}

/** Why a field is not an acceptable vector value, for an error message: 'is "x", not a number'. */
export function describeBadNumber(text: string): string {
  const shown = `"${printable(text, 40)}"`; // control bytes and DEL as \xNN (JSON.stringify leaves DEL raw)
  if (SPECIAL.test(text)) return `is ${shown}; NaN and infinite values are not allowed`;
  if (DECIMAL.test(text)) return `is ${shown}, beyond the float32 range (±3.4e38)`;
  return `is ${text.length === 0 ? 'empty' : `${shown}, not a number`}`;
}

/**
 * The shortest decimal that reads back (through a correctly rounded parse to double, then to float32) as
 * exactly the float32 value x, like numpy's repr(np.float32) that gensim's text writer prints.
 *
 * For p = 6, 7, 8, 9 significant digits it takes D = round(|x|·10^q) and keeps the first D·10^-q whose
 * float32 is x, without its trailing zeros. Starting at 6 loses nothing: a float32's round-trip interval
 * is narrower than 0.06 units of the 6th digit, so a shorter decimal that reads back as x is also the
 * 6-digit rounding of x, zero-padded. The check is exact: with D < 2^53 and |q| ≤ 22, D / 10^q is one correctly rounded double
 * operation, the same double any correct parser gives for the printed decimal. Values that need |q| > 22
 * (below ~1e-13 or above ~1e22) go through toPrecision instead.
 */
export function formatFloat32(x: number): string {
  const n = writeFloat32(SCRATCH, 0, x);
  return SCRATCH.toString('latin1', 0, n);
}

const SCRATCH = Buffer.alloc(64);
const DIGITS = new Uint8Array(24);

/** Writes formatFloat32(x) as ASCII into out at `at` (out needs 32 bytes of room); returns the new end. */
export function writeFloat32(out: Uint8Array, at: number, x: number): number {
  if (x === 0) {
    if (Object.is(x, -0)) out[at++] = 45;
    out[at++] = 48;
    return at;
  }
  const ax = x < 0 ? -x : x;
  if (x < 0) out[at++] = 45;
  if (ax < 16777216 && Number.isInteger(ax)) return writeInt(out, at, ax);
  const k = Math.floor(Math.log10(ax));
  for (let p = 6; p <= 9; p++) {
    const q = p - 1 - k;
    if (q > 22 || q < -22) break;
    const D = Math.round(q >= 0 ? ax * POW10[q] : ax / POW10[-q]);
    const v = q >= 0 ? D / POW10[q] : D * POW10[-q];
    if (Math.fround(v) === ax) return placeDigits(out, at, D, q);
  }
  const s = slowFormat(ax);
  for (let i = 0; i < s.length; i++) out[at++] = s.charCodeAt(i);
  return at;
}

function writeInt(out: Uint8Array, at: number, v: number): number {
  let n = 0;
  do {
    DIGITS[n++] = 48 + (v % 10);
    v = Math.floor(v / 10);
  } while (v > 0);
  while (n > 0) out[at++] = DIGITS[--n];
  return at;
}

/** D · 10^-q as a short decimal: positional for exponents -4..15, else "d.ddde±x". */
function placeDigits(out: Uint8Array, at: number, D: number, q: number): number {
  let n = 0; // DIGITS holds D's digits, least significant first
  let v = D;
  do {
    DIGITS[n++] = 48 + (v % 10);
    v = Math.floor(v / 10);
  } while (v > 0);
  let lo = 0; // trailing zeros dropped
  while (lo < n - 1 && DIGITS[lo] === 48) {
    lo++;
    q--;
  }
  const len = n - lo;
  const E = len - 1 - q; // the exponent of the leading digit
  if (E < -4 || E > 15) {
    out[at++] = DIGITS[n - 1];
    if (len > 1) {
      out[at++] = 46;
      for (let i = n - 2; i >= lo; i--) out[at++] = DIGITS[i];
    }
    out[at++] = 101;
    out[at++] = E < 0 ? 45 : 43;
    return writeInt(out, at, E < 0 ? -E : E);
  }
  if (q <= 0) {
    for (let i = n - 1; i >= lo; i--) out[at++] = DIGITS[i];
    for (let i = 0; i < -q; i++) out[at++] = 48;
    return at;
  }
  if (q >= len) {
    out[at++] = 48;
    out[at++] = 46;
    for (let i = 0; i < q - len; i++) out[at++] = 48;
    for (let i = n - 1; i >= lo; i--) out[at++] = DIGITS[i];
    return at;
  }
  for (let i = n - 1; i >= lo; i--) {
    out[at++] = DIGITS[i];
    if (i - lo === q) out[at++] = 46;
  }
  return at;
}

function slowFormat(x: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return trimZeros(s);
  }
  return trimZeros(x.toPrecision(9));
}

/** "1.500000" → "1.5", "2.000e-7" → "2e-7", "1.0e+21" → "1e+21". */
function trimZeros(s: string): string {
  if (s.indexOf('.') === -1) return s;
  const ePos = s.indexOf('e');
  let mant = ePos === -1 ? s : s.slice(0, ePos);
  const tail = ePos === -1 ? '' : s.slice(ePos);
  let k = mant.length;
  while (mant.charCodeAt(k - 1) === 48) k--;
  if (mant.charCodeAt(k - 1) === 46) k--;
  mant = mant.slice(0, k);
  return mant + tail;
}
