/**
 * Random and mutated input, with counts. Every importer (word2vec text and binary, GloVe,
 * Projector TSV, .npy, fastText .bin, and .gz of the text ones), the evaluation-set
 * parsers, the tokenizer and the validation of every contract call get mutated valid
 * inputs and random bytes. Allowed: a clean result that holds together, or a LabError a
 * person can read (short, printable, naming the file, the line or the byte). Not allowed:
 * any other exception, a crash, or a hang (each case has a time limit).
 * CI runs a fixed-seed subset (the counts below, at least 10,000 in all);
 * EMBEDLAB_FUZZ=full runs ten times as many (at least 100,000).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { importVectors } from '../../../src/engine/formats/index.js';
import { parseAnalogies, parseSimilarity } from '../../../src/engine/eval/datasets.js';
import { tokenize } from '../../../src/engine/text/tokenizer.js';
import { CALL_NAMES, parseInput } from '../../../src/shared/contract.js';
import { LabError } from '../../../src/shared/labError.js';
import { tempDir } from '../../helpers/fixtures.js';

const FULL = process.env.EMBEDLAB_FUZZ === 'full';
const runs = (n: number): number => (FULL ? 10 * n : n);
const SEED = 20261206;
const counted: Record<string, number> = {};

/** Random edits of a valid input: flipped, inserted and deleted bytes, a cut. */
const mutation = fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom('flip', 'insert', 'delete', 'cut', 'digit'), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 });

function mutate(seed: Uint8Array, edits: { at: number; kind: string; byte: number }[]): Uint8Array {
  let b = Buffer.from(seed);
  for (const e of edits) {
    const at = b.length ? e.at % (b.length + 1) : 0;
    if (e.kind === 'flip' && at < b.length) b[at] ^= e.byte || 1;
    if (e.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from([e.byte]), b.subarray(at)]);
    if (e.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
    if (e.kind === 'cut') b = b.subarray(0, at);
    if (e.kind === 'digit' && at < b.length) b[at] = 48 + (e.byte % 10); // numbers in headers and fields
  }
  return b;
}

