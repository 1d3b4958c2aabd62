/**
 * What a killed process leaves (a half-written export beside its target, a spill folder in
 * the temp directory) is removed by the next job of the same kind; a live process's are kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { partialName, spillDirPath, sweepPartials, sweepSpillDirs } from '../../../src/engine/base/leftovers.js';
import { writeTemp, commitFiles } from '../../../src/engine/base/atomicFiles.js';
import { PROCESS_TOKEN } from '../../../src/engine/base/processToken.js';
import { tempDir } from '../../helpers/fixtures.js';

const DEAD = '999999999';

test('partial files of a process that is gone are swept, ours are kept, other files are never touched', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const mine = partialName(join(dir.path, 'vectors.txt'));
  assert.match(mine, new RegExp(`\\.vectors\\.txt\\.${PROCESS_TOKEN.replace(':', '-')}-[0-9a-f]{8}\\.partial$`));
  const files = {
    mine,
    deadNew: join(dir.path, `.vectors.txt.${DEAD}-12345-abcd0123.partial`),
    deadOld: join(dir.path, `.vectors.bin.${DEAD}-abcd0123.partial`),
    user: join(dir.path, 'notes.partial'),
    target: join(dir.path, 'vectors.txt'),
  };
  for (const f of Object.values(files)) writeFileSync(f, 'x');
  assert.equal(sweepPartials(dir.path), 2);
  assert.deepEqual(Object.entries(files).filter(([, f]) => existsSync(f)).map(([k]) => k), ['mine', 'user', 'target']);

  // The next export into the folder sweeps what a killed one left there.
  writeFileSync(files.deadNew, 'x'.repeat(1000));
  await commitFiles([await writeTemp(join(dir.path, 'out.txt'), [Buffer.from('hello\n')])]);
  assert.equal(existsSync(files.deadNew), false);
  assert.deepEqual(readdirSync(dir.path).filter((f) => f.endsWith('.partial')).sort(), [mine.split('/').pop(), 'notes.partial'].sort());
});

test('spill folders: a gone owner\'s swept with their files, ours kept, old unnamed ones only when empty and stale', (t) => {
  const root = tempDir();
  t.after(root.cleanup);
  const ours = join(root.path, spillDirPath().split('/').pop()!);
  const dead = join(root.path, `embedlab-cooc-${DEAD}-777-zz99`);
  const oldEmpty = join(root.path, 'embedlab-cooc-Ab12Cd');
  const oldFull = join(root.path, 'embedlab-cooc-Ef34Gh');
  const oldFresh = join(root.path, 'embedlab-cooc-Ij56Kl');
  for (const d of [ours, dead, oldEmpty, oldFull, oldFresh]) mkdirSync(d);
  writeFileSync(join(dead, 'spill-0.bin'), 'x'.repeat(100));
  writeFileSync(join(oldFull, 'spill-0.bin'), 'x');
  const hoursAgo = new Date(Date.now() - 3 * 3600_000);
  for (const d of [oldEmpty, oldFull]) utimesSync(d, hoursAgo, hoursAgo);
  assert.equal(sweepSpillDirs(root.path), 2);
  assert.deepEqual([ours, dead, oldEmpty, oldFull, oldFresh].map(existsSync), [true, false, false, true, true]);
});
