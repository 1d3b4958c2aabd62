/**
 * The Projector's pure parts: where labels go (no two overlap; coinciding points
 * stack their labels instead of dropping them), metadata.tsv as the TensorFlow
 * Projector reads it, and the legends' colourings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelBoxes, layoutLabels, LABEL_GAP } from '../../../src/renderer/src/views/projector/labelLayout.js';
import { autoMatch, columnValues, isNumericColumn, matchRows, parseMetadataTsv } from '../../../src/renderer/src/views/projector/metadataTsv.js';
import { categoryColoring, frequencyColoring, numericColoring } from '../../../src/renderer/src/views/projector/coloring.js';

function boxesAt(points: [number, number][], w = 60, h = 18) {
  const b = labelBoxes(points.length);
  b.count = points.length;
  points.forEach(([x, y], k) => {
    b.anchor.set([x, y], 2 * k);
    b.size.set([w, h], 2 * k);
    b.onScreen[k] = 1;
  });
  return b;
}

test('labels: the first beside its point, coinciding points stacked without overlap, none off the canvas', () => {
  const b = boxesAt(Array.from({ length: 11 }, () => [300, 200] as [number, number]));
  layoutLabels(b, 800, 500, new Float32Array(0), 0);
  assert.equal(b.shown[0], 1);
  assert.deepEqual([b.place[0], b.place[1]], [300 + LABEL_GAP, 200 - 9], 'right of its point, centred on it');
  assert.ok([...b.shown].every((s) => s > 0), 'eleven labels of one spot all find a place');
  assert.ok([...b.shown].slice(2).every((s) => s === 2), 'past the two beside it, they are stacked (with a leader line)');
  for (let i = 0; i < 11; i++) {
    for (let j = i + 1; j < 11; j++) {
      const apart = b.place[2 * i] + 60 <= b.place[2 * j] || b.place[2 * j] + 60 <= b.place[2 * i] || b.place[2 * i + 1] + 18 <= b.place[2 * j + 1] || b.place[2 * j + 1] + 18 <= b.place[2 * i + 1];
      assert.ok(apart, `labels ${i} and ${j} overlap`);
    }
  }
  const crowded = boxesAt(Array.from({ length: 60 }, () => [30, 20] as [number, number]));
  layoutLabels(crowded, 200, 120, new Float32Array(0), 0);
  for (let i = 0; i < 60; i++) {
    if (!crowded.shown[i]) continue;
    assert.ok(crowded.place[2 * i] >= 0 && crowded.place[2 * i + 1] >= 0 && crowded.place[2 * i] + 60 <= 200 && crowded.place[2 * i + 1] + 18 <= 120);
  }
  assert.ok([...crowded.shown].some((s) => s === 0), 'with no room left, a label is hidden rather than overlapping');
  const fixed = boxesAt([[100, 100]]);
  layoutLabels(fixed, 400, 300, Float32Array.from([100, 80, 180, 120]), 1);
  assert.notEqual(fixed.place[0], 100 + LABEL_GAP, 'an axis name keeps its place');
});

test('metadata.tsv: header rule, word column, matching by word or order, numbers or categories', () => {
  const t = parseMetadataTsv('m.tsv', 'Word\tgenre\tyear\tscore\nbeta\tpoem\t1999\t0.5\nAlpha\tnovel\t2001\t1.25\ngamma\tpoem\t1999\t\n');
  assert.deepEqual(t.columns, ['Word', 'genre', 'year', 'score']);
  assert.equal(t.wordColumn, 0);
  const words = ['alpha', 'beta', 'delta'];
  const rows = matchRows(t, words, 'word', (k) => k);
  assert.deepEqual([...rows], [1, 0, -1], 'exact, else case-insensitive; unknown words have none');
  assert.equal(autoMatch(t, words, (k) => k), 'word');
  assert.deepEqual([...matchRows(t, words, 'order', (k) => [2, 0, 7][k])], [2, 0, -1], 'by order: the point\'s vocabulary row');
  assert.equal(isNumericColumn(t, 1), false);
  assert.equal(isNumericColumn(t, 2), false, 'a few whole numbers are categories');
  assert.equal(isNumericColumn(t, 3), true);
  const genre = columnValues(t, 1, rows);
  assert.ok(genre.kind === 'categorical');
  assert.deepEqual(genre.categories, ['novel', 'poem']);
  assert.deepEqual([...genre.codes], [0, 1, -1]);
  const score = columnValues(t, 3, rows);
  assert.ok(score.kind === 'numeric' && score.min === 0.5 && score.max === 1.25 && Number.isNaN(score.values[2]));
  const single = parseMetadataTsv('labels.tsv', 'x\ny\n');
  assert.deepEqual(single.columns, ['label'], 'one column: no header');
  assert.equal(single.rows.length, 2);
  assert.throws(() => parseMetadataTsv('bad.tsv', 'a\tb\n1\t2\n3\n'), /bad\.tsv, line 3: 1 column, but line 1 has 2/);
  assert.throws(() => parseMetadataTsv('empty.tsv', '\n'), /empty\.tsv is empty/);
});

test('colourings: legend counts, grey for no value, ticks at powers of ten', () => {
  const c = categoryColoring([0, 1, 1, -1, 2, 3], ['a', 'b', 'c', 'd'], 'T', 2);
  assert.ok(c.legend.kind === 'categories');
  assert.deepEqual(c.legend.entries.map((e) => [e.label, e.count]), [['a', 1], ['b', 2], ['2 more', 2], ['no value', 1]]);
  assert.equal(c.colors.length, 18);
  const f = frequencyColoring([5, 50, 5000, 20000]);
  assert.ok(f.legend.kind === 'ramp');
  // 10× and 10k× would stand within 9% of the ends' labels, too near to read: they are left out.
  assert.deepEqual(f.legend.ticks.map((x) => x.label), ['5×', '100×', '1k×', '20k×']);
  const wide = frequencyColoring([1, 2e9]).legend;
  assert.ok(wide.kind === 'ramp');
  assert.deepEqual(wide.ticks.map((x) => x.label), ['1×', '100×', '10k×', '1M×', '100M×', '2G×'], 'every other power of ten over nine decades');
  const n = numericColoring([1, NaN, 3], 'score');
  assert.ok(n.legend.kind === 'ramp' && n.legend.missing === 1);
  assert.deepEqual(n.legend.ticks.map((x) => x.label), ['1', '2', '3']);
});
