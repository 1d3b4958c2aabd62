import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, normalizeWord } from '../../../src/engine/text/tokenizer.js';
import { ByteTokenizer } from '../../../src/engine/text/byteTokenizer.js';
import { kernelFor } from '../../../src/engine/kernels/registry.js';
import type { TokenizerOptions } from '../../../src/engine/text/tokenizer.js';
import type { FileTokenizer } from '../../../src/engine/kernels/tokenizerKernel.js';
import { decodeVarints, encodeMappedVarints } from '../../../src/engine/base/varint.js';

const backends = ['js', 'native'] as const;
const skipNative = (b: string): string | false => (b === 'native' && !kernelFor('tokenizer', 'native') ? 'native kernels not built' : false);
const createFileTokenizer = (options: TokenizerOptions, backend: 'js' | 'native'): FileTokenizer => kernelFor('tokenizer', backend)!.create(options);
const encodeRanks = (...a: [Uint32Array, number, number, Uint32Array, Uint8Array]): number => kernelFor('tokenizer', 'native')!.encodeRanks(...a);

/** Tokens of `text` through an ingestion fast path (JS or native). */
/** A fast path's types from id `start` on. */
function wordsFrom(t: FileTokenizer, start: number): string[] {
  const joined = t.wordsJoined(start);
  return joined === '' ? [] : joined.split('\n');
}

function fastTokens(text: string, lowercase = true, backend: 'js' | 'native' = 'js'): string[] {
  const t = createFileTokenizer({ lowercase }, backend);
  assert.equal(t.backend, backend);
  t.push(new TextEncoder().encode(text));
  const { ids } = t.finishFile();
  const words = wordsFrom(t, 0);
  return Array.from(ids, (i) => words[i]);
}

const cases: [string, string[]][] = [
  ['Hello, World!', ['hello', 'world']],
  ["Don't stop — it's rock'n'roll.", ["don't", 'stop', "it's", "rock'n'roll"]],
  ['It’s the teacher’s', ["it's", "the", "teacher's"]],
  ["'quoted' words and trailing' apostrophes", ['quoted', 'words', 'and', 'trailing', 'apostrophes']],
  ['well-known state-of-the-art -- dash - here', ['well-known', 'state-of-the-art', 'dash', 'here']],
  ['pi is 3.14, a million is 1,000,000 and 0.3mm; end.', ['pi', 'is', '3.14', 'a', 'million', 'is', '1,000,000', 'and', '0.3mm', 'end']],
  ['version 2. Next', ['version', '2', 'next']],
  ['Café NAÏVE Straße', ['café', 'naïve', 'straße']],
  ['ﬁne ｆｕｌｌｗｉｄｔｈ', ['fine', 'fullwidth']], // NFKC folds ligatures and full-width letters
  ['e\u0301clair', ['éclair']], // combining accent composes under NFKC
  ['東京は大きい 都市です', ['東京は大きい', '都市です']], // CJK passes through as letter runs
  ['Привет, мир', ['привет', 'мир']],
  ['“Curly quotes” and ‘single’ ones…', ['curly', 'quotes', 'and', 'single', 'ones']],
  ['tabs\tand\r\nwindows\u00a0nbsp', ['tabs', 'and', 'windows', 'nbsp']],
  ['email@example.com #hashtag $5', ['email', 'example', 'com', 'hashtag', '5']],
  ['', []],
];

test('reference tokenizer: documented rules on edge cases', () => {
  for (const [text, expected] of cases) assert.deepEqual(tokenize(text), expected, text);
});

for (const backend of backends) {
  test(`${backend} fast path agrees with the reference on the edge cases`, { skip: skipNative(backend) }, () => {
    for (const [text, expected] of cases) assert.deepEqual(fastTokens(text, true, backend), expected, text);
    assert.deepEqual(fastTokens('The Cat café', false, backend), ['The', 'Cat', 'café'], 'keeping case');
    const long = 'x'.repeat(10_000);
    assert.deepEqual(fastTokens(`a ${long} b`, true, backend), ['a', long, 'b'], 'a very long token');
  });

  test(`${backend} fast path agrees with the reference on random mixed text`, { skip: skipNative(backend) }, () => {
    randomAgreement(backend);
  });

  test(`${backend} fast path: paragraphs, and a vocabulary that persists and grows across files`, { skip: skipNative(backend) }, () => {
    const t = createFileTokenizer({ lowercase: true }, backend);
    t.push(new TextEncoder().encode('one two\nthree\n\nfour five\n  \n\nsix'));
    const p = t.finishFile();
    assert.equal(p.ids.length, 6);
    assert.deepEqual(Array.from(p.breaks), [3, 5]);
    t.push(new TextEncoder().encode('two seven'));
    assert.deepEqual(Array.from(t.finishFile().ids), [1, 6]);
    assert.deepEqual(wordsFrom(t, 5), ['six', 'seven']);
    const many = Array.from({ length: 100_000 }, (_, i) => `w${i}`);
    t.push(new TextEncoder().encode(many.join(' ')));
    const { ids } = t.finishFile();
    assert.equal(t.size, 100_007);
    assert.equal(wordsFrom(t, ids[99_999])[0], 'w99999');
  });
}

