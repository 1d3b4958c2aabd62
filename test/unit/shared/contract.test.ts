import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInput, LabError, isCallName, calls } from '../../../src/shared/contract.js';

const invalid = (name: Parameters<typeof parseInput>[0], input: unknown, pattern: RegExp): void => {
  assert.throws(() => parseInput(name, input), (e: unknown) => e instanceof LabError && e.code === 'invalid' && pattern.test(e.message));
};

test('valid inputs pass and come back parsed', () => {
  assert.deepEqual(parseInput('corpus.get', { id: 3 }), { id: 3 });
  assert.deepEqual(parseInput('corpus.list', undefined), {});
  const ingest = parseInput('corpus.ingest', { source: { kind: 'path', path: '/data' }, name: '  Brown  ', minCount: 5 });
  assert.equal(ingest.name, 'Brown', 'names are trimmed');
});

test('bad inputs name the field and the problem', () => {
  invalid('corpus.get', { id: 0 }, /corpus\.get: id: .*>=?\s*0|id:/);
  invalid('corpus.get', { id: 'three' }, /id: .*number/);
  invalid('corpus.get', { id: 1.5 }, /id: .*int/);
  invalid('corpus.get', {}, /id:/);
  invalid('corpus.get', { id: 1, extra: true }, /extra/);
  invalid('corpus.ingest', { source: { kind: 'path', path: '' } }, /source\.path: a folder path is required/);
  invalid('corpus.ingest', { source: { kind: 'ftp', path: 'x' } }, /source\.kind/);
  invalid('corpus.ingest', { source: { kind: 'upload', uploadId: '../../etc' } }, /source\.uploadId: .*upload id/);
  invalid('corpus.ingest', { source: { kind: 'path', path: '/x' }, minCount: -1 }, /minCount/);
  invalid('corpus.ingest', { source: { kind: 'path', path: '/x' }, name: '   ' }, /name: must not be empty/);
  invalid('job.cancel', null as unknown as object, /id:/);
});

test('only declared calls exist', () => {
  assert.equal(isCallName('corpus.list'), true);
  assert.equal(isCallName('toString'), false);
  assert.equal(isCallName('__proto__'), false);
  assert.ok(Object.keys(calls).length >= 8);
});
