/**
 * Browser mode under hostile requests, each sent to a real started server: missing, wrong and
 * misplaced tokens; foreign Host and Origin (HTTP and WebSocket) and a WebSocket without Origin;
 * oversize bodies and uploads, too many uploads; downloads outside the export folder by `..` and
 * by a symbolic link; malformed percent-escapes; a slow-loris client; and a flood from one client
 * while the UI keeps asking. Each refusal and its status code is asserted, and the whole set is
 * printed as a table (the README's counts come from it).
 *
 * The flood runs 2 s by default; EMBEDLAB_HEAVY=1 runs the full 10 s. It is in the end-to-end suite,
 * which runs one file at a time, so that its timings do not share the two cores with another file's training.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { Lab } from '../../src/engine/lab.js';
import { startServer, type RunningServer } from '../../src/server/httpServer.js';
import { MAX_CALL_BODY } from '../../src/server/routes.js';
import { makeMixedFolder, tempDir } from '../helpers/fixtures.js';

const HEAVY = process.env.EMBEDLAB_HEAVY === '1';
const LIMITS = { maxUploadBytes: 64 << 10, maxOpenUploads: 4, headersTimeoutMs: 1000, requestTimeoutMs: 10_000, keepAliveTimeoutMs: 2000 };

interface Answer { status: number; body: string; headers: Record<string, unknown> }

/** One HTTP request; a Buffer[] body is sent in chunks without a Content-Length (chunked). */
function raw(port: number, path: string, o: { method?: string; headers?: Record<string, string>; body?: string | Buffer | Buffer[] } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: o.method ?? 'GET', headers: o.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    if (Array.isArray(o.body)) {
      for (const c of o.body) req.write(c);
      req.end();
    } else req.end(o.body);
  });
}

/** The status a WebSocket upgrade gets (101 when it opens). */
function upgrade(port: number, headers: Record<string, string>, path = '/api/events'): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    ws.on('open', () => (ws.close(), resolve(101)));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

