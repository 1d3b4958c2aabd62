/**
 * The Electron main process (src/main/index.ts) run in plain Node with a stub
 * 'electron' module (helpers/electronStub.mjs): it must harden the window, serve
 * the renderer with a CSP from its private scheme, relay IPC from its own window
 * to a real engine host (and refuse anyone else), forward events, and stop the
 * engine on quit. The Electron binary itself cannot run here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const until = <T>(what: string, check: () => T | undefined | false, ms = 20_000): Promise<T> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      const v = check();
      if (v !== undefined && v !== false) return resolve(v);
      if (Date.now() - started > ms) return reject(new Error(`Timed out waiting for ${what}.`));
      setTimeout(tick, 20);
    };
    tick();
  });

test('the main process: hardened window, CSP-served renderer, IPC relay to the engine, clean quit', async (t) => {
  const { ensureEngineBuilt } = (await import(pathToFileURL(join(root, 'scripts', 'build-engine.mjs')).href)) as { ensureEngineBuilt(): Promise<boolean> };
  await ensureEngineBuilt();

  // An app folder shaped like a build: the real engine bundle, a placeholder preload, a tiny renderer.
  const app = mkdtempSync(join(tmpdir(), 'embedlab-main-'));
  t.after(() => rmSync(app, { recursive: true, force: true }));
  mkdirSync(join(app, 'out', 'preload'), { recursive: true });
  mkdirSync(join(app, 'out', 'renderer', 'assets'), { recursive: true });
  symlinkSync(join(root, 'out', 'engine'), join(app, 'out', 'engine'));
  writeFileSync(join(app, 'out', 'preload', 'index.cjs'), '');
  writeFileSync(join(app, 'out', 'renderer', 'index.html'), '<!doctype html><title>lab</title>');
  writeFileSync(join(app, 'out', 'renderer', 'assets', 'app.js'), 'export {}');
  writeFileSync(join(app, 'secret.txt'), 'not for the renderer');
  const texts = join(app, 'texts');
  mkdirSync(texts);
  writeFileSync(join(texts, 'a.txt'), 'the cat sat on the mat\n'.repeat(20));
  process.env.EMBEDLAB_DB = join(app, 'lab.db');
  delete process.env.ELECTRON_RENDERER_URL;
  (globalThis as { __embedlabAppPath?: string }).__embedlabAppPath = app;

  register(new URL('./helpers/electronHooks.mjs', import.meta.url));
  const { recorded, app: electronApp } = await import(new URL('./helpers/electronStub.mjs', import.meta.url).href);
  await import('../../../src/main/index.js');
  let quitDone = false;
  t.after(async () => {
    if (!quitDone) electronApp.emit('will-quit', { preventDefault() {} });
    await until('the app to quit', () => recorded.quit > 0, 10_000).catch(() => undefined);
  });

  const win = await until('the window', () => recorded.windows[0]);
  await until('the IPC handlers', () => recorded.ipc.size === 2);
  assert.equal(recorded.exit, null, JSON.stringify(recorded.errorBoxes));
  assert.equal(recorded.sandboxEnabled, true);

  // The window.
  const prefs = win.options.webPreferences;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, join(app, 'out', 'preload', 'index.cjs'));
  assert.equal(win.loaded, 'embedlab://app/index.html');
  const wc = win.webContents;
  assert.deepEqual(wc.openHandler({ url: 'https://arxiv.org/abs/1402.3722' }), { action: 'deny' });
  assert.deepEqual(wc.openHandler({ url: 'file:///etc/passwd' }), { action: 'deny' });
  assert.deepEqual(recorded.opened, ['https://arxiv.org/abs/1402.3722']);
  const navigate = (url: string): boolean => {
    let prevented = false;
    wc.emit('will-frame-navigate', { url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  assert.equal(navigate('https://example.com/'), true);
  assert.equal(navigate('file:///home/user/dropped.txt'), true);
  assert.equal(navigate('embedlab://app/index.html'), false);
  let attachPrevented = false;
  wc.emit('will-attach-webview', { preventDefault: () => (attachPrevented = true) });
  assert.equal(attachPrevented, true);

  // Permissions and headers.
  const ask = (permission: string): Promise<boolean> => new Promise((r) => recorded.permissionRequest(wc, permission, r));
  assert.equal(await ask('media'), false);
  assert.equal(await ask('geolocation'), false);
  assert.equal(await ask('clipboard-sanitized-write'), true);
  const headers = await new Promise<Record<string, string[]>>((r) =>
    recorded.headersListener({ responseHeaders: { 'content-security-policy': ['default-src *'] } }, (res: { responseHeaders: Record<string, string[]> }) => r(res.responseHeaders)),
  );
  assert.deepEqual(Object.keys(headers), ['Content-Security-Policy']);
  assert.match(headers['Content-Security-Policy']![0]!, /script-src 'self';/);

  // The private scheme.
  assert.deepEqual(recorded.privileged.map((s: { scheme: string }) => s.scheme), ['embedlab']);
  const serve = recorded.protocols.get('embedlab');
  const page = await serve(new Request('embedlab://app/index.html'));
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy'), /default-src 'self'/);
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(await page.text(), /<title>lab<\/title>/);
  const js = await serve(new Request('embedlab://app/assets/app.js'));
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal((await serve(new Request('embedlab://app/..%2fsecret.txt'))).status, 404);
  assert.equal((await serve(new Request('embedlab://app/%2e%2e/%2e%2e/secret.txt'))).status, 404);
  assert.equal((await serve(new Request('embedlab://other/index.html'))).status, 404);

  // IPC from our window reaches the engine; from anything else it is refused.
  const call = recorded.ipc.get('embedlab:call');
  const ours = { sender: wc, senderFrame: wc.mainFrame };
  assert.deepEqual(await call(ours, 'corpus.list', {}), { ok: true, value: [] });
  const info = await call(ours, 'app.info', {});
  assert.equal(info.value.mode, 'desktop');
  assert.equal(info.value.dbPath, join(app, 'lab.db'));
  const bad = await call(ours, 'corpus.get', { id: 0 });
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, 'invalid');
  const stranger = { sender: { mainFrame: { url: 'https://evil.example/' } }, senderFrame: { url: 'https://evil.example/' } };
  assert.throws(() => call(stranger, 'corpus.list', {}), /Refused an IPC call from https:\/\/evil\.example\//);
  const iframe = { sender: wc, senderFrame: { url: 'embedlab://app/index.html' } };
  assert.throws(() => call(iframe, 'corpus.list', {}), /Refused/);
  assert.equal(await recorded.ipc.get('embedlab:pick-folder')(ours), '/picked/folder');
  await assert.rejects(async () => recorded.ipc.get('embedlab:pick-folder')(stranger), /Refused/);

  // Engine events reach the window on the one event channel.
  const job = await call(ours, 'corpus.ingest', { source: { kind: 'path', path: texts }, minCount: 1 });
  assert.equal(job.ok, true, JSON.stringify(job));
  const done = await until('the job to finish', () =>
    wc.sent.find(([ch, m]: [string, { event: string; payload: { id: number; status: string } }]) => ch === 'embedlab:event' && m.event === 'job' && m.payload.id === job.value.id && m.payload.status !== 'running'),
  );
  assert.equal(done[1].payload.status, 'done');
  await until('a changed event', () => wc.sent.find(([, m]: [string, { event: string }]) => m.event === 'changed'));
  assert.ok(wc.sent.every(([ch]: [string]) => ch === 'embedlab:event'));

  // Quitting stops the engine first, then quits.
  let prevented = false;
  electronApp.emit('will-quit', { preventDefault: () => (prevented = true) });
  assert.equal(prevented, true);
  await until('the app to quit', () => recorded.quit > 0);
  quitDone = true;
  const after = await call(ours, 'corpus.list', {});
  assert.deepEqual(after, { ok: false, error: { message: 'The engine has stopped.', code: 'failed' } });
});
