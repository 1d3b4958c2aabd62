import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { kernelFor } from '../../../src/engine/kernels/registry.js';
import { FileInPieces, findPieceCut, packIds, unpackIds } from '../../../src/engine/corpus/tokenPieces.js';

// Text made of everything the tokenizer treats specially: joiners, number joiners, blank lines,
// CRLF, non-ASCII letters, marks and separators, CJK, curly apostrophes.
const pieces = [
  'the', 'Cat', 'don', "'", '-', 'well', '3', '14', '.', ',', ' ', ' ', ' ', '\t', '\n', '\n\n', '\r\n', '\r\n\r\n', ';', '!',
  'café', 'naïve', 'жук', '中文', '，', '—', '\u00a0', '’', 'e\u0301', '\u0301', '½', 'ﬁ', '€', '–', '"', '…',
];
/** A text cut into blocks: the reader's blocks end anywhere but inside a character. */
const blocksOfText = fc.array(fc.tuple(fc.constantFrom(...pieces), fc.integer({ min: 0, max: 7 }).map((n) => n === 0)), { minLength: 1, maxLength: 300, size: 'large' }).map((parts) => {
  const blocks: Buffer[] = [];
  let block = '';
  for (const [piece, endsBlock] of parts) {
    block += piece;
    if (endsBlock) {
      blocks.push(Buffer.from(block));
      block = '';
    }
  }
  if (block) blocks.push(Buffer.from(block));
  return blocks;
});

for (const backend of ['js', 'native'] as const) {
  const kernel = kernelFor('tokenizer', backend);
  test(`a file taken in pieces has the same tokens and paragraph breaks as one read whole (${backend} tokenizer)`, { skip: kernel ? false : 'not built' }, () => {
    let cutsMade = 0;
    let paragraphs = 0;
    fc.assert(fc.property(blocksOfText, (blocks) => {
      const whole = kernel!.create();
      for (const b of blocks) whole.push(b);
      const expected = whole.finishFile();

      const tokenizer = kernel!.create();
      const file = new FileInPieces(tokenizer, kernel!, 1); // a piece after every byte, wherever a cut is possible
      for (const b of blocks) file.push(b);
      const got = file.finish();
      const ids = file.pieces.flatMap((p) => Array.from(unpackIds(p, kernel!)));
      assert.deepEqual(ids, Array.from(expected.ids));
      assert.equal(got.tokens, expected.ids.length);
      assert.deepEqual(Array.from(got.breaks), Array.from(expected.breaks));
      cutsMade += file.pieces.length - 1;
      paragraphs += blocks.slice(1).filter((b) => findPieceCut(b)?.paragraph).length;
    }), { numRuns: 3000, seed: 16 });
    assert.ok(cutsMade > 10_000, `the texts were cut (${cutsMade} cuts)`);
    assert.ok(paragraphs > 50, `cuts at blank lines were tried (${paragraphs})`);
  });
}

test('a cut is only made where a letter or digit ends and another starts, across separators', () => {
  const cut = (s: string): { at: number; paragraph: boolean } | null => findPieceCut(Buffer.from(s));
  assert.deepEqual(cut('one two'), { at: 3, paragraph: false });
  assert.deepEqual(cut('one\n\n two'), { at: 3, paragraph: true });
  assert.deepEqual(cut('one.\n\n two'), null); // the run must follow a letter or digit
  assert.deepEqual(cut('жук  中文'), { at: 6, paragraph: false });
  assert.deepEqual(cut('a-b c'), { at: 3, paragraph: false }); // a joiner is not a separator
  assert.equal(cut("rock 'n'"), null); // "'" is a joiner: the next token does not start at the separator's end
  assert.equal(cut('3,14 '), null); // nothing after the separator
  assert.equal(cut('aaaa'), null);
  assert.equal(cut('— x'), null); // a dash is not a letter
});

for (const backend of ['js', 'native'] as const) {
  const codec = kernelFor('tokenizer', backend);
  test(`ids packed as varints come back unchanged, and bad bytes are refused (${backend} coder)`, { skip: codec ? false : 'not built' }, () => {
    const ids = Uint32Array.from([0, 1, 127, 128, 16383, 16384, 2 ** 21, 2 ** 32 - 1, 5]);
    const p = packIds(ids, codec!);
    assert.equal(p.count, ids.length);
    assert.equal(p.bytes.length, 1 + 1 + 1 + 2 + 2 + 3 + 4 + 5 + 1);
    assert.deepEqual(unpackIds(p, codec!), ids);
    // The same bytes from both coders: a piece packed by one could be read by the other.
    const other = kernelFor('tokenizer', backend === 'js' ? 'native' : 'js');
    if (other) assert.deepEqual(packIds(ids, other).bytes, p.bytes);
    assert.throws(() => unpackIds({ count: ids.length + 1, bytes: p.bytes }, codec!));
    assert.throws(() => unpackIds({ count: ids.length - 1, bytes: p.bytes }, codec!));
  });
}
