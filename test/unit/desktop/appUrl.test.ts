/** The pure parts of the Electron shell: which URLs are ours, which files the app scheme serves, which node runs the engine. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ENTRY, contentType, entryUrl, isOwnUrl, rendererFile } from '../../../src/main/appUrl.js';
import { APP_CSP, devCsp } from '../../../src/main/csp.js';
import { findNodeBinary } from '../../../src/main/nodeBinary.js';

function tempDir(t: { after(fn: () => unknown): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'embedlab-desktop-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the built app loads from its private scheme; dev loads the dev server', () => {
  assert.equal(entryUrl(undefined), 'embedlab://app/index.html');
  assert.equal(entryUrl(''), APP_ENTRY);
  assert.equal(entryUrl('http://localhost:5173'), 'http://localhost:5173');
});

test('only our own page counts as ours', () => {
  assert.equal(isOwnUrl('embedlab://app/index.html', undefined), true);
  assert.equal(isOwnUrl('embedlab://app/corpora/3#top', undefined), true);
  for (const url of ['embedlab://evil/index.html', 'file:///etc/passwd', 'https://example.com/', 'http://localhost:5173/', 'about:blank', '', 'not a url', undefined]) {
    assert.equal(isOwnUrl(url, undefined), false, String(url));
  }
  const dev = 'http://localhost:5173';
  assert.equal(isOwnUrl('http://localhost:5173/src/main.tsx', dev), true);
  assert.equal(isOwnUrl('http://localhost:5174/', dev), false);
  assert.equal(isOwnUrl('https://localhost:5173/', dev), false);
  assert.equal(isOwnUrl('embedlab://app/index.html', dev), false);
});

test('the app scheme serves files inside out/renderer only, with client-side routes falling back to index.html', (t) => {
  const outer = tempDir(t);
  const dir = join(outer, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'assets', 'app.js'), '');
  writeFileSync(join(outer, 'secret.txt'), 'no');
  writeFileSync(join(outer, 'renderer-evil.txt'), 'no');
  assert.equal(rendererFile(dir, '/'), join(dir, 'index.html'));
  assert.equal(rendererFile(dir, '/index.html'), join(dir, 'index.html'));
  assert.equal(rendererFile(dir, '/assets/app.js'), join(dir, 'assets', 'app.js'));
  assert.equal(rendererFile(dir, '/corpora/3'), join(dir, 'index.html'));
  assert.equal(rendererFile(dir, '/assets/missing.js'), null);
  assert.equal(rendererFile(dir, '/../secret.txt'), null);
  assert.equal(rendererFile(dir, '/%2e%2e/secret.txt'), null);
  assert.equal(rendererFile(dir, '/..%2fsecret.txt'), null);
  assert.equal(rendererFile(dir, '/../renderer-evil.txt'), null);
  assert.equal(rendererFile(dir, '/%00'), null);
  assert.equal(rendererFile(dir, '/%E0%A4%A'), null);
  assert.equal(contentType('a/b.js'), 'text/javascript; charset=utf-8');
  assert.equal(contentType('x.WASM'), 'application/wasm');
  assert.equal(contentType('x.bin'), 'application/octet-stream');
});

test('the CSP allows no inline or remote script and no remote connections', () => {
  assert.match(APP_CSP, /script-src 'self'(;|$)/);
  assert.match(APP_CSP, /connect-src 'self'(;|$)/);
  assert.match(APP_CSP, /object-src 'none'/);
  assert.doesNotMatch(APP_CSP, /unsafe-eval|https?:|\*/);
  assert.match(devCsp('http://localhost:5173'), /connect-src 'self' ws:\/\/localhost:5173 http:\/\/localhost:5173/);
});

test('the engine runs with EMBEDLAB_NODE when it is usable, else (outside Electron) with this node', (t) => {
  const dir = tempDir(t);
  const fake = join(dir, 'node');
  writeFileSync(fake, '#!/bin/sh\n');
  chmodSync(fake, 0o755);
  assert.deepEqual(findNodeBinary({ EMBEDLAB_NODE: fake }, false), { path: fake });
  assert.deepEqual(findNodeBinary({ EMBEDLAB_NODE: join(dir, 'missing') }, false), { path: process.execPath });
  assert.deepEqual(findNodeBinary({}, false), { path: process.execPath });
});

test('inside Electron the engine runs with the node that ran npm, else the first node on PATH, else nothing', { skip: process.platform === 'win32' }, (t) => {
  const dir = tempDir(t);
  const bin1 = join(dir, 'bin1');
  const bin2 = join(dir, 'bin2');
  mkdirSync(bin1);
  mkdirSync(bin2);
  writeFileSync(join(bin1, 'node'), 'not executable');
  writeFileSync(join(bin2, 'node'), '#!/bin/sh\n');
  chmodSync(join(bin2, 'node'), 0o755);
  assert.deepEqual(findNodeBinary({ npm_node_execpath: process.execPath, PATH: bin2 }, true), { path: process.execPath });
  assert.deepEqual(findNodeBinary({ PATH: [join(dir, 'none'), bin1, bin2].join(':') }, true), { path: join(bin2, 'node') });
  const missing = findNodeBinary({ PATH: bin1 }, true);
  assert.equal(missing.path, null);
  assert.deepEqual((missing as { tried: string[] }).tried, [join(bin1, 'node')]);
});
