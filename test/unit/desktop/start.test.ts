/**
 * `npm start` (scripts/start.mjs) where Electron's runtime is absent and cannot be
 * downloaded: it says why in one sentence and serves browser mode instead. The
 * download is pointed at a closed local port so it fails fast and never succeeds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function tempDir(t: { after(fn: () => unknown): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'embedlab-start-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface Started {
  child: ChildProcess;
  /** EMBEDLAB_DB as given to the child. */
  envDb: string;
  stdout: () => string;
  stderr: () => string;
  url: string;
  exited: Promise<number | null>;
}

/** Runs scripts/start.mjs until it prints the URL; the child is killed when the test ends. */
async function runStart(t: { after(fn: () => unknown): void }, env: Record<string, string | undefined>, args: string[] = []): Promise<Started> {
  const dir = tempDir(t);
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env,
    EMBEDLAB_DB: join(dir, 'lab.db'),
    EMBEDLAB_NO_BUILD: '1', // serve out/renderer as it is: this test is about the fallback, not the UI build
    ELECTRON_MIRROR: 'http://127.0.0.1:9/', // the discard port: connection refused at once
    electron_config_cache: join(dir, 'electron-cache'),
    ELECTRON_OVERRIDE_DIST_PATH: undefined,
    ELECTRON_SKIP_BINARY_DOWNLOAD: undefined,
    EMBEDLAB_BROWSER: undefined,
    ...env,
  };
  for (const k of Object.keys(fullEnv)) if (fullEnv[k] === undefined) delete fullEnv[k];
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), ...args], { cwd: root, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No URL within 25 s.\nstdout:\n${out}\nstderr:\n${err}`)), 25_000);
    const check = (): void => {
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start.mjs exited (${code}) before printing a URL.\nstdout:\n${out}\nstderr:\n${err}`));
    });
  });
  return { child, envDb: fullEnv.EMBEDLAB_DB!, stdout: () => out, stderr: () => err, url, exited };
}

/** Calls app.info with the printed token, then stops the server with SIGTERM. */
async function checkAndStop(s: Started, dbPath: string): Promise<void> {
  const url = new URL(s.url);
  const token = url.searchParams.get('token')!;
  const res = await fetch(new URL('/api/call/app.info', url), { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  const body = (await res.json()) as { ok: boolean; value: { dbPath: string } };
  assert.equal(body.ok, true);
  assert.equal(body.value.dbPath, dbPath);
  const refused = await fetch(new URL('/api/call/app.info', url), { method: 'POST' });
  assert.equal(refused.status, 401);
  s.child.kill('SIGTERM');
  assert.equal(await s.exited, 0);
}

const sentences = (out: string): string[] => out.split('\n').filter((l) => /browser mode/.test(l));

test('no Electron runtime and no download: one sentence saying why, then a working browser-mode URL', async (t) => {
  const s = await runStart(t, { DISPLAY: ':99' });
  const said = sentences(s.stdout());
  assert.equal(said.length, 1, s.stdout());
  assert.match(said[0]!, /^Electron's runtime could not be downloaded \(.+\), so Embedding Lab is starting in browser mode instead:$/);
  assert.match(said[0]!, /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH/);
  await checkAndStop(s, s.envDb);
});

test('on Linux without a display it goes to browser mode without downloading anything', { skip: process.platform !== 'linux' }, async (t) => {
  const s = await runStart(t, { DISPLAY: undefined, WAYLAND_DISPLAY: undefined });
  assert.deepEqual(sentences(s.stdout()), [
    'Embedding Lab cannot open a desktop window because there is no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set), so it is starting in browser mode instead:',
  ]);
  assert.doesNotMatch(s.stderr(), /downloading/);
  await checkAndStop(s, s.envDb);
});

test('EMBEDLAB_BROWSER=1 goes straight to browser mode and --db is passed through', async (t) => {
  const db = join(tempDir(t), 'chosen.db');
  const s = await runStart(t, { EMBEDLAB_BROWSER: '1', DISPLAY: ':99' }, ['--db', db]);
  assert.deepEqual(sentences(s.stdout()), ['EMBEDLAB_BROWSER=1 is set, so Embedding Lab is starting in browser mode:']);
  assert.doesNotMatch(s.stderr(), /downloading/);
  assert.ok(s.stdout().includes(`Lab file: ${db}\n`), s.stdout());
  await checkAndStop(s, db);
});

test('serve rebuilds the UI only when out/renderer is missing or older than its sources', async (t) => {
  const serve = (await import(pathToFileURL(join(root, 'scripts', 'serve.mjs')).href)) as { isStale(name: string, base: string): boolean };
  const base = tempDir(t);
  mkdirSync(join(base, 'src', 'renderer', 'src'), { recursive: true });
  mkdirSync(join(base, 'src', 'shared'), { recursive: true });
  const source = join(base, 'src', 'renderer', 'src', 'App.tsx');
  writeFileSync(source, 'export {}');
  assert.equal(serve.isStale('renderer', base), true, 'never built');
  mkdirSync(join(base, 'out', 'renderer'), { recursive: true });
  const built = join(base, 'out', 'renderer', 'index.html');
  writeFileSync(built, '<!doctype html>');
  const now = Date.now() / 1000;
  utimesSync(source, now - 100, now - 100);
  utimesSync(built, now - 50, now - 50);
  assert.equal(serve.isStale('renderer', base), false, 'built after the last edit');
  utimesSync(source, now, now);
  assert.equal(serve.isStale('renderer', base), true, 'edited since');
});
