/**
 * EngineProcess (src/main/engineProcess.ts) against the real engine host
 * (src/host/engineHost.ts run through tsx), and against tiny fake hosts for the
 * cases the real one cannot produce on demand (silence, out-of-order answers).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineProcess, type EngineExit, type EngineProcessOptions } from '../../../src/main/engineProcess.js';
import type { EventMessage } from '../../../src/shared/wire.js';

const hostTs = fileURLToPath(new URL('../../../src/host/engineHost.ts', import.meta.url));

function tempDir(t: { after(fn: () => unknown): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'embedlab-desktop-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function realEngine(t: { after(fn: () => unknown): void }, extra: Partial<EngineProcessOptions> = {}) {
  const dir = tempDir(t);
  const logs: string[] = [];
  const engine = new EngineProcess({
    hostPath: hostTs,
    execArgv: ['--import', 'tsx'],
    nodePath: process.execPath,
    dbPath: join(dir, 'lab.db'),
    log: (s) => void logs.push(s),
    ...extra,
  });
  t.after(() => engine.stop());
  await engine.start();
  return { engine, dir, logs };
}

/** A fake host: an .mjs file whose body reacts to requests `m` with `send`. */
function fakeHost(dir: string, onRequest: string): string {
  const file = join(dir, 'fake-host.mjs');
  writeFileSync(
    file,
    `const send = (m) => process.send(m);
     process.on('message', (m) => { ${onRequest} });
     process.on('disconnect', () => process.exit(0));
     send({ event: 'ready', payload: { pid: process.pid } });`,
  );
  return file;
}

const until = <T>(what: string, check: () => T | undefined, ms = 20_000): Promise<T> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      const v = check();
      if (v !== undefined) return resolve(v);
      if (Date.now() - started > ms) return reject(new Error(`Timed out waiting for ${what}.`));
      setTimeout(tick, 20);
    };
    tick();
  });

test('a fresh lab: app.info says desktop and names the temp db; corpus.list is []', async (t) => {
  const { engine, dir } = await realEngine(t);
  assert.equal(engine.state, 'ready');
  const info = (await engine.request('app.info', {})) as { mode: string; dbPath: string };
  assert.equal(info.mode, 'desktop');
  assert.equal(info.dbPath, join(dir, 'lab.db'));
  assert.deepEqual(await engine.request('corpus.list', {}), []);
});

test('bad input and unknown calls are rejected with code "invalid" and a readable message', async (t) => {
  const { engine } = await realEngine(t);
  await assert.rejects(engine.request('corpus.get', { id: 'seven' }), (e: Error & { code: string }) => {
    assert.equal(e.code, 'invalid');
    assert.match(e.message, /corpus\.get.*id/);
    return true;
  });
  await assert.rejects(engine.request('corpus.drop', {}), { code: 'invalid', message: /Unknown call "corpus\.drop"/ });
  await assert.rejects(engine.request('corpus.get', { id: 99 }), { code: 'not-found' });
  // The engine is still fine afterwards.
  assert.deepEqual(await engine.request('corpus.list', {}), []);
});

test('job and changed events arrive while a folder is ingested', async (t) => {
  const { engine, dir } = await realEngine(t);
  const folder = join(dir, 'texts');
  mkdirSync(folder);
  // Distinct files (identical ones would be skipped as copies).
  for (const word of ['alpha', 'beta', 'gamma']) writeFileSync(join(folder, `${word}.txt`), `${word}\n` + 'the cat sat on the mat and the dog sat too\n'.repeat(50));
  const events: EventMessage[] = [];
  engine.onEvent((m) => void events.push(m));
  const job = (await engine.request('corpus.ingest', { source: { kind: 'path', path: folder }, minCount: 1 })) as { id: number };
  const done = await until('the job to finish', () =>
    events.find((m) => m.event === 'job' && (m.payload as { id: number; status: string }).id === job.id && (m.payload as { status: string }).status !== 'running'),
  );
  assert.equal((done.payload as { status: string }).status, 'done', JSON.stringify(done.payload));
  await until('a changed event', () => events.find((m) => m.event === 'changed'));
  assert.ok(!events.some((m) => m.event === 'ready'), 'the host\'s ready event is internal');
  const list = (await engine.request('corpus.list', {})) as { tokens: number; files: number }[];
  assert.equal(list.length, 1);
  assert.equal(list[0]!.files, 3);
  assert.equal(list[0]!.tokens, 3 * (1 + 50 * 11));
});

test('a killed host is reported and restarted; calls work again', async (t) => {
  const { engine } = await realEngine(t);
  const exits: EngineExit[] = [];
  const readies: { restart: boolean }[] = [];
  engine.onExit((e) => void exits.push(e));
  engine.onReady((r) => void readies.push(r));
  const first = engine.pid!;
  process.kill(first, 'SIGKILL');
  const exit = await until('the exit report', () => exits[0]);
  assert.equal(exit.signal, 'SIGKILL');
  assert.equal(exit.next, 'restart');
  assert.match(exit.message, /stopped unexpectedly \(killed by SIGKILL\); it is restarting/);
  // A call made now waits for the new host.
  assert.deepEqual(await engine.request('corpus.list', {}), []);
  assert.notEqual(engine.pid, first);
  assert.deepEqual(readies, [{ pid: engine.pid, restart: true }]);
  assert.equal(alive(first), false);
});

