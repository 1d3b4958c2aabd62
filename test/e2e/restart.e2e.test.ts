/**
 * A tab that survives a restart, as with Jupyter: the real `serve` command on a lab, a page open
 * in Chromium; the server stops (the tab shows "Reconnecting to the lab…"), a corpus is added from
 * the CLI meanwhile, and `serve` starts again on the same lab and port. It prints the same URL, and
 * the same tab (no navigation, no new URL) reconnects by itself and lists the new corpus. A browser
 * without the token gets an HTML page that says what to do; `serve --list` shows the server; after
 * a restart with --new-token the tab says that the server refuses it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, makeFixture, resultsDir, root, watchPageErrors } from './harness.js';

const bin = join(root, 'bin', 'embedlab.js');

interface Serving { child: ChildProcess; url: string; port: number; pid: number }

/** `embedlab serve --json` as a process; resolves once it printed its URL. */
function serve(db: string, port: number, ...more: string[]): Promise<Serving> {
  const child = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', String(port), '--json', ...more], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('\n')) ok({ child, ...JSON.parse(out.split('\n')[0]) });
    });
    child.once('exit', (code) => fail(new Error(`serve exited with ${code} before printing its URL: ${err}`)));
  });
}

function stop(s: Serving): Promise<number | null> {
  return new Promise((ok) => {
    s.child.once('exit', (code) => ok(code));
    s.child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}

test('restart: the open tab shows that it reconnects, then works again on the same URL', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'embedlab-restart-'));
  const db = join(dir, 'lab.db');
  const fixture = makeFixture(dir, 5);
  const port = await freePort();
  const servers: Serving[] = [];
  const browser = await launchChromium();
  t.after(async () => {
    await browser.close();
    for (const s of servers) if (s.child.exitCode === null) await stop(s);
    rmSync(dir, { recursive: true, force: true });
  });

  const first = await serve(db, port);
  servers.push(first);
  assert.equal(first.port, port);
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  // While the server is down, the browser logs each of the page's retries that fails at the network
  // level (refused; reset or not connected when the stop closes a request in flight: "Failed to load
  // resource: net::ERR_…"); nothing else may. Uncaught errors and HTTP errors are never excused.
  const pageErrors = watchPageErrors(page, /^Failed to load resource: net::ERR_|WebSocket connection to/);
  await page.goto(first.url);
  await page.getByTestId('empty').waitFor();
  const tabUrl = page.url();
  await page.evaluate(() => ((window as unknown as { sameTab: number }).sameTab = 42));

  assert.equal(await stop(first), 0);
  assert.ok(!existsSync(join(`${db}.runtime`, `server-${port}.json`)), 'a clean stop removes the server\'s record');
  const banner = page.getByRole('status').filter({ hasText: 'Reconnecting to the lab…' });
  await banner.waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(resultsDir, 'restart-reconnecting.png') });

  // Meanwhile the lab changes without the server: a corpus added from the command line.
  const added = spawnSync(process.execPath, [bin, 'corpus', 'add', fixture.dir, '--name', 'Added while the server was down', '--db', db], { encoding: 'utf8' });
  assert.equal(added.status, 0, added.stderr);

  const second = await serve(db, port);
  servers.push(second);
  assert.equal(second.url, first.url, 'the same lab and port give the same URL (the token is kept)');
  await banner.waitFor({ state: 'hidden', timeout: 20_000 });
  await page.getByTestId('corpus-table').getByText('Added while the server was down').waitFor({ timeout: 10_000 });
  assert.equal(page.url(), tabUrl, 'the tab did not navigate');
  assert.equal(await page.evaluate(() => (window as unknown as { sameTab?: number }).sameTab), 42, 'the same page, not a reload');
  await page.screenshot({ path: join(resultsDir, 'restart-reconnected.png') });

  const listed = spawnSync(process.execPath, [bin, 'serve', '--list', '--db', db, '--json'], { encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  assert.deepEqual((JSON.parse(listed.stdout) as Serving[]).map((r) => [r.url, r.port, r.pid]), [[second.url, port, second.child.pid]]);

  // A browser without the token (another profile, or a bookmark without ?token=) gets a page that says what to do.
  const stranger = await browser.newPage();
  const answer = await stranger.goto(`http://127.0.0.1:${port}/#/runs`);
  assert.equal(answer?.status(), 401);
  assert.match(answer?.headers()['content-type'] ?? '', /^text\/html/);
  assert.equal(await stranger.getByRole('heading', { level: 1 }).textContent(), 'This lab needs its access link');
  assert.match((await stranger.textContent('body')) ?? '', /Open the URL that npm run serve printed when it started\. It ends with \?token=…/);
  await stranger.screenshot({ path: join(resultsDir, 'restart-token-page.png') });
  const api = await fetch(`http://127.0.0.1:${port}/api/call/corpus.list`, { method: 'POST', headers: { accept: 'text/html,*/*' }, body: '{}' });
  assert.equal(api.status, 401);
  assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'unauthorized', 'the API keeps its JSON errors');

  // A restart with a new token: the tab is refused (its probe's 401 is logged), and says why instead of waiting for ever.
  assert.equal(await stop(second), 0);
  assert.deepEqual(pageErrors.splice(0), [], 'no errors in the page while it reconnected');
  const third = await serve(db, port, '--new-token');
  servers.push(third);
  assert.notEqual(third.url, first.url);
  await page.getByRole('status').filter({ hasText: 'The lab server is back but refuses this tab.' }).waitFor({ timeout: 20_000 });
  await page.screenshot({ path: join(resultsDir, 'restart-refused.png') });
  assert.equal(await stop(third), 0);
  assert.deepEqual(pageErrors.filter((e) => !/status of 401 \(Unauthorized\)/.test(e)), []);
});
