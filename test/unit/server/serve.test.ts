/**
 * A server that survives a restart, as Jupyter's does: a fixed default port with a fallback to the
 * next free one, the token kept in the lab's runtime folder (0600) so a restart gives the same URL,
 * `--new-token` to rotate it, and `serve --list` from the runtime records (dead ones dropped).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { startServer } from '../../../src/server/httpServer.js';
import { labToken, listServerRecords, runtimeDirOf, writeServerRecord } from '../../../src/server/runtimeRecords.js';
import { DEFAULT_PORT, PORT_RETRIES, serveCommand, serveUntil } from '../../../src/cli/commands/serve.js';
import { parseArgs, type FlagSpec } from '../../../src/cli/args.js';
import type { CommandContext } from '../../../src/cli/context.js';
import { tempDir } from '../../helpers/fixtures.js';

function occupy(port = 0): Promise<Server> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(port, '127.0.0.1', () => ok(s));
  });
}
const portOf = (s: Server): number => (s.address() as { port: number }).port;
const closeAll = (servers: Server[]): Promise<unknown> => Promise.all(servers.map((s) => new Promise((r) => s.close(r))));

/** The first of `n` consecutive ports that are free now. */
async function freeRun(n: number): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const first = await occupy();
    const port = portOf(first);
    const held = [first];
    try {
      for (let i = 1; i < n; i++) held.push(await occupy(port + i));
      await closeAll(held);
      return port;
    } catch {
      await closeAll(held);
    }
  }
  throw new Error('no run of free ports');
}

test('a taken port falls back to the next free one; without retries, or when all are taken, a clear error', async (t) => {
  const dir = tempDir();
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'browser' });
  t.after(async () => (await lab.close(), dir.cleanup()));
  const p = await freeRun(3);
  const blockers = [await occupy(p)];
  t.after(() => closeAll(blockers));
  const server = await startServer({ lab, port: p, portRetries: 2, staticDir: null });
  assert.equal(server.port, p + 1);
  assert.equal(server.url, `http://127.0.0.1:${p + 1}/?token=${server.token}`);
  await server.close();
  await assert.rejects(startServer({ lab, port: p, staticDir: null }), new RegExp(`Port ${p} is taken on 127\\.0\\.0\\.1\\. Stop the server that holds it, or choose another with --port P`));
  blockers.push(await occupy(p + 1), await occupy(p + 2));
  await assert.rejects(startServer({ lab, port: p, portRetries: 2, staticDir: null }), new RegExp(`Ports ${p}–${p + 2} are taken`));
});

test('the token is kept in the lab\'s runtime folder (0600), the same after a restart, new with rotate', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const labFile = join(dir.path, 'lab.db');
  const first = labToken(labFile);
  assert.ok(first.created);
  assert.match(first.token, /^[0-9a-f]{48}$/);
  assert.equal(first.file, join(runtimeDirOf(labFile), 'token'));
  assert.equal(statSync(first.file).mode & 0o777, 0o600);
  assert.equal(statSync(runtimeDirOf(labFile)).mode & 0o777, 0o700);
  const again = labToken(labFile);
  assert.deepEqual([again.token, again.created], [first.token, false]);
  const rotated = labToken(labFile, { rotate: true });
  assert.notEqual(rotated.token, first.token);
  assert.equal(readFileSync(first.file, 'utf8').trim(), rotated.token);
  assert.equal(statSync(first.file).mode & 0o777, 0o600);
  // A token file spoilt by hand is replaced, not served; one made readable by others is made private again.
  writeFileSync(first.file, 'not a token', { mode: 0o644 });
  const replaced = labToken(labFile);
  assert.ok(replaced.created);
  writeFileSync(first.file, `${replaced.token}\n`, { mode: 0o644 });
  assert.equal(labToken(labFile).token, replaced.token);
  assert.equal(statSync(first.file).mode & 0o777, 0o600);
});

interface Serving { out: string[]; err: string[]; stop(): void; done: Promise<number> }

/** `serve ARGS` in this process until stop(); its output lines as they come. */
function serve(lab: Lab, argv: string[]): Serving {
  const out: string[] = [];
  const err: string[] = [];
  let stop = (): void => {};
  const stopped = new Promise<void>((r) => (stop = r));
  const ctx: CommandContext = {
    lab,
    args: parseArgs(argv, serveCommand.flags(lab) as FlagSpec[], 'serve'),
    json: argv.includes('--json'),
    io: { out: (s) => out.push(s), err: (s) => err.push(s) },
    print: (value, human) => out.push(argv.includes('--json') ? JSON.stringify(value) : human()),
  };
  return { out, err, stop, done: serveUntil(ctx, stopped) };
}