test('hostile requests are refused with the right status, and the server keeps serving', { timeout: 120_000 }, async (t) => {
  const dir = tempDir();
  const staticDir = join(dir.path, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>lab</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'browser' });
  makeMixedFolder(join(dir.path, 'corpus'));
  await lab.jobs.wait(await lab.call('corpus.ingest', { source: { kind: 'path', path: join(dir.path, 'corpus') }, name: 'mixed' }));
  const server: RunningServer = await startServer({ lab, staticDir, limits: LIMITS });
  t.after(async () => {
    await server.close();
    await lab.close();
    dir.cleanup();
  });
  const { port, token } = server;
  const self = `http://127.0.0.1:${port}`;
  const auth = { authorization: `Bearer ${token}` };
  const call = (name: string, input: unknown, headers: Record<string, string> = auth, query = '') =>
    raw(port, `/api/call/${name}${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(input) });
  const table: { request: string; expected: number; got: number }[] = [];
  const refused = (request: string, expected: number, got: number, detail = ''): void => {
    table.push({ request, expected, got });
    assert.equal(got, expected, `${request}: ${detail}`);
  };

  await t.test('tokens: none, wrong, and in the query of an API call', async () => {
    refused('API call without a token', 401, (await call('corpus.list', {}, {})).status);
    refused('API call with a wrong token', 401, (await call('corpus.list', {}, { authorization: `Bearer ${'0'.repeat(48)}` })).status);
    refused('API call with the wrong token as cookie', 401, (await call('corpus.list', {}, { cookie: `embedlab_token_${port}=nope` })).status);
    refused('API call with the token in its query (?token=)', 401, (await call('corpus.list', {}, {}, `?token=${token}`)).status);
    refused('download with the token in its query', 401, (await raw(port, `/api/download?path=x&token=${token}`)).status);
    refused('page with a wrong token in its query', 401, (await raw(port, `/?token=${'f'.repeat(48)}`)).status);
    // The one place the query token counts: a page, where it becomes the cookie.
    assert.equal((await raw(port, `/?token=${token}`)).status, 302);
    assert.equal((await call('corpus.list', {})).status, 200);
  });

  await t.test('foreign Host and Origin; a WebSocket without Origin', async () => {
    refused('API call with a foreign Host (DNS rebinding)', 403, (await call('corpus.list', {}, { ...auth, host: 'evil.example' })).status);
    refused('page with a foreign Host', 403, (await raw(port, '/', { headers: { ...auth, host: `evil.example:${port}` } })).status);
    refused('API call with a foreign Origin', 403, (await call('corpus.list', {}, { ...auth, origin: 'http://evil.example' })).status);
    refused('API call with Origin "null" (sandboxed frame)', 403, (await call('corpus.list', {}, { ...auth, origin: 'null' })).status);
    refused('WebSocket with a foreign Origin', 403, await upgrade(port, { ...auth, origin: 'http://evil.example' }));
    refused('WebSocket with no Origin header', 403, await upgrade(port, auth));
    refused('WebSocket without a token', 401, await upgrade(port, { origin: self }));
    refused('WebSocket with the token in its query', 401, await upgrade(port, { origin: self }, `/api/events?token=${token}`));
    assert.equal(await upgrade(port, { ...auth, origin: self }), 101, 'the page\'s own WebSocket opens');
  });

  await t.test('oversize bodies and uploads, too many uploads', async () => {
    const big = Buffer.alloc(MAX_CALL_BODY + 1, 0x20);
    refused('call body over 4 MiB (Content-Length)', 413, (await call('corpus.list', big.toString(), auth)).status);
    refused('call body over 4 MiB (chunked)', 413, (await raw(port, '/api/call/corpus.list', { method: 'POST', headers: auth, body: [big.subarray(0, 1 << 20), big.subarray(1 << 20)] })).status);
    const { uploadId } = JSON.parse((await call('upload.begin', {})).body).value as { uploadId: string };
    const folder = server.browser.uploadDir(uploadId)!;
    const put = (name: string, body: Buffer | Buffer[]) => raw(port, `/api/upload/${uploadId}?path=${name}`, { method: 'PUT', headers: auth, body });
    const over = Buffer.alloc(LIMITS.maxUploadBytes + 1, 0x61);
    const declared = await put('declared.txt', over);
    refused('upload over the size cap (Content-Length)', 413, declared.status, declared.body);
    assert.match(JSON.parse(declared.body).error.message, /larger than the 65536 bytes/);
    const streamed = await put('streamed.txt', [over.subarray(0, 40_000), over.subarray(40_000)]);
    refused('upload over the size cap (chunked)', 413, streamed.status, streamed.body);
    assert.ok(!existsSync(join(folder, 'streamed.txt')), 'the partial file is removed');
    assert.ok(!existsSync(join(folder, 'declared.txt')));
    assert.equal((await put('fits.txt', over.subarray(1))).status, 200, 'a file at the cap is kept');
    for (let i = 1; i < LIMITS.maxOpenUploads; i++) assert.equal((await call('upload.begin', {})).status, 200);
    const tooMany = await call('upload.begin', {});
    refused(`upload.begin beyond ${LIMITS.maxOpenUploads} open uploads`, 409, tooMany.status);
    assert.match(JSON.parse(tooMany.body).error.message, /already 4 uploads open.*wait for an import to finish/);
  });

  await t.test('downloads outside the export folder, by .. and by symbolic links', async () => {
    const exports = server.browser.exportsDir;
    mkdirSync(exports, { recursive: true });
    writeFileSync(join(dir.path, 'secret.txt'), 'private');
    mkdirSync(join(dir.path, 'elsewhere'));
    writeFileSync(join(dir.path, 'elsewhere', 'secret.txt'), 'private');
    writeFileSync(join(exports, 'vectors.txt'), 'exported');
    symlinkSync(join(dir.path, 'secret.txt'), join(exports, 'link.txt'));
    symlinkSync(join(dir.path, 'elsewhere'), join(exports, 'folder'));
    const get = (path: string) => raw(port, `/api/download?path=${encodeURIComponent(path)}`, { headers: auth });
    // Outside the export folder counts as not there (404), so the answer tells nothing of what is elsewhere.
    const escape = await get('../secret.txt');
    refused('download of ../secret.txt', 404, escape.status);
    assert.match(JSON.parse(escape.body).error.message, /leads outside the export folder/);
    refused('download of an absolute path', 404, (await get(join(dir.path, 'secret.txt'))).status);
    const linked = await get('link.txt');
    refused('download of a link in the export folder to a file outside', 404, linked.status);
    assert.match(JSON.parse(linked.body).error.message, /through a symbolic link/);
    refused('download through a linked folder that leads outside', 404, (await get('folder/secret.txt')).status);
    const ok = await get('vectors.txt');
    assert.equal(ok.status, 200);
    assert.equal(ok.body, 'exported');
  });

  await t.test('malformed percent-escapes', async () => {
    refused('API call name with a malformed %-escape', 400, (await call('corpus.list%E0%A4%A', {})).status);
    refused('static path with a malformed %-escape', 400, (await raw(port, '/assets/%E0%A4%A.js', { headers: auth })).status);
    refused('static path with a lone %', 400, (await raw(port, '/%', { headers: auth })).status);
    assert.equal((await raw(port, '/assets/app.js', { headers: auth })).status, 200);
  });

  await t.test('a slow-loris client is dropped after the header timeout; others are served meanwhile', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => {});
    const t0 = Date.now();
    const closed = new Promise<{ ms: number; answer: string }>((resolve) => {
      let answer = '';
      socket.on('data', (d) => (answer += d));
      socket.on('close', () => resolve({ ms: Date.now() - t0, answer }));
    });
    socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
    const drip = setInterval(() => socket.writable && socket.write('a'), 100);
    const others: number[] = [];
    for (let i = 0; i < 8; i++) {
      const s = performance.now();
      assert.equal((await call('corpus.list', {})).status, 200);
      others.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 100));
    }
    const { ms, answer } = await closed;
    clearInterval(drip);
    refused(`slow-loris header (1 byte / 100 ms), dropped after ${ms} ms`, 408, Number(answer.match(/^HTTP\/1\.1 (\d+)/)?.[1] ?? 0));
    assert.ok(ms >= LIMITS.headersTimeoutMs && ms < LIMITS.headersTimeoutMs + 2000, `dropped after ${ms} ms`);
    assert.ok(Math.max(...others) < 500, `other clients answered meanwhile (slowest ${Math.max(...others).toFixed(1)} ms)`);
  });

  await t.test(`a flood of 1,000 requests a second for ${HEAVY ? 10 : 2} s; the UI's calls stay quick`, { timeout: 60_000 }, async () => {
    const seconds = HEAVY ? 10 : 2;
    const flood = floodFrom(port, token, seconds);
    const ui: number[] = [];
    let failures = 0;
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      const s = performance.now();
      const r = await call('corpus.list', {});
      if (r.status !== 200) failures++;
      ui.push(performance.now() - s);
      await new Promise((res) => setTimeout(res, 100));
    }
    const stats = await flood;
    assert.equal(failures, 0);
    const p50 = percentile(ui, 50);
    const p99 = percentile(ui, 99);
    console.log(`flood: ${stats.sent} requests in ${seconds} s (${Math.round(stats.sent / seconds)}/s), ${stats.ok} answered 200, ${stats.errors} failed; ` +
      `UI corpus.list every 100 ms: ${ui.length} calls, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...ui).toFixed(1)} ms`);
    assert.ok(stats.sent >= seconds * 900, `the flood sent ${stats.sent} requests`);
    assert.equal(stats.errors, 0, 'every flood request was answered');
    assert.ok(p99 < 500, `UI p99 ${p99.toFixed(1)} ms under 500 ms`);
    assert.equal((await call('app.info', {})).status, 200, 'the server is up after the flood');
  });

  console.log(`\n${table.length} hostile requests refused:\n| request | status |\n|---|---|\n${table.map((r) => `| ${r.request} | ${r.got} |`).join('\n')}\n`);
});

