/**
 * Numbers in text vector files: a fast decimal parser over bytes, and float32 formatting that reloads
 * to the identical float32.
 */

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
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  if (SPECIAL.test(text)) return `is ${shown}; NaN and infinite values are not allowed`;
  if (DECIMAL.test(text)) return `is ${shown}, beyond the float32 range (±3.4e38)`;
  return `is ${text.length === 0 ? 'empty' : `${shown}, not a number`}`;
}

/**
 * The shortest decimal that reads back (through a correctly rounded parse to double, then to float32) as
 * exactly the float32 value x: what numpy's repr(np.float32) and so gensim's text writer print.
 */
export function formatFloat32(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  if (Number.isInteger(x) && x < 16777216 && x > -16777216) return String(x);
  let s = x.toPrecision(7);
  if (Math.fround(Number(s)) === x) {
    for (let p = 6; p >= 1; p--) {
      const t = x.toPrecision(p);
      if (Math.fround(Number(t)) !== x) break;
      s = t;
    }
  } else {
    s = x.toPrecision(8);
    if (Math.fround(Number(s)) !== x) s = x.toPrecision(9);
  }
  return trimZeros(s);
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
