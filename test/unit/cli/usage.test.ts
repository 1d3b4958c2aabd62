import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import { tempDir } from '../../helpers/fixtures.js';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

test('the help names every method and every command, and each command has its own help', async () => {
  const help = await cli(['--help']);
  assert.equal(help.code, 0);
  for (const m of ['ppmi-svd', 'sgns', 'cbow', 'glove', 'mstar', 'lsa', 'rw-sn']) assert.match(help.out, new RegExp(`\\b${m}\\b`), m);
  for (const c of ['corpus add', 'corpus export-text', 'train', 'run show', 'export', 'import', 'eval', 'neighbors', 'randwalk', 'recovery', 'serve']) assert.ok(help.out.includes(`  ${c}`), c);
  const rw = await cli(['randwalk', '--help']);
  assert.equal(rw.code, 0);
  assert.match(rw.out, /--tokens-per-step/);
  const none = await cli([]);
  assert.equal(none.code, 2);
  assert.match(none.err, /^Usage: embedlab/);
});

test('an unknown command, sub-command or flag is a usage error that names the options, and nothing runs', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = join(dir.path, 'lab.db');
  const typo = await cli(['import', join(dir.path, 'x.txt'), '--limt', '5', '--db', db]);
  assert.equal(typo.code, 2);
  assert.match(typo.err, /--limt is not an option of import\. Its options: --format --name --limit/);
  const sub = await cli(['corpus', 'ad', '--db', db]);
  assert.equal(sub.code, 2);
  assert.match(sub.err, /Unknown corpus command "ad"/);
  const bare = await cli(['run', '--db', db]);
  assert.match(bare.err, /run needs a command: list, show, remove/);
  const hex = await cli(['corpus', 'add', dir.path, '--min-count', '0x10', '--db', db]);
  assert.equal(hex.code, 2);
  assert.match(hex.err, /--min-count must be an integer from 1 to 1000000, not "0x10"/);
  const stray = await cli(['train', '1', '--method', 'sgns', '--share-negatives', 'false', '--db', db]);
  assert.equal(stray.code, 2);
  assert.match(stray.err, /train takes one corpus id; "false" is left over\. A switch takes no value: give --NAME to turn it on, --no-NAME to turn it off/);
  const escape = await cli(['corpus', 'show', '\x1b[31mred', '--db', db]);
  assert.equal(escape.code, 2);
  assert.ok(!escape.err.includes('\x1b'), 'no raw escape reaches the terminal');
});

test('a --db in a folder that does not exist is refused, not created empty', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const r = await cli(['corpus', 'list', '--db', join(dir.path, 'typo', 'lab.db'), '--json']);
  assert.equal(r.code, 1);
  assert.match(JSON.parse(r.out).error, /There is no folder .*typo/);
});
