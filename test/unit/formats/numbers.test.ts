import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeBadNumber, formatFloat32, parseDecimal } from '../../../src/engine/formats/numbers.js';

const bytes = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const parse = (s: string): number => parseDecimal(bytes(s), 0, s.length);

test('formatFloat32 reloads to the identical float32 for random bit patterns, and is never longer than the shortest', () => {
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  let s = 99;
  const shortest = (x: number): string => {
    for (let p = 1; p <= 9; p++) {
      const t = x.toPrecision(p);
      if (Math.fround(Number(t)) === x) return t;
    }
    return x.toPrecision(9);
  };
  const digits = (t: string): number => t.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
  for (let i = 0; i < 200_000; i++) {
    u[0] = s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const x = f[0];
    if (!Number.isFinite(x)) continue;
    const t = formatFloat32(x);
    assert.ok(Object.is(Math.fround(Number(t)), x), `${x} → ${t}`);
    assert.ok(Object.is(Math.fround(parse(t)), x), `our parser reads ${t} back`);
    if (i % 4 === 0) assert.ok(digits(t) <= digits(shortest(x)), `${x}: ${t} vs ${shortest(x)}`);
  }
});

test('formatFloat32 prints what numpy prints for common values', () => {
  const cases: [number, string][] = [
    [0.1, '0.1'], [-0, '-0'], [0, '0'], [1, '1'], [-2.5, '-2.5'], [1e-7, '1e-7'], [0.0001, '0.0001'], [0.00001, '1e-5'],
    [123456.789, '123456.79'], [3.4028234663852886e38, '3.4028235e+38'], [1.4e-45, '1e-45'], [16777216, '16777216'], [1e16, '1e+16'],
    [0.30000001192092896, '0.3'], [0.418, '0.418'], [-0.00002499999936844688, '-2.5e-5'],
  ];
  for (const [x, s] of cases) assert.equal(formatFloat32(Math.fround(x)), s, String(x));
});

test('parseDecimal agrees with Number on decimals and refuses everything else', () => {
  for (const s of ['0', '-0', '1', '+1.5', '.5', '5.', '-0.000123', '1e-05', '2E+3', '123456789012345', '1234567890123456789', '0.1234567890123456789', '1e-300', '1e300', '4.9e-324']) {
    assert.ok(Object.is(parse(s), Number(s)), s);
  }
  for (const s of ['', '-', '.', 'e5', '1e', '1e+', 'nan', 'NaN', 'inf', '-Infinity', '0x10', '1_000', '1,5', '1.2.3', '--1', 'abc', ' 1']) {
    assert.ok(Number.isNaN(parse(s)), JSON.stringify(s));
  }
  assert.equal(parse('1e999'), Infinity, 'overflow is infinite, and the reader refuses it');
});

test('describeBadNumber tells NaN, overflow and text apart', () => {
  assert.equal(describeBadNumber('nan'), 'is "nan"; NaN and infinite values are not allowed');
  assert.equal(describeBadNumber('-inf'), 'is "-inf"; NaN and infinite values are not allowed');
  assert.equal(describeBadNumber('1e40'), 'is "1e40", beyond the float32 range (±3.4e38)');
  assert.equal(describeBadNumber('x1'), 'is "x1", not a number');
  assert.equal(describeBadNumber(''), 'is empty');
});