/** A LabError a person can act on: short, printable, and saying where. */
function assertReadable(e: unknown, where: RegExp, what: string): void {
  if (!(e instanceof LabError)) throw new Error(`${what}: not a LabError but ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack}`);
  assert.ok(e.message.length > 0 && e.message.length <= 2000, `${what}: a message of ${e.message.length} characters`);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(e.message, /[\u0000-\u0008\u000b-\u001f\u007f\u001b]/, `${what}: control characters in "${e.message.slice(0, 200)}"`);
  assert.match(e.message, where, `${what}: the message says where: "${e.message.slice(0, 300)}"`);
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms (a hang)`)), ms)))]).finally(() => clearTimeout(timer));
}

const floats = (n: number, k: number): number[] => Array.from({ length: n }, (_, i) => Math.round(1000 * Math.sin(i * 7 + k)) / 1000);
const WORDS = ['king', 'queen', 'man', 'woman', 'the', 'café'];
const d = 4;

function seeds(dir: string): { name: string; format: string; file: string; bytes: Uint8Array; words?: { file: string; bytes: Uint8Array } }[] {
  const text = `${WORDS.length} ${d}\n${WORDS.map((w, i) => `${w} ${floats(d, i).join(' ')}`).join('\n')}\n`;
  const glove = `${WORDS.map((w, i) => `${w} ${floats(d, i).join(' ')}`).join('\n')}\n`;
  const bin = Buffer.concat([Buffer.from(`${WORDS.length} ${d}\n`), ...WORDS.map((w, i) => Buffer.concat([Buffer.from(`${w} `), Buffer.from(new Float32Array(floats(d, i)).buffer), Buffer.from('\n')]))]);
  const tsv = `${WORDS.map((_, i) => floats(d, i).join('\t')).join('\n')}\n`;
  const meta = `${WORDS.join('\n')}\n`;
  const header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${WORDS.length}, ${d}), }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  const npyHead = Buffer.concat([Buffer.from([0x93]), Buffer.from('NUMPY'), Buffer.from([1, 0]), Buffer.from(new Uint16Array([header.length + pad + 1]).buffer), Buffer.from(header + ' '.repeat(pad) + '\n')]);
  const npy = Buffer.concat([npyHead, Buffer.from(new Float32Array(WORDS.flatMap((_, i) => floats(d, i))).buffer)]);
  const fastText = readFileSync(new URL('../../fixtures/fasttext/tiny-nosub.bin', import.meta.url));
  const f = (name: string): string => join(dir, name);
  for (const sub of ['tsv', 'npy']) mkdirSync(f(sub), { recursive: true });
  return [
    { name: 'word2vec text', format: 'w2v-text', file: f('v.txt'), bytes: Buffer.from(text) },
    { name: 'word2vec text .gz', format: 'w2v-text', file: f('v.txt.gz'), bytes: gzipSync(text) },
    { name: 'word2vec binary', format: 'w2v-bin', file: f('v.bin'), bytes: bin },
    { name: 'word2vec binary .gz', format: 'w2v-bin', file: f('v.bin.gz'), bytes: gzipSync(bin) },
    { name: 'GloVe', format: 'glove', file: f('g.txt'), bytes: Buffer.from(glove) },
    { name: 'GloVe .gz', format: 'glove', file: f('g.txt.gz'), bytes: gzipSync(glove) },
    { name: 'Projector TSV vectors', format: 'tsv', file: f('tsv/vectors.tsv'), bytes: Buffer.from(tsv), words: { file: f('tsv/metadata.tsv'), bytes: Buffer.from(meta) } },
    { name: '.npy', format: 'npy', file: f('npy/vectors.npy'), bytes: npy, words: { file: f('npy/vocab.txt'), bytes: Buffer.from(meta) } },
    { name: 'fastText .bin', format: 'fasttext-bin', file: f('m.bin'), bytes: fastText },
  ];
}

test('every importer: mutated and random files give vectors that hold together, or a readable LabError', { timeout: FULL ? 3_600_000 : 600_000 }, async (t) => {
  const dir = tempDir();
  t.after(dir.cleanup);
  for (const s of seeds(dir.path)) {
    if (s.words) writeFileSync(s.words.file, s.words.bytes);
    const target = s.words ? join(s.file, '..') : s.file;
    writeFileSync(s.file, s.bytes);
    const clean = await importVectors(target, { format: s.format as never });
    assert.ok(clean.words.length > 0, `${s.name}: the seed itself imports`);
    let n = 0;
    const check = async (bytes: Uint8Array, mutateWords: boolean): Promise<void> => {
      n++;
      writeFileSync(mutateWords && s.words ? s.words.file : s.file, bytes);
      try {
        const got = await withTimeout(importVectors(target, { format: (n % 3 === 0 ? 'auto' : s.format) as never, maxMatrixBytes: 64 << 20 }), 10_000, s.name);
        assert.equal(got.W.length, got.words.length * got.dim, `${s.name}: W is words × dim`);
        assert.equal(got.counts.length, got.words.length);
      } catch (e) {
        assertReadable(e, /line|byte|offset|header|\.(txt|bin|tsv|npy|gz)\b|vectors|vocab|metadata|file|gzip/i, s.name);
      } finally {
        if (mutateWords && s.words) writeFileSync(s.words.file, s.words.bytes);
      }
    };
    await fc.assert(fc.asyncProperty(mutation, fc.boolean(), async (edits, onWords) => check(mutate(onWords && s.words ? s.words.bytes : s.bytes, edits), onWords)), { numRuns: runs(700), seed: SEED, includeErrorInReport: true });
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => check(bytes, false)), { numRuns: runs(150), seed: SEED + 1, includeErrorInReport: true });
    counted[`import: ${s.name}`] = n;
  }
});

test('the evaluation-set parsers: mutated and random text gives questions and pairs, or a readable LabError naming the file and line', { timeout: 600_000 }, () => {
  const analogy = ': capital-common\nathens greece baghdad iraq\nberlin germany paris france\n: gram1\ngood better bad worse\n';
  const similarity = '# a comment\nking\tqueen\t8.5\nman\twoman\t8.3\ncup\tcoffee\t6.6\n';
  let n = 0;
  const run = (label: string, seed: string, parse: (text: string) => unknown[]) => {
    const bytes = Buffer.from(seed);
    fc.assert(fc.property(fc.oneof(mutation.map((e) => Buffer.from(mutate(bytes, e)).toString('utf8')), fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
      n++;
      try {
        const out = parse(text);
        assert.ok(Array.isArray(out));
      } catch (e) {
        assertReadable(e, /questions\.txt|pairs\.tsv/, label);
        assert.match((e as Error).message, /line \d+|no .*(questions|pairs) found/i, `${label}: names the line`);
      }
    }), { numRuns: runs(2500), seed: SEED + 2, includeErrorInReport: true });
  };
  run('analogies', analogy, (t) => parseAnalogies(t, 'questions.txt'));
  run('similarity', similarity, (t) => parseSimilarity(t, 'pairs.tsv'));
  counted['evaluation-set parsers'] = n;
});

test('the tokenizer: any text gives tokens without spaces, never an exception', () => {
  let n = 0;
  fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 }), fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString('latin1'))), (text) => {
    n++;
    for (const tok of tokenize(text)) {
      assert.ok(tok.length > 0);
      assert.doesNotMatch(tok, /\s/u);
    }
  }), { numRuns: runs(2500), seed: SEED + 3, includeErrorInReport: true });
  counted.tokenizer = n;
});

test('the validation of every contract call: random JSON is accepted as typed, or refused with a LabError naming the call', () => {
  let n = 0;
  const json = fc.jsonValue({ maxDepth: 3 });
  const shaped = fc.dictionary(fc.constantFrom('id', 'runId', 'corpusId', 'name', 'out', 'k', 'word', 'source', 'params', 'method', 'format', 'a', 'b', 'c', 'runIds', 'vocab', 'dim', 'set'), json, { maxKeys: 5 });
  fc.assert(fc.property(fc.constantFrom(...CALL_NAMES), fc.oneof(json, shaped), (name, input) => {
    n++;
    try {
      const parsed = parseInput(name, input);
      assert.ok(parsed !== undefined || input === undefined);
    } catch (e) {
      assertReadable(e, new RegExp(name.replace('.', '\\.')), name);
    }
  }), { numRuns: runs(3000), seed: SEED + 4, includeErrorInReport: true });
  counted['contract validation'] = n;
});

test('the counts', () => {
  const total = Object.values(counted).reduce((a, b) => a + b, 0);
  console.log(`fuzz cases (${FULL ? 'full' : 'CI subset'}, seed ${SEED}): ${Object.entries(counted).map(([k, v]) => `${k} ${v}`).join('; ')}; ${total} in all`);
  assert.ok(total >= (FULL ? 100_000 : 10_000), `${total} cases`);
});
