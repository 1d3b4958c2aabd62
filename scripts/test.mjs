// The test command (`npm test`): type-check, unit tests, then a build and the
// end-to-end tests (CLI and Playwright in Debian's Chromium, browser mode).
// Every suite uses node's test runner. Exits non-zero if anything fails.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2); // e.g. `npm test -- unit` or `npm test -- e2e`

function find(dir, pattern) {
  const out = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...find(rel, pattern));
    else if (pattern.test(entry.name)) out.push(rel);
  }
  return out.sort();
}

function run(label, cmd, args) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.status !== 0) {
    console.error(`✖ ${label} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

const want = (name) => only.length === 0 || only.includes(name);
if (want('typecheck')) run('type-check', process.execPath, ['scripts/typecheck.mjs']);
if (want('unit')) run('unit tests', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...find('test/unit', /\.test\.ts$/)]);
if (want('e2e')) {
  run('build', 'npx', ['electron-vite', 'build']);
  run('engine build', process.execPath, ['scripts/build-engine.mjs']);
  const e2e = find('test/e2e', /\.test\.ts$/);
  if (e2e.length) run('end-to-end tests', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...e2e]);
}
