import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInput } from '../../../src/shared/contract.js';

const message = (name: Parameters<typeof parseInput>[0], input: unknown): string => {
  try {
    parseInput(name, input);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${name} took ${JSON.stringify(input)}`);
};

test("the contract's refusals are sentences, not the validator's words", () => {
  assert.equal(message('corpus.get', { id: Number.NaN }), 'Invalid arguments to corpus.get: id: must be a number, not NaN (what an empty or unreadable number field sends).');
  assert.equal(message('corpus.get', { id: 'three' }), 'Invalid arguments to corpus.get: id: must be a number, not the text "three".');
  assert.equal(message('corpus.get', { id: 1.5 }), 'Invalid arguments to corpus.get: id: must be an integer (a whole number), not 1.5, which has a fraction.');
  assert.equal(message('corpus.get', {}), 'Invalid arguments to corpus.get: id: is required (a number).');
  assert.equal(message('corpus.get', { id: 0 }), 'Invalid arguments to corpus.get: id: must be greater than 0.');
  assert.equal(message('corpus.get', { id: 1, extra: true }), 'Invalid arguments to corpus.get: input: has no field "extra".');
  assert.equal(message('run.compare', { a: 1, b: 2, k: 500 }), 'Invalid arguments to run.compare: k: must be at most 100.');
  assert.equal(message('run.export', { id: 1, format: 'xml', out: 'v' }), 'Invalid arguments to run.export: format: must be one of w2v-text, w2v-bin, glove, tsv, npy, not "xml".');
  assert.equal(message('vectors.analogy', { runIds: [], a: 'a', b: 'b', c: 'c' }), 'Invalid arguments to vectors.analogy: runIds: must hold at least 1 item.');
  assert.equal(message('corpus.ingest', { source: { kind: 'ftp', path: 'x' } }), 'Invalid arguments to corpus.ingest: source.kind: must be one of path, upload.');
});

test("a schema's own words are kept, and a field named by what it takes becomes a sentence", () => {
  assert.match(message('corpus.ingest', { source: { kind: 'path', path: '/x' }, name: '   ' }), /name: must not be empty\.$/);
  assert.match(message('corpus.ingest', { source: { kind: 'upload', uploadId: '../etc' } }), /source\.uploadId: must be an upload id\.$/);
});

test('many problems: the first four are named, the rest counted; the first names the field', () => {
  const input = { runIds: 'x', a: 1, b: 2, c: 3, k: 'y' };
  const text = message('vectors.analogy', input);
  assert.match(text, /^Invalid arguments to vectors\.analogy: runIds: must be a list, not the text "x"; a: must be text, not 1; b: must be text, not 2; c: must be text, not 3; and 1 more problem\.$/);
  try {
    parseInput('vectors.analogy', input);
  } catch (e) {
    assert.equal((e as { field?: string }).field, 'runIds');
  }
});

test('text sent back in a message is printable and cut short', () => {
  const text = message('run.export', { id: 1, format: `x\u0007${'y'.repeat(500)}`, out: 'v' });
  assert.doesNotMatch(text, /\u0007/);
  assert.match(text, /not "x\\x07y+…"\.$/);
  assert.ok(text.length < 200);
});
