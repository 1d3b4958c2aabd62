/**
 * The learning dynamics from the command line at the scale of the acceptance (V up to 2000, d = 20,
 * σ₀ = 1e-6): on a generated corpus of 22 topics (21 positive modes of M*), `dynamics --json` prints
 * the backend, the observed loss steps with their modes and predicted steps, the overlap and the time
 * per step; the steps come one mode at a time, in eigenvalue order, near the theory's times. The run
 * it stores is an ordinary run: it exports like any other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/fixtures.js';
import { writeTopicCorpus } from '../helpers/topicCorpus.js';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'embedlab.js');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Step { step: number; mode: number; predicted: number | null; eigenvalue: number }

test('dynamics --json at V 2000, d 20: ≥ 10 distinct steps in eigenvalue order, the first 10 within 25%, overlap ≥ 0.95', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  writeTopicCorpus(join(dir.path, 'topics'), { topics: 22, sentences: 40_000 });
  const db = join(dir.path, 'lab.db');
  assert.equal(cli(['corpus', 'add', join(dir.path, 'topics'), '--min-count', '1', '--db', db, '--json']).code, 0);

  const backends = JSON.parse(cli(['dynamics', 'backends', '--db', db, '--json']).out) as { id: string; available: boolean }[];
  assert.ok(backends.find((b) => b.id === 'js')!.available, 'the reference is always there');
  // The native kernels where they are built (fast); else let auto choose.
  const backend = backends.find((b) => b.id === 'native')?.available ? 'native' : 'auto';

  const r = cli(['dynamics', '1', '--model', 'qwem', '--vocab', '2000', '--dim', '20', '--init', '1e-6', '--min-count', '1', '--backend', backend, '--db', db, '--json']);
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  assert.equal(report.model, 'qwem');
  assert.equal(report.dim, 20);
  assert.ok(report.vocab > 1000 && report.vocab <= 2000, `V = ${report.vocab}`);
  if (backend === 'native') assert.equal(report.backend, 'native');
  assert.equal(typeof report.device, 'string');
  assert.ok(report.msPerStep > 0 && report.totalSteps > 0);

  const steps = report.steps as Step[];
  assert.ok(steps.length >= 10, `${steps.length} modes rose`);
  // Order: sorted by the step at which they rose, the modes come in eigenvalue order.
  for (let i = 1; i < steps.length; i++) assert.ok(steps[i].eigenvalue <= steps[i - 1].eigenvalue, `mode ${steps[i].mode} rose after ${steps[i - 1].mode}`);
  const distinct = steps.filter((s, i) => i === 0 || s.step > steps[i - 1].step).length;
  assert.ok(distinct >= 10 && report.distinctSteps >= 10, `${distinct} distinct steps`);
  const firstTen = steps.filter((s) => s.mode < 10);
  assert.equal(firstTen.length, 10);
  for (const s of firstTen) assert.ok(s.predicted !== null && Math.abs(s.step - s.predicted) <= 0.25 * s.predicted, `mode ${s.mode}: ${s.step} vs ${s.predicted}`);
  assert.equal(report.orderMatches, true);
  assert.equal(report.firstTenWithin25, 10);
  assert.ok(report.overlap >= 0.95, `overlap ${report.overlap}`);

  // Stored like any other run: it exports as word2vec text, one row per word of the dynamics' vocabulary.
  const out = join(dir.path, 'dynamics.txt');
  const exp = cli(['export', String(report.run), '--format', 'w2v-text', '--out', out, '--db', db, '--json']);
  assert.equal(exp.code, 0, exp.err);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], `${report.vocab} 20`);
  assert.equal(lines.length, report.vocab + 1);
  assert.ok(lines[1].split(' ').slice(1).every((x) => Number.isFinite(Number(x))));
});
