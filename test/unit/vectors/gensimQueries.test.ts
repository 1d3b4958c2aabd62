/**
 * gensim's queries (most_similar with 3CosAdd or 3CosMul, several positive and negative words, restrict_vocab;
 * doesnt_match; similarity; n_similarity) give gensim's answers on one run: the vectors and gensim 4.2's answers
 * are fixtures (bench/verify-queries.py wrote them), so the test needs no Python.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lab } from '../../../src/engine/lab.js';
import { LabError } from '../../../src/shared/labError.js';
import type { CallInput } from '../../../src/shared/contract.js';
import { tempDir } from '../../helpers/fixtures.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'queries');
type GensimQuery = CallInput<'vectors.query'> & { answers?: [string, number][]; word?: string; similarity?: number };

test('vectors.query answers as gensim 4.2 does: the same words in the same order, scores to float32 rounding', async (t) => {
  const dir = tempDir();
  const lab = new Lab({ dbPath: join(dir.path, 'lab.db'), mode: 'cli' });
  t.after(async () => {
    await lab.close();
    dir.cleanup();
  });
  const imported = await lab.jobs.wait(await lab.call('vectors.import', { source: { kind: 'path', path: join(fixtures, 'brown-400x25.txt') } }));
  const runId = imported.result!.runId;
  const { queries } = JSON.parse(readFileSync(join(fixtures, 'gensim-answers.json'), 'utf8')) as { queries: GensimQuery[] };
  assert.equal(queries.length, 14);
  for (const g of queries) {
    const { answers, word, similarity, ...q } = g;
    const ours = await lab.call('vectors.query', { ...q, runId } as CallInput<'vectors.query'>);
    const what = JSON.stringify(q);
    if (ours.query === 'most_similar') {
      assert.equal(ours.answers.length, answers!.length, what);
      ours.answers.forEach((a, i) => {
        assert.ok(Math.abs(a.score - answers![i][1]) < 2e-6 * Math.max(1, Math.abs(answers![i][1])), `${what} #${i}: ${a.score} vs ${answers![i][1]}`);
        // The same word, unless two of gensim's scores tie to float32 rounding.
        if (a.word !== answers![i][0]) assert.ok(answers!.some(([w, s]) => w === a.word && Math.abs(s - a.score) < 2e-6), `${what} #${i}: ${a.word} vs ${answers![i][0]}`);
      });
    } else if (ours.query === 'doesnt_match') {
      assert.equal(ours.word, word, what);
      assert.equal(ours.ranking.at(-1)!.word, word);
      assert.deepEqual(ours.ignored, []);
    } else {
      assert.ok(Math.abs(ours.similarity - similarity!) < 1e-6, `${what}: ${ours.similarity} vs ${similarity}`);
    }
  }

  // Words outside the vocabulary: most_similar and similarity refuse, naming them (gensim raises KeyError);
  // doesnt_match and n_similarity leave them out and say so (gensim logs a warning).
  await assert.rejects(lab.call('vectors.query', { query: 'most_similar', runId, positive: ['man', 'zyzzyva'] }),
    (e: unknown) => e instanceof LabError && e.code === 'not-found' && /"zyzzyva"/.test(e.message));
  await assert.rejects(lab.call('vectors.query', { query: 'similarity', runId, a: 'man', b: 'qwertyuiop' }), /"qwertyuiop"/);
  const odd = await lab.call('vectors.query', { query: 'doesnt_match', runId, words: ['man', 'boy', 'zyzzyva', 'children', 'house'] });
  assert.ok(odd.query === 'doesnt_match' && odd.word === 'children' && odd.ignored.join() === 'zyzzyva');
  const n = await lab.call('vectors.query', { query: 'n_similarity', runId, ws1: ['man', 'boy', 'zyzzyva'], ws2: ['school'] });
  assert.ok(n.query === 'n_similarity' && n.ignored.join() === 'zyzzyva' && n.similarity > -1 && n.similarity < 1);
  await assert.rejects(lab.call('vectors.query', { query: 'most_similar', runId }), /at least one word/);
  await assert.rejects(lab.call('vectors.query', { query: 'most_similar', runId, negative: ['man'], method: '3cosmul' }), /at least one positive word/);
  await assert.rejects(lab.call('vectors.query', { query: 'doesnt_match', runId, words: ['man'] } as never), /words/);
});

test('the CLI asks the same queries: most-similar (--cosmul, --restrict), doesnt-match, similarity, n-similarity', async (t) => {
  const { main } = await import('../../../src/cli/main.js');
  const dir = tempDir();
  t.after(dir.cleanup);
  const db = join(dir.path, 'lab.db');
  const cli = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await main([...argv, '--db', db], { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };
  assert.equal((await cli(['import', join(fixtures, 'brown-400x25.txt'), '--json'])).code, 0);
  const { queries } = JSON.parse(readFileSync(join(fixtures, 'gensim-answers.json'), 'utf8')) as { queries: GensimQuery[] };
  const cosmul = queries.find((q) => q.query === 'most_similar' && q.method === '3cosmul')! as GensimQuery & { positive: string[]; negative: string[] };
  const r = await cli(['most-similar', '1', '--positive', cosmul.positive.join(','), '--negative', cosmul.negative.join(','), '--cosmul', '--topn', '3']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.out.trim().split('\n').map((l) => l.trim().split(/\s+/)[1]), cosmul.answers!.slice(0, 3).map((a) => a[0]));
  const odd = JSON.parse((await cli(['doesnt-match', '1', 'man', 'boy', 'children', 'house', '--json'])).out);
  assert.equal(odd.word, 'children');
  assert.match((await cli(['similarity', '1', 'man', 'boy'])).out, /^0\.945\d+/);
  assert.match((await cli(['n-similarity', '1', '--ws1', 'man,boy', '--ws2', 'men,children,family'])).out, /^0\.921\d+/);
  const missing = await cli(['most-similar', '1', '--positive', 'zyzzyva']);
  assert.notEqual(missing.code, 0);
  assert.match(missing.err, /Not in this run's vocabulary: "zyzzyva"/);
});
