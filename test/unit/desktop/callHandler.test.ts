/** The IPC rules (src/main/callHandler.ts): who may call, and validation at the boundary. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handleCall, isTrustedSender } from '../../../src/main/callHandler.js';

const mainFrame = { url: 'embedlab://app/index.html' };
const webContents = { mainFrame };
const win = { webContents, isDestroyed: () => false };

test('only the main frame of our window, showing our page, may call', () => {
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, win, undefined), true);
  // Another window's contents.
  assert.equal(isTrustedSender({ sender: { mainFrame }, senderFrame: mainFrame }, win, undefined), false);
  // A subframe of our window.
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: { url: 'embedlab://app/index.html' } }, win, undefined), false);
  // Our main frame after navigating elsewhere.
  const away = { url: 'https://example.com/' };
  assert.equal(isTrustedSender({ sender: { mainFrame: away }, senderFrame: away }, { ...win, webContents: { mainFrame: away } }, undefined), false);
  // A destroyed frame, a destroyed window, no window.
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: null }, win, undefined), false);
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, { ...win, isDestroyed: () => true }, undefined), false);
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, null, undefined), false);
  // In development the dev server's page is ours instead.
  const dev = { url: 'http://localhost:5173/' };
  const devContents = { mainFrame: dev };
  assert.equal(isTrustedSender({ sender: devContents, senderFrame: dev }, { webContents: devContents, isDestroyed: () => false }, 'http://localhost:5173'), true);
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, win, 'http://localhost:5173'), false);
});

test('calls are validated before the engine sees them; errors come back as data with their code', async () => {
  const seen: [string, unknown][] = [];
  const engine = {
    async request(call: string, input: unknown) {
      seen.push([call, input]);
      if (call === 'corpus.get') throw Object.assign(new Error('No corpus 5.'), { name: 'LabError', code: 'not-found' });
      if (call === 'job.list') throw new Error('disk on fire');
      return [];
    },
  };
  assert.deepEqual(await handleCall(engine, 'corpus.list', {}), { ok: true, value: [] });
  assert.deepEqual(await handleCall(engine, 'corpus.list', undefined), { ok: true, value: [] });
  const bad = await handleCall(engine, 'corpus.get', { id: 'x' });
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.error.code, 'invalid');
  assert.match(!bad.ok ? bad.error.message : '', /corpus\.get: id/);
  assert.deepEqual(await handleCall(engine, 'corpus.get', { id: 5 }), { ok: false, error: { message: 'No corpus 5.', code: 'not-found' } });
  assert.deepEqual(await handleCall(engine, 'job.list', {}), { ok: false, error: { message: 'disk on fire', code: 'failed' } });
  assert.deepEqual(await handleCall(engine, 'shell.exec', {}), { ok: false, error: { message: 'Unknown call "shell.exec".', code: 'invalid' } });
  assert.deepEqual(await handleCall(engine, { toString: () => 'x' }, {}), { ok: false, error: { message: 'Unknown call "x".', code: 'invalid' } });
  assert.deepEqual(await handleCall(engine, 'corpus.ingest', { source: { kind: 'path', path: '/data' }, extra: 1 }).then((r) => r.ok), false);
  // Names trimmed by the schema reach the engine parsed.
  await handleCall(engine, 'corpus.ingest', { source: { kind: 'path', path: '/data' }, name: '  Mine  ' });
  assert.deepEqual(seen.map(([c]) => c), ['corpus.list', 'corpus.list', 'corpus.get', 'job.list', 'corpus.ingest']);
  assert.deepEqual(seen.at(-1)![1], { source: { kind: 'path', path: '/data' }, name: 'Mine' });
});
