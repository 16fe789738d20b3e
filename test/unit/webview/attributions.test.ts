import assert from 'node:assert/strict';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import {
  GAP_FEATURE,
  OTHER_FEATURE,
  beeswarm,
  classPicker,
  dependence,
  forcePlot,
  globalImportance,
  importanceView,
  interactionScores,
  limeView,
  pdpView,
  quantile,
  robustNormaliser,
  waterfall,
} from '../../../webview/attributions/model';
import {
  fakeAttribution,
  fakeImportance,
  fakePartialDependence,
  gaussian,
  seededRandom,
} from '../../harness/attributions-preview/fakeAttribution';

const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} != ${b}`);

describe('Attribution view models', () => {
  const attr = fakeAttribution();
  const nRows = attr.values.length;
  const nFeatures = attr.feature_names.length;

  it('names classes from output_columns and opens binary models on the positive class', () => {
    assert.deepEqual(
      classPicker(attr).options.map((o) => o.label),
      ['class_0', 'class_1', 'class_2'],
    );
    assert.equal(classPicker(attr).selected, 0);
    assert.equal(classPicker(attr, 2).selected, 2);
    assert.equal(classPicker(fakeAttribution({ classes: 2 })).selected, 1);
    const unnamed = { ...fakeAttribution({ classes: 1 }), output_columns: [] };
    const single = classPicker(unnamed);
    assert.deepEqual(single.options, [{ index: 0, label: 'probabilities[0]' }]);
    assert.equal(single.visible, false);
  });

  it('bars equal the brute-force mean |attribution| and top K + other sums to the total', () => {
    for (const c of [0, 1, 2]) {
      const view = globalImportance(attr, { classIndex: c, topK: 5 });
      assert.equal(view.items.length, 6);
      const brute = attr.feature_names.map((_, f) => {
        let s = 0;
        for (let r = 0; r < nRows; r++) s += Math.abs(attr.values[r][f][c]);
        return s / nRows;
      });
      for (const item of view.items.slice(0, 5)) close(item.value, brute[item.featureIndex]);
      const sorted = [...brute].sort((a, b) => b - a);
      assert.deepEqual(
        view.items.slice(0, 5).map((i) => i.value),
        view.items
          .slice(0, 5)
          .map((i) => i.value)
          .sort((a, b) => b - a),
      );
      close(view.items[4].value, sorted[4]);
      const other = view.items[5];
      assert.equal(other.featureIndex, OTHER_FEATURE);
      assert.equal(other.feature, '8 other features');
      close(
        other.value,
        sorted.slice(5).reduce((s, v) => s + v, 0),
      );
      close(
        view.items.reduce((s, i) => s + i.value, 0),
        brute.reduce((s, v) => s + v, 0),
      );
      close(
        view.total,
        brute.reduce((s, v) => s + v, 0),
      );
    }
  });

  it('stacks classes: each bar is the sum of its per-class segments', () => {
    const view = globalImportance(attr, { classIndex: 'all', topK: 20 });
    assert.equal(view.items.length, nFeatures);
    for (const item of view.items) {
      assert.equal(item.segments.length, 3);
      close(
        item.value,
        item.segments.reduce((s, g) => s + g.value, 0),
      );
      const single = globalImportance(attr, { classIndex: 1, topK: 20 }).items.find(
        (i) => i.featureIndex === item.featureIndex,
      );
      close(item.segments[1].value, single?.value ?? NaN);
    }
  });

  it('beeswarm has one dot per row and feature, lanes by importance, colours in 0..1', () => {
    const view = beeswarm(attr, { classIndex: 1 });
    assert.equal(view.dots.length, nRows * nFeatures);
    assert.equal(new Set(view.dots.map((d) => `${d.row}/${d.featureIndex}`)).size, nRows * nFeatures);
    for (let i = 1; i < view.lanes.length; i++) assert.ok(view.lanes[i - 1].importance >= view.lanes[i].importance);
    for (const d of view.dots) {
      assert.equal(d.value, attr.values[d.row][d.featureIndex][1]);
      assert.ok(d.offset >= -1 && d.offset <= 1);
      assert.ok(d.colour === null ? Number.isNaN(d.featureValue) : d.colour >= 0 && d.colour <= 1);
    }
    assert.equal(view.dots.filter((d) => d.colour === null).length, 1, 'the one NaN feature value');
    const limited = beeswarm(attr, { classIndex: 1, maxFeatures: 4 });
    assert.equal(limited.lanes.length, 5);
    assert.equal(limited.dots.length, nRows * 5);
    const rest = limited.dots.filter((d) => d.featureIndex === OTHER_FEATURE);
    const restFeatures = view.lanes.slice(4).map((l) => l.featureIndex);
    for (const d of rest)
      close(
        d.value,
        restFeatures.reduce((s, f) => s + attr.values[d.row][f][1], 0),
      );
  });

  it('beeswarm dots sharing a bin never share a vertical offset (the swarm separates them)', () => {
    const tied: Attribution = { ...attr, values: attr.values.map((r) => r.map((v) => v.map(() => 0.5))) };
    const view = beeswarm(tied, { classIndex: 0 });
    const lane0 = view.dots.filter((d) => d.lane === 0).map((d) => d.offset);
    assert.equal(new Set(lane0).size, nRows);
    assert.deepEqual(
      beeswarm(attr, { classIndex: 0 }).dots.map((d) => d.offset),
      beeswarm(attr, { classIndex: 0 }).dots.map((d) => d.offset),
    );
  });

  it('normalises colours between the 5th and 95th percentiles', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    const norm = robustNormaliser([...values, NaN]);
    assert.equal(norm(5), 0);
    assert.equal(norm(95), 1);
    assert.equal(norm(50), 0.5);
    assert.equal(norm(0), 0);
    assert.equal(norm(100), 1);
    assert.equal(norm(NaN), null);
    assert.equal(robustNormaliser([3, 3, 3])(3), 0.5);
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  });

  it('waterfall accumulates from the base to exactly the prediction, largest steps on top', () => {
    for (const row of [0, 5, 39]) {
      for (const c of [0, 2]) {
        const view = waterfall(attr, { row, classIndex: c, topK: 6 });
        assert.equal(view.gapShown, false);
        assert.equal(view.steps.length, 7);
        assert.equal(view.steps[6].featureIndex, OTHER_FEATURE);
        close(view.steps[6].start, attr.base_values[c]);
        close(view.end, attr.predictions[row][c], 1e-12);
        for (let i = 0; i < view.steps.length - 1; i++) close(view.steps[i].start, view.steps[i + 1].end);
        for (let i = 1; i < 6; i++)
          assert.ok(Math.abs(view.steps[i - 1].value) >= Math.abs(view.steps[i].value), 'sorted by |value|');
        const shownFeature = view.steps[0];
        assert.equal(shownFeature.value, attr.values[row][shownFeature.featureIndex][c]);
        assert.equal(shownFeature.featureValue, attr.feature_values[row][shownFeature.featureIndex]);
      }
    }
  });

  it('waterfall shows the efficiency gap of LIME explicitly and still ends at the prediction', () => {
    const lime = fakeAttribution({ method: 'lime' });
    const view = waterfall(lime, { row: 1, classIndex: 0 });
    assert.equal(view.gapShown, true);
    assert.equal(view.steps[0].featureIndex, GAP_FEATURE);
    const sum = lime.values[1].reduce((s, v) => s + v[0], 0);
    close(view.gap, lime.predictions[1][0] - lime.base_values[0] - sum);
    assert.equal(view.end, lime.predictions[1][0]);
    close(view.steps[0].start, lime.base_values[0] + sum);
  });

  it('force segments sum to prediction - base, positives ending and negatives starting at f(x)', () => {
    for (const source of [attr, fakeAttribution({ method: 'lime' })]) {
      for (const row of [0, 7]) {
        const view = forcePlot(source, { row, classIndex: 1 });
        const fx = source.predictions[row][1];
        const signed =
          view.positive.reduce((s, g) => s + (g.end - g.start), 0) -
          view.negative.reduce((s, g) => s + (g.end - g.start), 0);
        close(signed, fx - source.base_values[1]);
        if (view.positive.length) close(view.positive[0].end, fx);
        if (view.negative.length) close(view.negative[0].start, fx);
        for (const g of [...view.positive, ...view.negative]) assert.ok(g.end >= g.start);
        assert.ok(view.positive.every((g) => g.value > 0) && view.negative.every((g) => g.value < 0));
        assert.ok(view.domain[0] <= view.base && view.base <= view.domain[1]);
      }
    }
  });

  it('dependence recovers a planted interaction', () => {
    // attribution of feature 0 = x0 * x3: with x0 held nearly fixed, only x3 moves it.
    const random = seededRandom(3);
    const normal = gaussian(random);
    const n = 300;
    const nF = 6;
    const x = Array.from({ length: n }, () => Array.from({ length: nF }, () => normal()));
    const values = x.map((r) => r.map((v, f) => [f === 0 ? (2 + v) * r[3] + 0.05 * normal() : 0.5 * v]));
    const synthetic: Attribution = {
      method: 'kernel',
      output: 'y',
      output_columns: ['y'],
      feature_names: ['a', 'b', 'c', 'd', 'e', 'f'],
      rows: x.map((_, i) => i),
      feature_values: x,
      values,
      base_values: [0],
      predictions: values.map((r) => [r.reduce((s, v) => s + v[0], 0)]),
      evaluations: 0,
      seconds: 0,
      link: 'identity',
    };
    const scores = interactionScores(synthetic, 0, 0);
    assert.equal(scores[0], -1);
    assert.ok(scores[3] > 0.8, `planted score ${scores[3]}`);
    for (const g of [1, 2, 4, 5]) assert.ok(scores[g] < 0.3, `feature ${g} scored ${scores[g]}`);
    const view = dependence(synthetic, { classIndex: 0, featureIndex: 0 });
    assert.equal(view.interaction?.featureIndex, 3);
    assert.equal(view.points.length, n);
    assert.equal(view.points[10].x, x[10][0]);
    assert.equal(view.points[10].y, values[10][0][0]);
    assert.equal(view.points[10].colourValue, x[10][3]);
    // The fake wine data plants flavanoids x proline.
    assert.equal(dependence(attr, { classIndex: 0, featureIndex: 6 }).interaction?.feature, 'proline');
    assert.equal(dependence(attr, { classIndex: 0, featureIndex: 6, colourIndex: -1 }).interaction, null);
  });

  it('PDP keeps the average, centres curves at the first grid point on request, thins ICE evenly', () => {
    const pd = fakePartialDependence();
    const plain = pdpView(pd, { classIndex: 1 });
    assert.deepEqual(plain.average, pd.average[1]);
    assert.equal(plain.ice.length, 40);
    assert.deepEqual(plain.ice[7].values, pd.ice[7][1]);
    const centred = pdpView(pd, { classIndex: 1, centred: true, maxIce: 10 });
    assert.equal(centred.ice.length, 10);
    assert.deepEqual(
      centred.ice.map((i) => i.row),
      [0, 4, 8, 12, 16, 20, 24, 28, 32, 36],
    );
    for (const curve of centred.ice) {
      assert.equal(curve.values[0], 0);
      close(curve.values[5], pd.ice[curve.row][1][5] - pd.ice[curve.row][1][0]);
    }
    close(centred.average[9], pd.average[1][9] - pd.average[1][0]);
    assert.equal(centred.className, 'class_1');
  });

  it('permutation importance sorts by mean with ± std error bars', () => {
    const pi = fakeImportance();
    const view = importanceView(pi, { topK: 4 });
    assert.equal(view.items.length, 5);
    for (let i = 1; i < 4; i++) assert.ok(view.items[i - 1].mean >= view.items[i].mean);
    for (const item of view.items.slice(0, 4)) {
      assert.equal(item.mean, pi.mean[item.featureIndex]);
      close(item.high - item.low, 2 * pi.std[item.featureIndex]);
    }
    assert.ok(view.xDomain[0] <= Math.min(...view.items.map((i) => i.low)));
  });

  it('LIME view reports weights by |weight| with the fit intercept, local prediction and R²', () => {
    const lime = fakeAttribution({ method: 'lime' });
    const view = limeView(lime, { row: 2, classIndex: 2, topK: 5 });
    assert.equal(view.items.length, 5);
    for (let i = 1; i < 5; i++) assert.ok(Math.abs(view.items[i - 1].weight) >= Math.abs(view.items[i].weight));
    assert.equal(view.items[0].weight, lime.values[2][view.items[0].featureIndex][2]);
    assert.equal(view.intercept, lime.intercept?.[2][2]);
    assert.equal(view.localPrediction, lime.local_prediction?.[2][2]);
    assert.equal(view.score, lime.score?.[2][2]);
    assert.equal(view.prediction, lime.predictions[2][2]);
  });
});
