import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { Lab } from '../../../src/engine/lab.js';
import { startServer, type RunningServer } from '../../../src/server/httpServer.js';
import { makeMixedFolder, tempDir } from '../../helpers/fixtures.js';
import type { JobStateOf } from '../../../src/shared/contract.js';

function raw(server: RunningServer, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function setup(t: { after(fn: () => unknown): void }) {
  const dir = tempDir();
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'browser' });
  const server = await startServer({ lab });
  t.after(async () => {
    await server.close();
    await lab.close();
    dir.cleanup();
  });
  const auth = { authorization: `Bearer ${server.token}` };
  const call = (name: string, input: unknown, headers: Record<string, string> = auth) =>
    raw(server, `/api/call/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) });
  return { dir, lab, server, auth, call };
}

test('binds 127.0.0.1 and prints a URL with the token', async (t) => {
  const { server } = await setup(t);
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
});

test('requests without the right token are refused', async (t) => {
  const { call } = await setup(t);
  const none = await call('corpus.list', {}, {});
  assert.equal(none.status, 401);
  assert.match(JSON.parse(none.body).error.message, /token/);
  const wrong = await call('corpus.list', {}, { authorization: 'Bearer nope' });
  assert.equal(wrong.status, 401);
  const ok = await call('corpus.list', {});
  assert.equal(ok.status, 200);
  assert.deepEqual(JSON.parse(ok.body), { ok: true, value: [] });
});

test('foreign Host and Origin headers are refused even with the token', async (t) => {
  const { call, server } = await setup(t);
  const rebinding = await call('corpus.list', {}, { authorization: `Bearer ${server.token}`, host: 'evil.example:80' });
  assert.equal(rebinding.status, 403);
  const crossSite = await call('corpus.list', {}, { authorization: `Bearer ${server.token}`, origin: 'http://evil.example' });
  assert.equal(crossSite.status, 403);
  const sameSite = await call('corpus.list', {}, { authorization: `Bearer ${server.token}`, origin: `http://127.0.0.1:${server.port}` });
  assert.equal(sameSite.status, 200);
});

test('opening the printed URL sets the token cookie, which then authorises calls', async (t) => {
  const { server } = await setup(t);
  const open = await raw(server, `/?token=${server.token}`);
  assert.equal(open.status, 302);
  const cookie = String((open.headers['set-cookie'] as string[])[0]).split(';')[0];
  assert.match(String(open.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
  const res = await raw(server, '/api/call/app.info', { method: 'POST', headers: { cookie }, body: '{}' });
  assert.equal(res.status, 200);
  assert.equal(JSON.parse(res.body).value.mode, 'browser');
});

test('invalid arguments and unknown calls get a 4xx with a clear message', async (t) => {
  const { call, auth, server } = await setup(t);
  const bad = await call('corpus.get', { id: -1 });
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.body).error.message, /Invalid arguments to corpus\.get: id:/);
  const missing = await call('corpus.get', { id: 99 });
  assert.equal(missing.status, 404);
  assert.match(JSON.parse(missing.body).error.message, /no corpus with id 99/);
  const unknown = await call('corpus.explode', {});
  assert.equal(unknown.status, 400);
  const notJson = await raw(server, '/api/call/corpus.list', { method: 'POST', headers: auth, body: '{nope' });
  assert.equal(notJson.status, 400);
  assert.match(JSON.parse(notJson.body).error.message, /not valid JSON/);
});

test('WebSocket events need the token; with it, job events arrive', async (t) => {
  const { server, call, dir } = await setup(t);
  const refused = await new Promise<string>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`);
    ws.on('open', () => resolve('open'));
    ws.on('error', (e) => resolve(e.message));
  });
  assert.match(refused, /401/);
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers: { authorization: `Bearer ${server.token}`, origin: `http://127.0.0.1:${server.port}` } });
  await new Promise((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('error', reject);
  });
  t.after(() => ws.close());
  const events: { event: string; payload: { status?: string } }[] = [];
  const finished = new Promise<void>((resolve) =>
    ws.on('message', (m) => {
      const e = JSON.parse(String(m));
      events.push(e);
      if (e.event === 'job' && e.payload.status !== 'running') resolve();
    }),
  );
  makeMixedFolder(join(dir.path, 'corpus'));
  const started = await call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'corpus') } });
  assert.equal(started.status, 200);
  await finished;
  const last = events.filter((e) => e.event === 'job').pop()!;
  assert.equal(last.payload.status, 'done');
  assert.ok(events.some((e) => e.event === 'changed'));
});

test('uploads stay inside their folder and can be ingested', async (t) => {
  const { call, server, auth, lab } = await setup(t);
  const begin = JSON.parse((await call('upload.begin', {})).body).value as { uploadId: string };
  const put = (path: string, body: string) =>
    raw(server, `/api/upload/${begin.uploadId}?path=${encodeURIComponent(path)}`, { method: 'PUT', headers: auth, body });
  assert.equal((await put('docs/one.txt', 'alpha beta gamma')).status, 200);
  assert.equal((await put('two.txt', 'beta gamma')).status, 200);
  assert.equal((await put('../escape.txt', 'x')).status, 400);
  assert.equal((await put('/etc/passwd', 'x')).status, 400);
  const unknown = await raw(server, `/api/upload/${'0'.repeat(32)}?path=a.txt`, { method: 'PUT', headers: auth, body: 'x' });
  assert.equal(unknown.status, 404);
  const job = JSON.parse((await call('corpus.ingest', { source: { kind: 'upload', uploadId: begin.uploadId }, name: 'up' })).body).value;
  assert.equal(job.status, 'running');
  const done = await lab.jobs.wait(job as JobStateOf<'ingest'>);
  assert.equal(done.status, 'done', done.error);
  const corpus = JSON.parse((await call('corpus.get', { id: done.result!.corpusId })).body).value;
  assert.equal(corpus.tokens, 5);
  assert.equal(corpus.source, 'uploaded files');
  assert.deepEqual(corpus.fileList.map((f: { path: string }) => f.path), ['docs/one.txt', 'two.txt']);
  assert.equal(server.browser.uploadDir(begin.uploadId), null, 'the staged files are removed after ingestion');
});

test('a browser that opens a page without the token gets an HTML page that says what to do; the API keeps its JSON', async (t) => {
  const { server } = await setup(t);
  const html = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  const page = await raw(server, '/', { headers: { accept: html } });
  assert.equal(page.status, 401);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.match(page.body, /<h1>This lab needs its access link<\/h1>/);
  assert.match(page.body, /npm run serve/);
  assert.match(page.body, /\?token=/);
  assert.match(page.body, /serve --list/);
  const deepLink = await raw(server, '/runs/3', { headers: { accept: html, cookie: 'embedlab_token_1=stale' } });
  assert.equal(deepLink.status, 401);
  assert.match(deepLink.body, /access link/);
  const api = await raw(server, '/api/call/corpus.list', { method: 'POST', headers: { accept: html }, body: '{}' });
  assert.equal(api.status, 401);
  assert.match(JSON.parse(api.body).error.message, /token/);
  const script = await raw(server, '/');
  assert.equal(script.status, 401);
  assert.equal(JSON.parse(script.body).error.code, 'unauthorized', 'a client that does not ask for HTML gets JSON');
});
