/**
 * The kill matrix: every long job of the lab is SIGKILLed at a random moment, N times per
 * kind (EMBEDLAB_HEAVY=1: 10; by default 2), and after each kill
 *  - the lab opens (`run list`), `PRAGMA integrity_check` is ok and no foreign key is broken;
 *  - every corpus and run finished before the kill is stored byte for byte as it was;
 *  - no row has lost its parent, and every corpus and finished run present is whole;
 *  - the interrupted job shows as such: a run is 'interrupted' with no vectors, an ingestion,
 *    a generation or an import stored nothing, an export left the target as it was;
 *  - the only temporary files are the dead process's own (named with its PID),
 * and after the kills the next job of the same kind runs whole and sweeps those files away.
 * The moments are drawn from a seeded generator (EMBEDLAB_KILL_SEED, printed with each kill)
 * within a window timed on a whole job of the kind, so a failure can be replayed.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../src/engine/base/random.js';
import { tempDir } from '../helpers/fixtures.js';
import {
  buildEngine, cliJson, inspectLab, killDuring, leftoversIn, traceJob, writeTextFolder, writeVectorFile,
  type Env, type LabState,
} from './killHarness.js';

const HEAVY = process.env.EMBEDLAB_HEAVY === '1';
const KILLS = HEAVY ? 10 : 2;
const SEED = Number(process.env.EMBEDLAB_KILL_SEED ?? 16);

interface Fixture {
  dir: string;
  db: string;
  /** A text folder whose ingestion takes a second or two. */
  bigText: string;
  /** The corpus the training runs use (about 700,000 tokens over 3,000 words). */
  corpus: number;
  /** A word2vec text file of 50,000 × 100 and the run imported from it. */
  vectorFile: string;
  importedRun: number;
  exportDir: string;
}

interface KillKind {
  name: string;
  /** The CLI words of attempt n (0: the whole job timed before the kills; each kill and the job after them count on). */
  args(fx: Fixture, n: number): string[];
  /** The kill lands between the first progress line of `from` ('' : the first line) and the first of `until` (null: the exit). */
  from: string;
  until: string | null;
  /** What the job stores when it finishes. */
  makes: 'corpus' | 'run' | 'imported run' | 'export';
}

const train = (fx: Fixture, method: string, ...rest: string[]): string[] => ['train', String(fx.corpus), '--method', method, ...rest, '--db', fx.db];
const exportTarget = (fx: Fixture): string => join(fx.exportDir, 'vectors.txt');

const KINDS: KillKind[] = [
  { name: 'ingestion', args: (fx) => ['corpus', 'add', fx.bigText, '--db', fx.db], from: '', until: null, makes: 'corpus' },
  // A new subsampling seed is a new co-occurrence table, so every attempt counts rather than reading the cache.
  { name: 'counting', args: (fx, n) => train(fx, 'ppmi-svd', '--dim', '20', '--subsample', '0.001', '--seed', String(1000 + n)), from: 'counting', until: 'ppmi', makes: 'run' },
  { name: 'svd', args: (fx) => train(fx, 'ppmi-svd', '--dim', '120', '--power-iterations', '10'), from: 'svd', until: null, makes: 'run' },
  { name: 'sgns', args: (fx) => train(fx, 'sgns', '--dim', '50', '--epochs', '2'), from: 'training', until: null, makes: 'run' },
  { name: 'glove', args: (fx) => train(fx, 'glove', '--dim', '50', '--iterations', '6'), from: 'training', until: null, makes: 'run' },
  { name: 'randwalk', args: (fx, n) => ['randwalk', '--vocab', '2000', '--dim', '50', '--tokens', '400000', '--seed', String(n + 1), '--db', fx.db], from: '', until: null, makes: 'corpus' },
  { name: 'export', args: (fx) => ['export', String(fx.importedRun), '--format', 'w2v-text', '--out', exportTarget(fx), '--db', fx.db], from: '', until: null, makes: 'export' },
  { name: 'import', args: (fx) => ['import', fx.vectorFile, '--db', fx.db], from: '', until: null, makes: 'imported run' },
];

let fx: Fixture;
const cleanup: (() => void)[] = [];
const summary: string[] = [];

before(() => {
  buildEngine();
  const dir = tempDir('embedlab-kills-');
  cleanup.push(dir.cleanup);
  const db = join(dir.path, 'lab.db');
  const env = { ...process.env, TMPDIR: dir.path };
  const small = writeTextFolder(join(dir.path, 'small-text'), { mb: 4, files: 8, vocab: 3000 });
  const corpus = cliJson<{ id: number }>(['corpus', 'add', small, '--db', db], env).id;
  const vectorFile = writeVectorFile(join(dir.path, 'vectors.w2v.txt'), { words: 50_000, dim: 100 });
  const importedRun = cliJson<{ runId: number }>(['import', vectorFile, '--db', db], env).runId;
  const exportDir = join(dir.path, 'exports');
  mkdirSync(exportDir);
  fx = { dir: dir.path, db, bigText: writeTextFolder(join(dir.path, 'big-text'), { mb: 30, files: 20, vocab: 5000 }), corpus, vectorFile, importedRun, exportDir };
});

