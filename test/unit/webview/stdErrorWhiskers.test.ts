// Standard errors in the charts' view models: whiskers (+-2 SE) on waterfall steps and importance bars, the
// "other features" errors combined, and a note counting the values within their error of zero.

import assert from 'node:assert/strict';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import { globalImportance, waterfall } from '../../../webview/attributions/model';

/** Two rows, four features, one column; feature 2 is small against its error. */
function sampled(withErrors: boolean): Attribution {
  return {
    method: 'kernel',
    output: 'y',
    output_columns: ['y'],
    feature_names: ['a', 'b', 'c', 'd'],
    rows: [0, 1],
    feature_values: [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ],
    values: [
      [[0.5], [-0.3], [0.01], [0.2]],
      [[0.4], [-0.2], [-0.03], [0.1]],
    ],
    base_values: [1],
    predictions: [[1.41], [1.27]],
    evaluations: 100,
    seconds: 1,
    link: 'identity',
    ...(withErrors
      ? {
          std_errors: [
            [[0.01], [0.02], [0.05], [0.03]],
            [[0.03], [0.02], [0.01], [0.05]],
          ],
        }
      : {}),
  };
}

describe('standard errors in the chart view models', () => {
  it('waterfall: each step carries its error, the folded rest the root of the summed squares, and a note', () => {
    const view = waterfall(sampled(true), { row: 0, classIndex: 0, topK: 2 });
    const byFeature = new Map(view.steps.map((s) => [s.feature, s.stdError]));
    assert.equal(byFeature.get('a'), 0.01);
    assert.equal(byFeature.get('b'), 0.02);
    // c (0.05) and d (0.03) fold into "2 other features".
    assert.ok(Math.abs(byFeature.get('2 other features')! - Math.hypot(0.05, 0.03)) < 1e-15);
    assert.equal(view.errorNote, undefined, '0.21 against 2 x 0.058: not near zero');
    const all = waterfall(sampled(true), { row: 0, classIndex: 0, topK: 10 });
    assert.equal(all.errorNote, '1 of 4 values shown are within 2 standard errors of 0 (whiskers: ±2 SE)');
    // The domain holds every whisker.
    for (const s of all.steps) {
      assert.ok(all.domain[0] <= s.end - 2 * s.stdError! && all.domain[1] >= s.end + 2 * s.stdError!);
    }
  });

  it('importance bars: the mean error over rows per feature, summed when folded, and the same note', () => {
    const view = globalImportance(sampled(true), { classIndex: 0, topK: 10 });
    const byFeature = new Map(view.items.map((i) => [i.feature, i]));
    assert.ok(Math.abs(byFeature.get('a')!.stdError! - 0.02) < 1e-15);
    assert.ok(Math.abs(byFeature.get('c')!.stdError! - 0.03) < 1e-15);
    // c's mean |value| 0.02 is within 2 x 0.03 of zero; the others are not.
    assert.equal(view.errorNote, '1 of 4 values shown are within 2 standard errors of 0 (whiskers: ±2 SE)');
    const folded = globalImportance(sampled(true), { classIndex: 0, topK: 2 });
    const rest = folded.items[folded.items.length - 1];
    assert.ok(Math.abs(rest.stdError! - (0.04 + 0.03)) < 1e-15);
  });

  it('without std_errors: no errors and no note (exact and tree results draw as before)', () => {
    const w = waterfall(sampled(false), { row: 1, classIndex: 0 });
    assert.ok(w.steps.every((s) => s.stdError === undefined));
    assert.equal(w.errorNote, undefined);
    const b = globalImportance(sampled(false), { classIndex: 0 });
    assert.ok(b.items.every((i) => i.stdError === undefined));
    assert.equal(b.errorNote, undefined);
  });
});
