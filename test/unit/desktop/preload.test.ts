/** The preload (src/preload/index.ts) with a stub 'electron': what window.embedlab does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';
import type { DesktopBridge } from '../../../src/shared/bridge.js';

register(new URL('./helpers/electronHooks.mjs', import.meta.url));
const stub = await import(new URL('./helpers/electronStub.mjs', import.meta.url).href);
await import('../../../src/preload/index.js');
const bridge = stub.recorded.exposed.embedlab as DesktopBridge<File>;

test('exposes exactly the four bridge functions, and not ipcRenderer', () => {
  assert.deepEqual(Object.keys(stub.recorded.exposed), ['embedlab']);
  assert.deepEqual(Object.keys(bridge).sort(), ['call', 'on', 'pathForFile', 'pickFolder']);
  assert.ok(Object.values(bridge).every((v) => typeof v === 'function'));
});

test('call resolves with the value, or rejects with { name, message, code } that survives contextBridge', async () => {
  stub.invokeAnswers.fn = async (_channel: string, name: string) =>
    name === 'corpus.list' ? { ok: true, value: [] } : { ok: false, error: { message: 'No corpus 9.', code: 'not-found' } };
  assert.deepEqual(await bridge.call('corpus.list', {}), []);
  await assert.rejects(bridge.call('corpus.get', { id: 9 }), (e: unknown) => {
    assert.deepEqual(e, { name: 'LabError', message: 'No corpus 9.', code: 'not-found' });
    return true;
  });
  assert.deepEqual(stub.recorded.invoked.slice(-2), [
    ['embedlab:call', 'corpus.list', {}],
    ['embedlab:call', 'corpus.get', { id: 9 }],
  ]);
});

test('on delivers only its event, from the one event channel, until unsubscribed', () => {
  const jobs: unknown[] = [];
  const changes: unknown[] = [];
  const offJob = bridge.on('job', (p) => void jobs.push(p));
  bridge.on('changed', (p) => void changes.push(p));
  stub.ipcRenderer.emitFromMain('embedlab:event', { event: 'job', payload: { id: 1 } });
  stub.ipcRenderer.emitFromMain('embedlab:event', { event: 'changed', payload: { what: 'corpora' } });
  stub.ipcRenderer.emitFromMain('other-channel', { event: 'job', payload: { id: 2 } });
  stub.ipcRenderer.emitFromMain('embedlab:event', null);
  offJob();
  stub.ipcRenderer.emitFromMain('embedlab:event', { event: 'job', payload: { id: 3 } });
  assert.deepEqual(jobs, [{ id: 1 }]);
  assert.deepEqual(changes, [{ what: 'corpora' }]);
});

test('a listener that throws does not stop the others', () => {
  const seen: unknown[] = [];
  const error = console.error;
  console.error = () => {};
  try {
    bridge.on('changed', () => {
      throw new Error('boom');
    });
    bridge.on('changed', (p) => void seen.push(p));
    stub.ipcRenderer.emitFromMain('embedlab:event', { event: 'changed', payload: { what: 'corpora' } });
  } finally {
    console.error = error;
  }
  assert.deepEqual(seen, [{ what: 'corpora' }]);
});

test('pickFolder and pathForFile', async () => {
  stub.invokeAnswers.fn = async (channel: string) => (channel === 'embedlab:pick-folder' ? '/home/me/texts' : undefined);
  assert.equal(await bridge.pickFolder(), '/home/me/texts');
  assert.equal(bridge.pathForFile({ name: 'a.txt' } as File), '/dropped/a.txt');
});
