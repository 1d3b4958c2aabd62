import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportVectors } from '../../../src/engine/formats/index.js';
import { tempDir } from '../../helpers/fixtures.js';

const child = fileURLToPath(new URL('./memoryChild.ts', import.meta.url));

test('importing a ~220 MB GloVe file (200k × 100, no header) streams: peak memory stays within 2.5× the matrix', { timeout: 180_000 }, async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const V = 200_000;
  const d = 100;
  const file = join(dir.path, 'big.glove.txt');
  {
    const W = new Float32Array(V * d);
    for (let i = 0; i < W.length; i++) W[i] = Math.fround(Math.sin(i) * 0.7);
    const words = Array.from({ length: V }, (_, i) => `w${i}`);
    await exportVectors({ words, counts: new Uint32Array(V), dim: d, W }, { format: 'glove', out: file });
  }
  const size = statSync(file).size;
  assert.ok(size > 200e6, `the file is ${size} bytes`);
  const out = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', child, file], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  assert.equal(out.words, V);
  assert.equal(out.dim, d);
  assert.equal(out.matrixBytes, V * d * 4);
  const ratio = out.growth / out.matrixBytes;
  t.diagnostic(`file ${(size / 1e6).toFixed(0)} MB, matrix ${(out.matrixBytes / 1e6).toFixed(0)} MB, peak RSS growth ${(out.growth / 1e6).toFixed(0)} MB = ${ratio.toFixed(2)}× the matrix`);
  assert.ok(ratio < 2.5, `peak RSS growth is ${ratio.toFixed(2)}× the matrix (expected < 2.5×)`);
  assert.ok(out.updates > 50, `progress was reported as the file was read (${out.updates} updates)`);
  assert.ok(out.monotonic);
  assert.equal(out.total, size);
  assert.equal(out.last, size);
});
