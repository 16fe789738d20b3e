// Bootstrap intervals on few rows: a resample missing a class must not score it 0 for macro metrics, and an
// interval that cannot be trusted (few rows, resamples missing classes, the estimate outside it) says so.
import assert from 'node:assert/strict';
import { bootstrapIntervals } from '../../../src/engine/evaluate/bootstrap';
import { unreliableNote } from '../../../src/protocol/intervalNote';
import { classificationMetrics } from '../../../src/engine/evaluate/evaluation';
import { evaluationSection } from '../../../src/engine/report/evaluationHtml';
import { confusionMatrix, f1Macro, perClass } from '../../../src/protocol/metrics';
import { seededRandom } from '../../../src/engine/explain/random';

const options = (n: number, resamples: number) => ({
  x: new Float64Array(n),
  d: 1,
  featureNames: ['x'],
  resamples,
  seed: 0,
});

/** One-hot probabilities of the given predictions (n x k). */
function oneHot(predicted: number[], k: number): Float64Array {
  const out = new Float64Array(predicted.length * k);
  predicted.forEach((p, i) => (out[i * k + p] = 1));
  return out;
}

describe('bootstrap intervals on few rows', () => {
  // Twelve pictures of ten digits, all predicted right, as the demo's digits are.
  const labels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 8];
  const classes = labels.map(String).slice(0, 10);

  it('a perfect model scores F1 macro 1 in every resample, so its interval is [1, 1]', () => {
    const e = classificationMetrics(Int32Array.from(labels), oneHot(labels, 10), 10, options(12, 200), classes);
    // Every class present in a resample is predicted right there: its F1 is 1, so their mean is 1.
    assert.equal(e.f1_macro, 1);
    assert.deepEqual([e.ci.f1_macro.low, e.ci.f1_macro.high], [1, 1]);
    assert.deepEqual([e.ci.balanced_accuracy.low, e.ci.balanced_accuracy.high], [1, 1]);
  });

  it('says the intervals are unreliable on 12 rows whose resamples miss classes', () => {
    const e = classificationMetrics(Int32Array.from(labels), oneHot(labels, 10), 10, options(12, 200), classes);
    assert.match(e.ci.accuracy.unreliable ?? '', /only 12 rows/);
    // P(a resample of 12 draws holds all ten classes) is tiny: nearly every resample lacks one.
    const share = Number(/(\d+)% of resamples lack a class/.exec(e.ci.f1_macro.unreliable ?? '')?.[1]);
    assert.ok(share >= 90, `share ${share}`);
    const html = evaluationSection({
      ...e,
      model: 'digits.onnx',
      data: 'digits',
      output: 'logits',
      feature_names: [],
      classes,
    });
    assert.match(html, /<p class="note">Bootstrap intervals unreliable: only 12 rows/);
  });

  it('says so when the estimate lies outside its interval, and not for a well-covered mean', () => {
    // A metric that is 1 on the data itself and 0 on every resample that repeats a row.
    const odd = bootstrapIntervals(50, 100, 1, (w) => ({ m: w.every((c) => c === 1) ? 1 : 0 }));
    assert.deepEqual([odd.m.low, odd.m.high], [0, 0]);
    assert.equal(odd.m.unreliable, 'the estimate lies outside its interval');
    const values = Float64Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const mean = bootstrapIntervals(400, 200, 2, (w) => {
      let s = 0;
      let t = 0;
      w.forEach((c, i) => ((s += c * values[i]), (t += c)));
      return { mean: s / t };
    });
    assert.equal(mean.mean.unreliable, undefined);
  });

  it('leaves intervals of many rows over few classes unmarked', () => {
    const n = 300;
    const random = seededRandom(3);
    const y = Array.from({ length: n }, () => Math.floor(random() * 3));
    const predicted = y.map((v) => (random() < 0.8 ? v : (v + 1) % 3));
    const e = classificationMetrics(Int32Array.from(y), oneHot(predicted, 3), 3, options(n, 100), ['a', 'b', 'c']);
    for (const [name, ci] of Object.entries(e.ci)) assert.equal(ci.unreliable, undefined, name);
  });

  it('F1 macro is the mean F1 of the classes present in the labels (brute force)', () => {
    const random = seededRandom(8);
    for (let trial = 0; trial < 20; trial++) {
      const k = 4;
      // Class 3 never occurs in the labels but may be predicted.
      const y = Array.from({ length: 30 }, () => Math.floor(random() * 3));
      const p = Array.from({ length: 30 }, () => Math.floor(random() * k));
      const f1s: number[] = [];
      for (let c = 0; c < k; c++) {
        if (!y.includes(c)) continue;
        const tp = y.filter((v, i) => v === c && p[i] === c).length;
        const fp = y.filter((v, i) => v !== c && p[i] === c).length;
        const fn = y.filter((v, i) => v === c && p[i] !== c).length;
        f1s.push((2 * tp) / (2 * tp + fp + fn));
      }
      const expected = f1s.reduce((a, b) => a + b, 0) / f1s.length;
      const actual = f1Macro(perClass(confusionMatrix(y, p, k)));
      assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} vs ${expected}`);
    }
  });

  it('one note names each reason once, with the metrics it applies to', () => {
    const note = unreliableNote([
      {
        label: 'Accuracy',
        ci: { low: 0, high: 1, unreliable: 'only 12 rows (x); the estimate lies outside its interval' },
      },
      { label: 'Log loss', ci: { low: 0, high: 1, unreliable: 'only 12 rows (x)' } },
    ]);
    assert.equal(
      note,
      'Bootstrap intervals unreliable: only 12 rows (x); Accuracy: the estimate lies outside its interval.',
    );
    assert.equal(unreliableNote([{ label: 'Accuracy', ci: { low: 0, high: 1 } }]), undefined);
  });
});