test('native fast path: the same ids and paragraph breaks as the JS one on 300 paragraphs of up to 30 tokens', { skip: skipNative('native') }, () => {
  let seed = 99;
  const rand = (n: number): number => Math.floor(((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * n);
  const words = ['the', 'cat', 'sat', 'on', 'a', 'mat', 'naïve', 'don’t', 'x1', 'zebra'];
  const paragraphs = Array.from({ length: 300 }, () =>
    Array.from({ length: 1 + rand(30) }, () => words[rand(words.length)]).join(rand(5) === 0 ? '\n' : ' '));
  const text = new TextEncoder().encode(paragraphs.map((para) => para + '\n'.repeat(1 + rand(3))).join(''));
  const [js, native] = (['js', 'native'] as const).map((backend) => {
    const t = createFileTokenizer({ lowercase: true }, backend);
    t.push(text);
    const { ids, breaks } = t.finishFile();
    return { ids: Array.from(ids), breaks: Array.from(breaks) };
  });
  assert.ok(js.breaks.length > 100, `many paragraphs (${js.breaks.length})`);
  assert.deepEqual(native.breaks, js.breaks);
  assert.deepEqual(native.ids, js.ids);
});

test('keeping case is an option of the reference', () => {
  assert.deepEqual(tokenize('The Cat', { lowercase: false }), ['The', 'Cat']);
});

function randomAgreement(backend: 'js' | 'native'): void {
  // A seeded generator over an alphabet rich in boundary cases.
  const alphabet = ['a', 'B', 'z', '0', '7', "'", '-', '.', ',', ' ', '\n', 'é', 'Ä', '’', '—', '“', 'ß', '東', '\u0301', 'ﬁ', '!', '\t', 'x'];
  let seed = 12345;
  const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let n = 0; n < 2000; n++) {
    const len = 1 + Math.floor(rand() * 40);
    let s = '';
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
    assert.deepEqual(fastTokens(s, true, backend), tokenize(s), JSON.stringify(s));
  }
}

test('paragraph breaks: a blank line starts a paragraph, a single newline does not', () => {
  const t = new ByteTokenizer();
  t.push(new TextEncoder().encode('one two\nthree\n\nfour five\n  \n\nsix'));
  const { ids, breaks } = t.finishFile();
  assert.equal(ids.length, 6);
  assert.deepEqual(Array.from(breaks), [3, 5]);
});

test('the vocabulary persists across files and ids are dense', () => {
  const t = new ByteTokenizer();
  t.push(new TextEncoder().encode('a b a'));
  const first = t.finishFile();
  t.push(new TextEncoder().encode('b c'));
  const second = t.finishFile();
  assert.deepEqual(Array.from(first.ids), [0, 1, 0]);
  assert.deepEqual(Array.from(second.ids), [1, 2]);
  assert.deepEqual(t.vocab.words(), ['a', 'b', 'c']);
  assert.deepEqual(t.vocab.words(2), ['c']);
});

test('the vocabulary grows past its initial table', () => {
  const t = new ByteTokenizer();
  const words = Array.from({ length: 100_000 }, (_, i) => `w${i}`);
  t.push(new TextEncoder().encode(words.join(' ')));
  const { ids } = t.finishFile();
  assert.equal(t.vocab.size, 100_000);
  const back = t.vocab.words();
  assert.equal(back[ids[99_999]], 'w99999');
});

test('normalizeWord looks words up the way ingestion stores them', () => {
  assert.equal(normalizeWord('Paris'), 'paris');
  assert.equal(normalizeWord('  Straße '), 'straße');
  assert.equal(normalizeWord('two words'), null);
  assert.equal(normalizeWord('!!'), null);
});

for (const backend of backends) {
  test(`${backend} tokenizer: counts are the occurrences in every finished file`, { skip: skipNative(backend) }, () => {
    const t = createFileTokenizer({ lowercase: true }, backend);
    t.push(new TextEncoder().encode('The cat, the dog.\n\nThe end'));
    t.finishFile();
    t.push(new TextEncoder().encode('cat cat café'));
    t.finishFile();
    const words = wordsFrom(t, 0);
    const counts = Object.fromEntries(Array.from(t.counts(), (c, i) => [words[i], c]));
    assert.deepEqual(counts, { the: 3, cat: 3, dog: 1, end: 1, café: 1 });
    assert.equal(t.wordsJoined(0), words.join('\n'));
    assert.equal(t.wordsJoined(3), 'end\ncafé');
    assert.equal(t.wordsJoined(5), '');
  });
}

test('renumbering and varint-encoding a stream: native and JS write the same bytes', { skip: skipNative('native') }, () => {
  const ids = Uint32Array.from({ length: 5000 }, (_, i) => (i * 7919) % 3001);
  const map = Uint32Array.from({ length: 3001 }, (_, i) => (i * 104729) % 2_000_003); // ranks of every byte length
  const js = new Uint8Array(5 * 5000);
  const native = new Uint8Array(5 * 5000);
  const nJs = encodeMappedVarints(ids, 100, 4900, map, js);
  const nNative = encodeRanks(ids, 100, 4900, map, native);
  assert.equal(nNative, nJs);
  assert.deepEqual(native.subarray(0, nNative), js.subarray(0, nJs));
  const back = new Uint32Array(4800);
  decodeVarints(js.subarray(0, nJs), 4800, back);
  assert.deepEqual(back, Uint32Array.from(ids.subarray(100, 4900), (l) => map[l]));
  assert.throws(() => encodeRanks(ids, 0, 10, map.subarray(0, 5), native), /outside the map/);
});
