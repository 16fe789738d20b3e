// The text view's models: colours on a symmetric scale, words laid out as a sentence, rows on one scale,
// the strongest words, and the waterfall built from a row's words (which must land on the model's output).

import assert from 'node:assert/strict';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import {
  strongestUnits,
  textAsTableRow,
  textRowView,
  textClassPicker,
  textRowsView,
  textWaterfall,
} from '../../../webview/attributions/text/models/textView';
import {
  divergingShade,
  flooredScale,
  sharedScale,
  unitLabels,
  unitLayout,
} from '../../../webview/attributions/text/models/units';
import { GAP_FEATURE, OTHER_FEATURE } from '../../../webview/attributions/models/common';

/** Two texts explained for two classes; row 0 explains [positive, negative], row 1 only negative. */
function textAttribution(): Attribution {
  const v0 = [0.1, -0.3, 0.05, 0.6, -0.02];
  const v1 = [0.2, 0.4, -0.9];
  return {
    kind: 'text',
    method: 'exact',
    output: 'probabilities',
    output_columns: ['negative', 'positive'],
    feature_names: [],
    rows: [3, 7],
    feature_values: [[], []],
    // values[row][unit][k], k over targets[row]; row 0's second target is the negation of the first.
    values: [v0.map((v) => [v, -v]), v1.map((v) => [v])],
    base_values: [0.5, 0.5],
    row_base_values: [
      [0.45, 0.55],
      [0.6, 0.4],
    ],
    // Efficient: prediction = row base + sum of the units' values for each explained class.
    predictions: [
      [0.45 - 0.43, 0.55 + 0.43],
      [0.6 - 0.3, 0.4 + 0.3],
    ],
    evaluations: 64,
    seconds: 0.1,
    link: 'identity',
    tokens: [
      ['the', 'plot', 'was', 'great', '!'],
      ['so', 'so', 'boring'],
    ],
    targets: [[1, 0], [0]],
  };
}

describe('text view: colours and layout', () => {
  it('a value colours red up, blue down, with strength |value| / scale, clamped; 0 and NaN stay clear', () => {
    assert.deepEqual(divergingShade(0.3, 0.6), { sign: 'positive', strength: 0.5 });
    assert.deepEqual(divergingShade(-0.15, 0.6), { sign: 'negative', strength: 0.25 });
    assert.deepEqual(divergingShade(-2, 0.6), { sign: 'negative', strength: 1 });
    for (const [v, s] of [
      [0, 1],
      [NaN, 1],
      [0.5, 0],
    ])
      assert.deepEqual(divergingShade(v, s), { sign: 'zero', strength: 0 });
    // Symmetric: a value and its negation differ in sign only.
    assert.equal(divergingShade(0.37, 0.9).strength, divergingShade(-0.37, 0.9).strength);
    assert.equal(
      sharedScale([
        [0.1, -0.7],
        [0.5, NaN],
      ]),
      0.7,
    );
  });

  it('lays words out as a sentence: punctuation closes up, sub-word markers join or stand for a space', () => {
    const spaced = (tokens: string[]) =>
      unitLayout(tokens)
        .map((u) => (u.spaceBefore ? ' ' : '') + u.text)
        .join('');
    assert.equal(
      spaced(['the', 'acting', 'was', 'brilliant', 'and', 'i', 'loved', 'it', '!']),
      'the acting was brilliant and i loved it!',
    );
    assert.equal(spaced(['not', 'great', ',', 'but', '(', 'sadly', ')', 'ok', '.']), 'not great, but (sadly) ok.');
    assert.equal(spaced(['un', '##believ', '##able', 'film']), 'unbelievable film');
    assert.equal(spaced(['Hello', 'Ġworld', ',', 'Ġfriend']), 'Hello world, friend');
    assert.equal(spaced(['▁Hello', '▁world']), 'Hello world');
    assert.deepEqual(unitLabels(['the', 'cat', 'saw', 'the', 'dog']), ['the (1)', 'cat', 'saw', 'the (4)', 'dog']);
  });
});

