// The confusion matrix's class names get room: column labels wrap instead of being cut to "cultivar…", and every
// line fits its cell; row labels fit the margin beside the rows.
import assert from 'node:assert/strict';
import { CHAR_PX, confusionLayout, wrapLabel } from '../../../webview/evaluation/models/confusionLayout';

/** The panel's square side for k classes (view.ts: min(half, 80 + 70 k)) at a 960 px tab. */
const side = (k: number) => Math.min(468, 80 + 70 * k);

describe('confusion matrix label layout', () => {
  it("shows the demo wine model's class names whole", () => {
    const classes = ['cultivar 1', 'cultivar 2', 'cultivar 3'];
    const l = confusionLayout(classes, side(3), side(3));
    assert.deepEqual(l.rowLabels, classes);
    assert.deepEqual(
      l.columnLabels.map((lines) => lines.join(' ')),
      classes,
    );
  });

  for (const classes of [
    ['cultivar 1', 'cultivar 2', 'cultivar 3'],
    ['setosa', 'versicolor', 'virginica'],
    Array.from({ length: 10 }, (_, i) => `handwritten digit ${i}`),
    ['a_very_long_class_name_without_spaces', 'b'],
  ]) {
    it(`every label line fits its room (${classes.length} classes, longest ${Math.max(...classes.map((c) => c.length))} chars)`, () => {
      const l = confusionLayout(classes, side(classes.length), side(classes.length));
      for (const lines of l.columnLabels) {
        assert.ok(lines.length >= 1 && lines.length <= 2, lines.join('|'));
        for (const line of lines) assert.ok(line.length * CHAR_PX <= l.size, `${line} in ${l.size} px`);
      }
      for (const label of l.rowLabels) assert.ok(label.length * CHAR_PX + 8 <= l.margin.left - 22, label);
      // Cells fit the chart; the axis title stays above the column labels' first line.
      assert.ok(l.margin.left + classes.length * l.size + l.margin.right <= side(classes.length) + 1e-9);
      const lines = Math.max(...l.columnLabels.map((c) => c.length));
      assert.ok(l.axisTitleY + 12 <= l.margin.top - 6 - 12 * (lines - 1) + 1e-9);
    });
  }

  it('wraps at spaces and underscores, and clips only what two lines cannot hold', () => {
    assert.deepEqual(wrapLabel('cultivar 1', 9), ['cultivar', '1']);
    assert.deepEqual(wrapLabel('cultivar 1', 20), ['cultivar 1']);
    assert.deepEqual(wrapLabel('north_east_wind', 6), ['north_', 'east_…']);
    for (const [label, chars] of [
      ['handwritten digit 7', 8],
      ['a b c d e f g', 3],
    ] as const) {
      const lines = wrapLabel(label, chars);
      for (const line of lines) assert.ok(line.length <= chars, line);
      if (!lines.some((l) => l.endsWith('…'))) assert.equal(lines.join(' ').replace(/\s+/g, ' '), label);
    }
  });
});