async function started(s: Serving): Promise<{ url: string; port: number; pid: number }> {
  for (let i = 0; i < 200 && s.out.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  return JSON.parse(s.out[0]);
}

test('serve: a restart on the same lab and port gives the same URL; --new-token rotates it; --list shows running servers only', async (t) => {
  const dir = tempDir();
  const labFile = join(dir.path, 'lab.db');
  const lab = new Lab({ dbPath: labFile, mode: 'browser' });
  t.after(async () => (await lab.close(), dir.cleanup()));
  const port = await freeRun(1);
  const first = serve(lab, ['--port', String(port), '--json']);
  const a = await started(first);
  assert.equal(a.port, port);
  assert.equal(a.pid, process.pid);
  const record = join(runtimeDirOf(labFile), `server-${port}.json`);
  assert.equal(statSync(record).mode & 0o777, 0o600);
  const listed = serve(lab, ['--list', '--json']);
  assert.equal(await listed.done, 0);
  assert.deepEqual(JSON.parse(listed.out[0]).map((r: { url: string; port: number; pid: number; lab: string }) => [r.url, r.port, r.pid, r.lab]), [[a.url, port, process.pid, labFile]]);
  const res = await fetch(`http://127.0.0.1:${port}/api/call/app.info`, { method: 'POST', headers: { authorization: `Bearer ${new URL(a.url).searchParams.get('token')}` }, body: '{}' });
  assert.equal(res.status, 200);
  first.stop();
  assert.equal(await first.done, 0);
  assert.ok(!existsSync(record), 'a clean stop removes its record');

  const second = serve(lab, ['--port', String(port), '--json']);
  assert.equal((await started(second)).url, a.url, 'same lab and port: same URL, so open tabs and bookmarks keep working');
  second.stop();
  await second.done;
  const rotated = serve(lab, ['--port', String(port), '--new-token', '--json']);
  const c = await started(rotated);
  assert.equal(c.port, port);
  assert.notEqual(c.url, a.url, '--new-token makes a new token');
  const old = await fetch(`http://127.0.0.1:${port}/api/call/app.info`, { method: 'POST', headers: { authorization: `Bearer ${new URL(a.url).searchParams.get('token')}` }, body: '{}' });
  assert.equal(old.status, 401, 'the old token no longer opens the lab');
  rotated.stop();
  await rotated.done;

  // A record left by a server that was killed (its process is gone) is dropped by --list.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  writeServerRecord({ url: 'http://127.0.0.1:1/?token=x', port: 1, pid: Number(dead), lab: labFile, startedAt: new Date().toISOString() });
  assert.ok(existsSync(join(runtimeDirOf(labFile), 'server-1.json')));
  const none = serve(lab, ['--list']);
  await none.done;
  assert.match(none.out[0], /^No server is running on .*lab\.db\. Start one with `npm run serve`\.$/);
  assert.ok(!existsSync(join(runtimeDirOf(labFile), 'server-1.json')), 'the dead server\'s record is removed');
  assert.deepEqual(listServerRecords(labFile), []);
});

test('serve without --port uses the default port (or one of the next when it is taken), and says so when it falls back', async (t) => {
  assert.equal(DEFAULT_PORT, 8765);
  const dir = tempDir();
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'browser' });
  t.after(async () => (await lab.close(), dir.cleanup()));
  const s = serve(lab, ['--json']);
  const { port } = await started(s);
  s.stop();
  await s.done;
  assert.ok(port >= DEFAULT_PORT && port <= DEFAULT_PORT + PORT_RETRIES, `port ${port}`);
  assert.equal(s.err.some((l) => /Note: port 8765 is taken, so this server uses/.test(l)), port !== DEFAULT_PORT);
  const human = serve(lab, ['--port', '0']);
  for (let i = 0; i < 200 && human.out.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  human.stop();
  await human.done;
  assert.match(human.out[0], /Open: http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}\n/);
  assert.match(human.out[0], /The access token is the one kept for this lab \(serve --new-token replaces it\)/);
  assert.deepEqual(human.err, [], '--port 0 takes any free port, no fallback note');
});
