import assert from 'node:assert/strict';
import {
  compositeOver,
  heatColour,
  legendTicks,
  mapScale,
  overlayRgba,
  parseRgb,
  readableFactor,
  upscaleNearest,
  type OverlayOptions,
} from '../../../webview/attributions/image/models/heatmap';
import {
  formatProbability,
  isProbabilityVector,
  rowProbabilities,
  softmax,
  topClasses,
} from '../../../webview/attributions/image/models/predictions';
import { fakeImageAttribution } from '../../harness/attributions-preview/fakeImage';

const RED = [229, 20, 0] as const;
const BLUE = [26, 133, 255] as const;
const opts = (o: Partial<OverlayOptions> = {}): OverlayOptions => ({
  positive: RED,
  negative: BLUE,
  opacity: 1,
  mode: 'signed',
  ...o,
});

describe('Image view: heat map colours', () => {
  it('draws 0, NaN and infinite scale-less values fully transparent', () => {
    assert.equal(heatColour(0, 1, opts())[3], 0);
    assert.equal(heatColour(NaN, 1, opts())[3], 0);
    assert.equal(heatColour(0.5, 0, opts())[3], 0);
  });

  it('picks the hue by sign: red toward the class, blue away', () => {
    assert.deepEqual(heatColour(0.3, 1, opts()).slice(0, 3), [...RED]);
    assert.deepEqual(heatColour(-0.3, 1, opts()).slice(0, 3), [...BLUE]);
  });

  it('scales alpha symmetrically by the largest |value|: +v and -v get the same alpha, the extreme full opacity', () => {
    const values = [0.2, -0.8, 0.4, 0.8, -0.1];
    assert.equal(mapScale(values), 0.8);
    const rgba = overlayRgba(values, opts({ opacity: 0.5 }));
    const alpha = (i: number) => rgba[i * 4 + 3];
    assert.equal(alpha(1), alpha(3));
    assert.equal(alpha(3), Math.round(255 * 0.5));
    assert.equal(alpha(0), Math.round((255 * 0.5 * 0.2) / 0.8));
    assert.equal(alpha(2), Math.round((255 * 0.5 * 0.4) / 0.8));
    // Beyond a given scale the colour saturates.
    assert.equal(heatColour(5, 1, opts())[3], 255);
  });

  it('positive only hides every negative value and keeps the positive ones as they were', () => {
    const values = [0.2, -0.8, 0.4, 0.8, -0.1];
    const both = overlayRgba(values, opts());
    const positive = overlayRgba(values, opts({ mode: 'positive' }));
    values.forEach((v, i) => {
      if (v < 0) assert.equal(positive[i * 4 + 3], 0);
      else assert.deepEqual([...positive.subarray(i * 4, i * 4 + 4)], [...both.subarray(i * 4, i * 4 + 4)]);
    });
    assert.deepEqual(legendTicks(0.8, 'positive'), [0, 0.4, 0.8]);
    assert.deepEqual(legendTicks(0.8, 'signed'), [-0.8, -0.4, 0, 0.4, 0.8]);
  });

  it('composites by source over: clear overlay keeps the picture, opaque replaces it, half blends', () => {
    const base = new Uint8ClampedArray([100, 100, 100, 255, 100, 100, 100, 255, 100, 100, 100, 255, 0, 0, 0, 0]);
    const over = new Uint8ClampedArray([229, 20, 0, 0, 229, 20, 0, 255, 200, 0, 50, 128, 200, 0, 50, 128]);
    const out = compositeOver(base, over);
    assert.deepEqual([...out.subarray(0, 4)], [100, 100, 100, 255]);
    assert.deepEqual([...out.subarray(4, 8)], [229, 20, 0, 255]);
    const a = 128 / 255;
    assert.deepEqual(
      [...out.subarray(8, 12)],
      [Math.round(200 * a + 100 * (1 - a)), Math.round(100 * (1 - a)), Math.round(50 * a + 100 * (1 - a)), 255],
    );
    // Over a clear picture, the overlay stays as it is.
    assert.deepEqual([...out.subarray(12, 16)], [200, 0, 50, 128]);
    assert.throws(() => compositeOver(base, over.subarray(0, 8)));
  });

  it('enlarges by whole pixels so a 28x28 map saves crisp', () => {
    const rgba = new Uint8ClampedArray([1, 2, 3, 4, 5, 6, 7, 8]); // 2x1
    const big = upscaleNearest(rgba, 2, 1, 3);
    assert.equal(big.length, 6 * 3 * 4);
    for (let y = 0; y < 3; y++)
      for (let x = 0; x < 6; x++)
        assert.deepEqual([...big.subarray((y * 6 + x) * 4, (y * 6 + x) * 4 + 4)], x < 3 ? [1, 2, 3, 4] : [5, 6, 7, 8]);
    assert.equal(readableFactor(28, 28), 16);
    assert.equal(readableFactor(224, 224), 2);
    assert.equal(readableFactor(1000, 500), 1);
  });

  it('reads theme colours written as hex or rgb()', () => {
    assert.deepEqual(parseRgb('#e51400', BLUE), [229, 20, 0]);
    assert.deepEqual(parseRgb('#fff', BLUE), [255, 255, 255]);
    assert.deepEqual(parseRgb(' rgb(55, 148, 255) ', RED), [55, 148, 255]);
    assert.deepEqual(parseRgb('color-mix(in srgb, red, blue)', RED), [...RED]);
  });
});

describe('Image view: predicted classes', () => {
  it('recognises probability vectors within 1e-3 and nothing else', () => {
    assert.equal(isProbabilityVector([0.2, 0.3, 0.5]), true);
    assert.equal(isProbabilityVector([0.2, 0.3, 0.5009]), true);
    assert.equal(isProbabilityVector([0.2, 0.3, 0.502]), false);
    assert.equal(isProbabilityVector([1.2, -0.2]), false);
    assert.equal(isProbabilityVector([0.5]), false);
  });

  it('softmaxes logits: sums to 1, keeps order, invariant to a shift, no overflow at 1000', () => {
    const p = softmax([2, 1, 0]);
    const e = [Math.exp(2), Math.exp(1), 1];
    const z = e[0] + e[1] + e[2];
    p.forEach((v, i) => assert.ok(Math.abs(v - e[i] / z) < 1e-15));
    const shifted = softmax([1002, 1001, 1000]);
    shifted.forEach((v, i) => assert.ok(Math.abs(v - p[i]) < 1e-12));
    assert.ok(Math.abs(p.reduce((a, b) => a + b) - 1) < 1e-12);
  });

  it('keeps probabilities as they are and softmaxes logits', () => {
    assert.deepEqual(rowProbabilities([0.1, 0.9]), { values: [0.1, 0.9], softmaxed: false });
    assert.equal(rowProbabilities([3, 1]).softmaxed, true);
    assert.deepEqual(rowProbabilities([0.7]), { values: [0.7], softmaxed: false });
  });

  it('lists the top 3 classes, most probable first', () => {
    const { attribution } = fakeImageAttribution();
    const top = topClasses(attribution, 0, 3);
    assert.deepEqual(
      top.slice(0, 2).map((t) => t.name),
      ['7', '1'],
    );
    const probs = softmax(attribution.predictions[0]);
    top.forEach((t) => assert.equal(t.probability, probs[t.index]));
    assert.ok(top[0].probability >= top[1].probability && top[1].probability >= top[2].probability);
    assert.equal(formatProbability(0.934), '93%');
    assert.equal(formatProbability(0.0412), '4.1%');
    assert.equal(formatProbability(0.00001), '<0.1%');
  });
});
