import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/fixtures.js';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'embedlab.js');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('train --dim 0x10 is refused, naming the option and the value, and no run is created', (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = join(dir.path, 'lab.db');
  writeFileSync(join(dir.path, 'a.txt'), 'the cat sat on the mat and the dog sat on the log\n'.repeat(20));
  assert.equal(cli(['corpus', 'add', join(dir.path, 'a.txt'), '--db', db, '--json']).code, 0);

  for (const value of ['0x10', '16abc', '-4']) {
    const r = cli(['train', '1', '--method', 'sgns', '--dim', value, '--db', db]);
    assert.notEqual(r.code, 0, `--dim ${value} was accepted: ${r.out}`);
    assert.match(r.err, /\bdim\b/, `the message names the option: ${r.err}`);
    assert.ok(r.err.includes(value), `the message shows the value: ${r.err}`);
  }
  assert.match(cli(['train', '1', '--method', 'sgns', '--dim', '0x10', '--db', db]).err, /"dim" is an integer from 1 to 2000, not "0x10"/);
  assert.deepEqual(JSON.parse(cli(['run', 'list', '--db', db, '--json']).out), []);
  // The same option written plainly is accepted.
  const ok = cli(['train', '1', '--method', 'sgns', '--dim', '16', '--epochs', '1', '--db', db, '--json']);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(JSON.parse(ok.out).dim, 16);
});
