import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { exportVectors } from '../../../src/engine/formats/index.js';
import { resolveExportPath } from '../../../src/server/exportFolder.js';
import { tempDir } from '../../helpers/fixtures.js';
import { makeVectors } from '../formats/helpers.js';

test('resolveExportPath keeps names inside the chosen folder', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const base = join(dir.path, 'base');
  mkdirSync(join(base, 'sub'), { recursive: true });
  assert.equal(await resolveExportPath(base, 'v.txt'), join(base, 'v.txt'));
  assert.equal(await resolveExportPath(base, 'sub/v.bin'), join(base, 'sub', 'v.bin'));
  assert.equal(await resolveExportPath(base, './new/dir/v.txt'), join(base, 'new', 'dir', 'v.txt'));
  assert.equal(await resolveExportPath(base, '.', { allowBase: true }), base);
  const refused: [string, RegExp][] = [
    ['../v.txt', /must not contain "\.\."/],
    ['sub/../../v.txt', /must not contain "\.\."/],
    ['sub\\..\\..\\v.txt', /must not contain "\.\."/],
    ['/etc/passwd', /not absolute/],
    ['C:\\x.txt', /not absolute/],
    ['a\0b', /NUL byte/],
    ['', /needs a file name/],
    ['.', /needs a file name/],
  ];
  for (const [name, why] of refused) await assert.rejects(resolveExportPath(base, name), why, JSON.stringify(name));
  await assert.rejects(resolveExportPath(join(dir.path, 'missing'), 'v.txt'), /does not exist or is not a folder/);
});

test('resolveExportPath refuses symbolic links that lead out of the folder, and accepts those that stay in', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const base = join(dir.path, 'base');
  const outside = join(dir.path, 'outside');
  mkdirSync(join(base, 'in'), { recursive: true });
  mkdirSync(outside);
  symlinkSync(outside, join(base, 'out-link'));
  symlinkSync(join(base, 'in'), join(base, 'in-link'));
  symlinkSync(join(outside, 'secret.txt'), join(base, 'file-link'));
  writeFileSync(join(outside, 'secret.txt'), 'keep');
  symlinkSync(join(dir.path, 'nowhere'), join(base, 'dangling'));
  await assert.rejects(resolveExportPath(base, 'out-link/v.txt'), /outside .* through a symbolic link/);
  await assert.rejects(resolveExportPath(base, 'out-link/deeper/v.txt'), /through a symbolic link/);
  await assert.rejects(resolveExportPath(base, 'file-link'), /through a symbolic link/);
  await assert.rejects(resolveExportPath(base, 'dangling/v.txt'), /symbolic link that points nowhere/);
  assert.equal(await resolveExportPath(base, 'in-link/v.txt'), join(base, 'in-link', 'v.txt'));
  // A base that is itself reached through a link is fine: the check is on real paths.
  symlinkSync(base, join(dir.path, 'base-link'));
  assert.equal(await resolveExportPath(join(dir.path, 'base-link'), 'v.txt'), join(base, 'v.txt'));
});

test('an export replaces a link at the target instead of writing through it', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const secret = join(dir.path, 'secret.txt');
  writeFileSync(secret, 'keep');
  const target = join(dir.path, 'v.txt');
  symlinkSync(secret, target);
  await exportVectors(makeVectors(['a'], 2, 1, false), { format: 'w2v-text', out: target });
  assert.equal(readFileSync(secret, 'utf8'), 'keep');
  assert.equal(lstatSync(target).isSymbolicLink(), false);
  assert.match(readFileSync(target, 'utf8'), /^1 2\na /);
});