describe('text view: rows', () => {
  it("one row's words carry their values for the chosen target, coloured on the row's own scale", () => {
    const a = textAttribution();
    const v = textRowView(a, 0, 0)!;
    assert.equal(v.className, 'positive');
    assert.equal(v.classIndex, 1);
    assert.deepEqual(
      v.units.map((u) => u.value),
      [0.1, -0.3, 0.05, 0.6, -0.02],
    );
    assert.equal(v.scale, 0.6);
    assert.deepEqual(
      v.units.map((u) => u.shade.strength),
      [0.1, -0.3, 0.05, 0.6, -0.02].map((x) => Math.abs(x) / 0.6),
    );
    assert.deepEqual(
      v.units.map((u) => u.shade.sign),
      ['positive', 'negative', 'positive', 'positive', 'negative'],
    );
    // Efficiency: the words sum to f(text) - f(every word hidden).
    assert.ok(Math.abs(v.total - (v.prediction - v.base)) < 1e-12);
    assert.equal(v.base, 0.55);
    assert.match(v.units[3].tooltip.join(' '), /"great" \(word 4\) \+0\.6 toward positive/);
    // The second target is the other class, with the row's values for it.
    const neg = textRowView(a, 0, 1)!;
    assert.equal(neg.className, 'negative');
    assert.deepEqual(
      neg.units.map((u) => u.value),
      [-0.1, 0.3, -0.05, -0.6, 0.02],
    );
    assert.equal(textRowView(a, 0, 2), undefined);
  });

  it('every row is shown toward one class on one scale; a row without that class is uncoloured, not another class', () => {
    const a = textAttribution();
    const rows = textRowsView(a, 0); // class negative: row 0's target 1, row 1's target 0
    assert.deepEqual(
      rows.map((r) => [r.row, r.target, r.className]),
      [
        [0, 1, 'negative'],
        [1, 0, 'negative'],
      ],
    );
    // The scale is the largest |value| over the shown rows, brute force.
    const largest = Math.max(...a.values.flatMap((row, r) => row.map((v) => Math.abs(v[r === 0 ? 1 : 0]))));
    assert.equal(rows[0].scale, largest);
    assert.equal(rows[1].scale, largest);
    assert.equal(rows[1].units[2].shade.strength, 1);
    assert.ok(Math.abs(rows[0].units[3].shade.strength - 0.6 / largest) < 1e-12);
    // Class positive: row 1 never explained it, so it is shown toward positive, uncoloured, without a target.
    const positive = textRowsView(a, 1);
    assert.deepEqual(
      positive.map((r) => [r.className, r.target]),
      [
        ['positive', 0],
        ['positive', undefined],
      ],
    );
    assert.ok(
      positive[1].units.every((u) => u.shade.sign === 'zero' && /not explained toward positive/.test(u.tooltip[1])),
    );
  });

  it('the class picker offers classes by index, defaulting to the one explained for most rows, then most predicted', () => {
    const a = textAttribution();
    // negative is explained for both rows, positive for one: negative first, positive labelled with its count.
    const p = textClassPicker(a);
    assert.equal(p.selected, 0);
    assert.deepEqual(
      p.options.map((o) => [o.index, o.label]),
      [
        [0, 'negative'],
        [1, 'positive (1 of 2 texts)'],
      ],
    );
    assert.equal(textClassPicker(a, 1).selected, 1);
    assert.equal(textClassPicker(a, 7).selected, 0);
    // Every class explained for every row: the class most rows predict (their first target) is chosen.
    const all = {
      ...a,
      targets: [
        [1, 0],
        [1, 0],
        [0, 1],
      ],
      rows: [0, 1, 2],
    };
    assert.equal(textClassPicker(all).selected, 1);
  });

  it('values that are floating-point noise draw clear, and a scale of only noise is "no attribution"', () => {
    const a = textAttribution();
    const noise = [1e-11, -3e-11, 2e-11, 1e-11, -1e-11];
    const quiet: Attribution = { ...a, values: [noise.map((v) => [v, -v]), [1e-11, 2e-11, -1e-11].map((v) => [v])] };
    for (const r of textRowsView(quiet, 0)) {
      assert.equal(r.scale, 0);
      assert.ok(
        r.units.every((u) => u.shade.sign === 'zero'),
        `row ${r.row}`,
      );
    }
    // Beside a real value, a value under 1e-6 of it is clear while everything above keeps its strength.
    const mixed: Attribution = { ...a, values: [[0.5, 1e-8, -0.25, 1e-3, 0].map((v) => [v, -v]), a.values[1]] };
    const [row0] = textRowsView(mixed, 1);
    assert.equal(row0.scale, 0.5);
    assert.deepEqual(
      row0.units.map((u) => u.shade.sign),
      ['positive', 'zero', 'negative', 'positive', 'zero'],
    );
    assert.ok(Math.abs(row0.units[3].shade.strength - 1e-3 / 0.5) < 1e-12);
    const floored = flooredScale([[1, 1e-7]], 1);
    assert.ok(floored.floor >= 1e-6 && 1e-7 < floored.floor);
    assert.equal(divergingShade(1e-7, floored.scale, floored.floor).sign, 'zero');
  });

  it('the strongest words by |value|, largest first, the rest summed into one bar', () => {
    const v = textRowView(textAttribution(), 0, 0)!;
    const top2 = strongestUnits(v, 2);
    assert.deepEqual(
      top2.bars.map((b) => [b.label, b.index]),
      [
        ['great', 3],
        ['plot', 1],
        ['3 other words', -1],
      ],
    );
    assert.ok(Math.abs(top2.bars[2].value - (0.1 + 0.05 - 0.02)) < 1e-12);
    // The bars always add up to the row's total.
    assert.ok(Math.abs(top2.bars.reduce((s, b) => s + b.value, 0) - v.total) < 1e-12);
    // One word left over is shown by name, not folded.
    assert.equal(strongestUnits(v, 4).bars.length, 5);
    assert.ok(strongestUnits(v, 4).bars.every((b) => b.index >= 0));
  });
});

