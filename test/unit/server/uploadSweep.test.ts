/** Upload folders a killed server left are removed at the next start, except those a run still reads and fresh ones. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { sweepUploads } from '../../../src/server/browserLab.js';
import { tempDir } from '../../helpers/fixtures.js';

test('the next start sweeps stale orphan uploads and keeps a fastText model a run reads from', async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'browser' });
  t.after(() => lab.close());
  const uploads = join(dir.path, 'lab.db.uploads');
  const [model, orphan, fresh] = ['a1', 'b2', 'c3'].map((id) => join(uploads, id));
  for (const d of [model, orphan, fresh]) mkdirSync(d, { recursive: true });
  copyFileSync(new URL('../../fixtures/fasttext/tiny-sg.bin', import.meta.url), join(model, 'tiny-sg.bin'));
  writeFileSync(join(orphan, 'half-uploaded.txt'), 'the quick brown');
  writeFileSync(join(fresh, 'arriving.txt'), 'now');
  const done = await lab.jobs.wait(await lab.call('vectors.import', { source: { kind: 'path', path: join(model, 'tiny-sg.bin') } }));
  assert.equal(done.status, 'done', done.error);
  const old = new Date(Date.now() - 2 * 3600_000);
  for (const d of [model, orphan]) utimesSync(d, old, old);
  assert.equal(await sweepUploads(lab, uploads), 1);
  assert.deepEqual([model, orphan, fresh].map(existsSync), [true, false, true]);
  const nb = await lab.call('vectors.neighbors', { runId: done.result!.runId, word: 'zzqxunseenword', k: 3 });
  assert.equal(nb.outOfVocabulary, true, 'the kept model still answers words outside the vocabulary');
});