test('past the restart limit the engine is failed and every call says why', async (t) => {
  const { engine } = await realEngine(t, { maxRestarts: 0 });
  const exits: EngineExit[] = [];
  engine.onExit((e) => void exits.push(e));
  process.kill(engine.pid!, 'SIGKILL');
  await until('the exit report', () => exits[0]);
  assert.equal(exits[0]!.next, 'failed');
  assert.equal(engine.state, 'failed');
  await assert.rejects(engine.request('corpus.list', {}), { code: 'failed', message: /stopped unexpectedly.*not restarted/s });
});

test('a host that cannot open its lab fails start() with its own error output', async (t) => {
  const dir = tempDir(t);
  const blocker = join(dir, 'not-a-folder');
  writeFileSync(blocker, 'x');
  const engine = new EngineProcess({
    hostPath: hostTs,
    execArgv: ['--import', 'tsx'],
    nodePath: process.execPath,
    dbPath: join(blocker, 'lab.db'), // its parent is a file
    log: () => {},
  });
  t.after(() => engine.stop());
  await assert.rejects(engine.start(), (e: Error) => {
    assert.match(e.message, /stopped before it was ready \(exit code \d+\)/);
    assert.match(e.message, /ENOTDIR|EEXIST|not a directory/i);
    return true;
  });
  assert.equal(engine.state, 'failed');
  await assert.rejects(engine.request('corpus.list', {}), /stopped before it was ready/);
});

test('a node binary that does not exist is reported', async (t) => {
  const engine = new EngineProcess({ hostPath: hostTs, nodePath: join(tempDir(t), 'no-node'), dbPath: ':memory:', log: () => {} });
  t.after(() => engine.stop());
  await assert.rejects(engine.start(), /Could not start the engine with .*no-node: .*ENOENT/);
});

test('responses are matched to requests by id, even out of order', async (t) => {
  const dir = tempDir(t);
  // Answers each request after (10 - input.n) * 20 ms: later requests answer first.
  const host = fakeHost(dir, `setTimeout(() => send({ id: m.id, ok: true, value: { call: m.call, n: m.input.n } }), (10 - m.input.n) * 20);`);
  const engine = new EngineProcess({ hostPath: host, nodePath: process.execPath, dbPath: 'unused', log: () => {} });
  t.after(() => engine.stop());
  await engine.start();
  const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => engine.request(`call${n}`, { n })));
  assert.deepEqual(answers, [1, 2, 3, 4, 5].map((n) => ({ call: `call${n}`, n })));
});

test('typed arrays survive the trip (structured clone, like Electron IPC)', async (t) => {
  const host = fakeHost(tempDir(t), `send({ id: m.id, ok: true, value: new Float32Array([1.5, 2.5]) });`);
  const engine = new EngineProcess({ hostPath: host, nodePath: process.execPath, dbPath: 'unused', log: () => {} });
  t.after(() => engine.stop());
  await engine.start();
  const value = await engine.request('vectors', {});
  assert.ok(value instanceof Float32Array);
  assert.deepEqual([...(value as Float32Array)], [1.5, 2.5]);
});

test('a call the host never answers times out, and a late answer is ignored', async (t) => {
  const host = fakeHost(tempDir(t), `if (m.call === 'slow') setTimeout(() => send({ id: m.id, ok: true, value: 'late' }), 300); else send({ id: m.id, ok: true, value: 'quick' });`);
  const engine = new EngineProcess({ hostPath: host, nodePath: process.execPath, dbPath: 'unused', log: () => {} });
  t.after(() => engine.stop());
  await engine.start();
  await assert.rejects(engine.request('slow', {}, 50), { code: 'failed', message: /did not answer slow within/ });
  await new Promise((r) => setTimeout(r, 350));
  assert.equal(await engine.request('other', {}), 'quick');
});

test('calls pending when the host dies are rejected with the reason', async (t) => {
  const host = fakeHost(tempDir(t), `/* never answers */`);
  const engine = new EngineProcess({ hostPath: host, nodePath: process.execPath, dbPath: 'unused', log: () => {} });
  t.after(() => engine.stop());
  await engine.start();
  const pending = engine.request('corpus.get', { id: 1 });
  await new Promise((r) => setTimeout(r, 50));
  process.kill(engine.pid!, 'SIGKILL');
  await assert.rejects(pending, { code: 'failed', message: /^corpus\.get: The engine process stopped unexpectedly \(killed by SIGKILL\)/ });
});

test('a host that never says ready fails start() after the ready timeout', async (t) => {
  const file = join(tempDir(t), 'mute.mjs');
  writeFileSync(file, `process.on('message', () => {}); console.error('opening…');`);
  // Long enough for a loaded machine to start Node and print the line the error must quote.
  const engine = new EngineProcess({ hostPath: file, nodePath: process.execPath, dbPath: 'unused', readyTimeoutMs: 3000, log: () => {} });
  t.after(() => engine.stop());
  await assert.rejects(engine.start(), /did not become ready within 3 s.*opening…/s);
});

test('stop() closes the host and leaves no process behind', async (t) => {
  const { engine } = await realEngine(t);
  const pid = engine.pid!;
  // A call racing with stop() either completes or says the engine stopped.
  const pending = engine.request('corpus.list', {}).then(
    (v) => assert.deepEqual(v, []),
    (e: Error) => assert.match(e.message, /shutting down|stopped|Channel closed/),
  );
  await engine.stop();
  assert.equal(engine.state, 'stopped');
  assert.equal(alive(pid), false);
  await pending;
  await assert.rejects(engine.request('corpus.list', {}), /has stopped/);
});