describe('text view: the waterfall of one text', () => {
  it("is the tabular waterfall of the row's words as features, from the row's own base to its prediction", () => {
    const a = textAttribution();
    const table = textAsTableRow(a, 1, 0)!;
    assert.deepEqual(table.feature_names, ['so (1)', 'so (2)', 'boring']);
    assert.deepEqual(table.values, [[[0.2], [0.4], [-0.9]]]);
    assert.deepEqual(table.base_values, [0.6]);
    assert.deepEqual(table.output_columns, ['negative']);
    const w = textWaterfall(a, 1, 0)!;
    assert.equal(w.base, 0.6);
    assert.ok(Math.abs(w.prediction - 0.3) < 1e-12);
    assert.ok(!w.gapShown);
    assert.ok(Math.abs(w.end - w.prediction) < 1e-12);
    // Steps: largest |value| on top; each starts where the one below ended; no "NaN = word" labels.
    assert.deepEqual(
      w.steps.map((s) => s.feature),
      ['boring', 'so (2)', 'so (1)'],
    );
    for (let i = 0; i < w.steps.length - 1; i++) assert.equal(w.steps[i].start, w.steps[i + 1].end);
    assert.equal(w.steps[w.steps.length - 1].start, 0.6);
    assert.ok(w.steps.every((s) => s.featureValueText === ''));
  });

  it('folds the weakest words into one step and shows a gap when the values miss the output', () => {
    const a = textAttribution();
    const w = textWaterfall(a, 0, 0, 2)!;
    assert.deepEqual(
      w.steps.map((s) => s.featureIndex),
      [3, 1, OTHER_FEATURE],
    );
    assert.ok(Math.abs(w.end - a.predictions[0][1]) < 1e-12);
    const lime = { ...a, method: 'lime' as const, predictions: [[0.1, 0.9], a.predictions[1]] };
    const g = textWaterfall(lime, 0, 0)!;
    assert.ok(g.gapShown);
    assert.equal(g.steps[0].featureIndex, GAP_FEATURE);
    assert.ok(Math.abs(g.gap - (0.9 - 0.55 - 0.43)) < 1e-12);
    assert.ok(Math.abs(g.end - 0.9) < 1e-12);
  });
});