/**
 * 1,000 authorised calls a second for `seconds`, from another process (so the flood does not share the
 * server's event loop), over a keep-alive agent with many in flight. Answers what it sent and got back.
 */
function floodFrom(port: number, token: string, seconds: number): Promise<{ sent: number; ok: number; errors: number }> {
  const script = `
    const http = require('node:http');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    let sent = 0, ok = 0, errors = 0, inFlight = 0;
    const one = () => {
      sent++; inFlight++;
      const req = http.request({ host: '127.0.0.1', port: ${port}, path: '/api/call/corpus.list', method: 'POST', agent,
        headers: { authorization: 'Bearer ${token}', 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => { inFlight--; if (res.statusCode === 200) ok++; else errors++; });
      });
      req.on('error', () => { inFlight--; errors++; });
      req.end('{}');
    };
    const start = Date.now();
    const tick = setInterval(() => {
      const due = Math.min(${seconds * 1000}, Math.floor(Date.now() - start)) - sent;
      for (let i = 0; i < due; i++) one();
      if (Date.now() - start >= ${seconds * 1000}) {
        clearInterval(tick);
        const wait = setInterval(() => { if (inFlight === 0) { clearInterval(wait); console.log(JSON.stringify({ sent, ok, errors })); agent.destroy(); } }, 20);
      }
    }, 5);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`the flood process exited with ${code}`))));
  });
}