after(() => {
  console.log(`kill matrix, seed ${SEED}, ${KILLS} per kind${HEAVY ? ' (EMBEDLAB_HEAVY)' : ''}:\n${summary.join('\n')}`);
  for (const c of cleanup) c();
});

const fileHash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const nameSeed = (name: string): number => [...name].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0, 2166136261);

interface Tally {
  /** Kills that landed inside the window, and how many of them passed every check. */
  ran: number;
  passed: number;
  /** Of those, kills that interrupted the job (the rest came after it had stored its result). */
  midJob: number;
  /** Kills past the window's end: checked as strictly, not counted. */
  late: number;
  /** Attempts that ended on their own before the kill. */
  missed: number;
  /** Temporary files and folders the killed processes left (for the next job to sweep). */
  leftovers: Set<string>;
  /** Runs the kills interrupted. */
  interrupted: number[];
  failures: string[];
}

for (const kind of KINDS) {
  test(`kills: ${kind.name}`, { timeout: HEAVY ? 600_000 : 120_000 }, async (t) => {
    const tmp = join(fx.dir, `tmp-${kind.name}`); // this kind's own temp folder: its spill folders are its own
    mkdirSync(tmp);
    const env: Env = { ...process.env, TMPDIR: tmp };
    const t0 = performance.now();
    const whole = await traceJob(kind.args(fx, 0), env, kind.from, kind.until);
    assert.equal(whole.status, 0, `the whole ${kind.name} job before the kills failed: ${whole.stderr.slice(-2000)}`);
    assert.ok(whole.windowMs > 0, `the ${kind.name} job never showed phase "${kind.from}"`);
    const exported = kind.makes === 'export' ? fileHash(exportTarget(fx)) : null;
    const tally = await killRepeatedly(t, kind, env, { windowMs: whole.windowMs, exported, tmp });
    let swept = false;
    let resumed: number | null = null;
    try {
      // The next job of the same kind runs whole and sweeps what the dead processes left.
      const next = await traceJob(kind.args(fx, 3 * KILLS + 1), env, kind.from, kind.until);
      assert.equal(next.status, 0, `the ${kind.name} job after the kills failed: ${next.stderr.slice(-2000)}`);
      assert.deepEqual(leftoversIn([tmp, fx.exportDir]).map((l) => l.path), [], `the ${kind.name} job after the kills swept every leftover`);
      swept = true;
      if (exported) assert.equal(fileHash(exportTarget(fx)), exported, 'the export after the kills wrote the same file');
      const last = tally.interrupted.at(-1);
      if (last !== undefined) {
        // The interrupted run continues from its last checkpoint (or from the start, for a method without one).
        cliJson(['train', '--resume', String(last), '--db', fx.db], env);
        resumed = last;
      }
      const final = inspectLab(fx.db);
      assert.equal(final.integrity, 'ok');
      assert.deepEqual(final.broken, []);
      if (resumed !== null) assert.equal(final.runs.get(resumed)?.status, 'done', `run ${resumed}, resumed after its kill`);
    } finally {
      const line = `kills: ${kind.name} ${describeTally(kind, tally, swept, resumed)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
      summary.push(line);
      t.diagnostic(line);
    }
    assert.deepEqual(tally.failures, [], tally.failures.join('\n'));
    assert.equal(tally.ran, KILLS, `${KILLS} kills of ${kind.name} landed while it ran`);
  });
}

/** "2/2 passed (1 after the result was stored; …)". */
function describeTally(kind: KillKind, tally: Tally, swept: boolean, resumed: number | null): string {
  const extra = [
    tally.ran > tally.midJob && `${tally.ran - tally.midJob} after the result was stored`,
    tally.late && `${tally.late} more after "${kind.until}", checked, not counted`,
    tally.missed && `${tally.missed} ended before the kill`,
    tally.leftovers.size && `${tally.leftovers.size} temporary files of the dead, ${swept ? '' : 'NOT '}swept by the next job`,
    resumed !== null && `run ${resumed} resumed after its kill and done`,
  ].filter(Boolean);
  return `${tally.passed}/${tally.ran} passed${extra.length ? ` (${extra.join('; ')})` : ''}`;
}

/** Kills the kind's job until KILLS kills have landed in the window (at most 3 × KILLS tries), checking after each. */
async function killRepeatedly(t: TestContext, kind: KillKind, env: Env, o: { windowMs: number; exported: string | null; tmp: string }): Promise<Tally> {
  const rng = new Rng(SEED ^ nameSeed(kind.name));
  // The window is the shortest this kind's phase has taken yet: jobs run faster once the machine is warm.
  let windowMs = o.windowMs;
  const tally: Tally = { ran: 0, passed: 0, midJob: 0, late: 0, missed: 0, leftovers: new Set(), interrupted: [], failures: [] };
  const deadPids = new Set<number>();
  for (let n = 1; tally.ran < KILLS && n <= 3 * KILLS; n++) {
    const beforeKill: Before = { state: inspectLab(fx.db), exportInode: o.exported ? statSync(exportTarget(fx)).ino : null };
    const delay = Math.round(rng.next() * windowMs);
    const k = await killDuring(kind.args(fx, n), env, { from: kind.from, until: kind.until, delayMs: delay });
    if (k.windowMs !== null) windowMs = Math.min(windowMs, k.windowMs);
    const where = `${kind.name} try ${n} (EMBEDLAB_KILL_SEED=${SEED}, ${delay} ms after "${kind.from || 'its first line'}", last line "${k.lastLine}")`;
    if (!k.killed) {
      // It finished before the delay ran out: not a kill; a job that failed or hung by itself is a failure.
      tally.missed++;
      if (k.status !== 0) tally.failures.push(`${where}: the job ended with ${k.status ?? 'a signal'} by itself: ${k.stderr.slice(-500)}`);
      continue;
    }
    if (k.inWindow) tally.ran++;
    else tally.late++;
    deadPids.add(k.pid);
    for (const l of leftoversIn([o.tmp, fx.exportDir])) tally.leftovers.add(l.path);
    try {
      const { midJob, interruptedRun } = checkAfterKill(kind, beforeKill, env, deadPids, o.exported, o.tmp);
      if (interruptedRun !== null) tally.interrupted.push(interruptedRun);
      if (k.inWindow) tally.passed++;
      if (k.inWindow && midJob) tally.midJob++;
      t.diagnostic(`${where}: ${k.inWindow ? '' : `after "${kind.until}", not counted; `}${midJob ? 'interrupted mid-job' : 'its result was already stored'}; passed`);
    } catch (e) {
      tally.failures.push(`${where}: ${(e as Error).message}`);
    }
  }
  return tally;
}

interface Before {
  state: LabState;
  /** The export target's inode: an export that finished renamed a new file over it. */
  exportInode: number | null;
}

/**
 * Everything a kill must leave true; throws naming what is not. Answers whether the job was
 * interrupted mid-way (not: the kill came after it had stored its result), and the run it interrupted.
 */
function checkAfterKill(
  kind: KillKind, before: Before, env: Env, deadPids: Set<number>, exported: string | null, tmp: string,
): { midJob: boolean; interruptedRun: number | null } {
  // The lab opens: the CLI marks the dead process's run interrupted as it opens the file.
  const listed = cliJson<{ id: number; status: string; error: string | null }[]>(['run', 'list', '--db', fx.db], env);
  const now = inspectLab(fx.db);
  const was = before.state;
  assert.equal(now.integrity, 'ok', 'integrity_check');
  assert.equal(now.foreignKeyViolations, 0, 'foreign_key_check');
  assert.deepEqual(now.orphans, {}, 'rows whose parent is gone');
  assert.deepEqual(now.broken, [], 'corpora and finished runs that are not whole');
  for (const [id, hash] of was.corpora) assert.equal(now.corpora.get(id), hash, `corpus ${id}, finished before the kill, is unchanged`);
  for (const [id, run] of was.runs) assert.deepEqual(now.runs.get(id), run, `run ${id}, ended before the kill, is unchanged`);
  const stuck = [...now.runs].filter(([, r]) => r.status === 'running').map(([id]) => id);
  assert.deepEqual(stuck, [], 'no run is left running');

  const newCorpora = [...now.corpora.keys()].filter((id) => !was.corpora.has(id));
  const newRuns = [...now.runs.keys()].filter((id) => !was.runs.has(id));
  for (const l of leftoversIn([tmp, fx.exportDir])) {
    assert.ok(l.pid !== null && deadPids.has(l.pid), `${l.path} is a leftover of no killed process`);
  }
  switch (kind.makes) {
    case 'corpus':
      assert.equal(newRuns.length, 0);
      assert.ok(newCorpora.length <= 1, `at most the one corpus of the job: ${newCorpora.join(', ')}`);
      return { midJob: newCorpora.length === 0, interruptedRun: null };
    case 'imported run':
      assert.equal(newCorpora.length, 0);
      assert.ok(newRuns.length <= 1 && newRuns.every((id) => now.runs.get(id)!.status === 'done'), 'an import stores its run whole or not at all');
      return { midJob: newRuns.length === 0, interruptedRun: null };
    case 'export': {
      assert.equal(newCorpora.length + newRuns.length, 0);
      assert.equal(fileHash(exportTarget(fx)), exported, 'the export target is the whole earlier file, never a half-written one');
      return { midJob: statSync(exportTarget(fx)).ino === before.exportInode, interruptedRun: null };
    }
    case 'run': {
      assert.equal(newCorpora.length, 0);
      assert.equal(newRuns.length, 1, 'the killed job had created its run');
      const run = now.runs.get(newRuns[0])!;
      const shown = listed.find((r) => r.id === newRuns[0]);
      assert.equal(shown?.status, run.status, 'run list shows the run as stored');
      if (run.status === 'done') return { midJob: false, interruptedRun: null };
      assert.equal(run.status, 'interrupted');
      assert.match(run.error ?? '', /stopped before it finished/);
      return { midJob: true, interruptedRun: newRuns[0] };
    }
  }
}
