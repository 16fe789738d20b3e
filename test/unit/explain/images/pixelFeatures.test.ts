// Image features as element groups and the maskers' backgrounds: checked against the layouts' index
// formulas and closed forms (a constant image blurs to itself, a box blur is a window mean).

import assert from 'node:assert/strict';
import {
  boxBlur,
  constantMasker,
  defaultBlurKernel,
  maskedBackground,
} from '../../../../src/engine/explain/features/imageMaskers';
import {
  elementOf,
  pixelGroups,
  segmentSizes,
  spreadOverPixels,
  type PixelGrid,
} from '../../../../src/engine/explain/features/pixelGroups';

const nchw: PixelGrid = { layout: 'NCHW', channels: 3, height: 4, width: 5 };
const nhwc: PixelGrid = { ...nchw, layout: 'NHWC' };

describe('image features', () => {
  it('maps each pixel of a segment to its element in every channel, in both layouts', () => {
    const seg = Int32Array.from({ length: 20 }, (_, p) => (p % 5 < 2 ? 0 : 1));
    for (const grid of [nchw, nhwc]) {
      const groups = pixelGroups(seg, 2, grid);
      assert.equal(groups.count, 2);
      assert.equal(groups.groupOf.length, 60);
      for (let p = 0; p < 20; p++)
        for (let ch = 0; ch < 3; ch++) assert.equal(groups.groupOf[elementOf(grid, p, ch)], seg[p]);
    }
    assert.equal(elementOf(nchw, 7, 2), 2 * 20 + 7);
    assert.equal(elementOf(nhwc, 7, 2), 7 * 3 + 2);
  });

  it('refuses a segment map of the wrong size', () => {
    assert.throws(() => pixelGroups(new Int32Array(19), 1, nchw), /19 pixels for a 4x5 input/);
  });

  it('spreads a segment value evenly so the map sums to the segment values', () => {
    const seg = Int32Array.from([0, 0, 0, 1, 2, 2]);
    const sizes = segmentSizes(seg, 3);
    assert.deepEqual(Array.from(sizes), [3, 1, 2]);
    const map = spreadOverPixels([3, -1, 0.5], seg, sizes);
    assert.deepEqual(Array.from(map), [1, 1, 1, -1, 0.25, 0.25]);
    assert.ok(Math.abs(map.reduce((a, b) => a + b, 0) - 2.5) < 1e-12);
  });

  it('blurs a constant image to itself and a line to its window means', () => {
    const grid: PixelGrid = { layout: 'NCHW', channels: 1, height: 1, width: 5 };
    const x = Float64Array.from([0, 0, 5, 0, 0]);
    // Radius 1 windows, clipped at the edges: [0,0], [0,0,5], [0,5,0], [5,0,0], [0,0].
    assert.deepEqual(Array.from(boxBlur(x, grid, 3)), [0, 5 / 3, 5 / 3, 5 / 3, 0]);
    const flat = new Float64Array(60).fill(0.7);
    for (const v of boxBlur(flat, nhwc, 3)) assert.ok(Math.abs(v - 0.7) < 1e-12);
  });

  it('blurs channels apart from each other', () => {
    const x = new Float64Array(60);
    for (let p = 0; p < 20; p++) x[elementOf(nhwc, p, 1)] = 1;
    const out = boxBlur(x, nhwc, 5);
    for (let p = 0; p < 20; p++) {
      assert.ok(Math.abs(out[elementOf(nhwc, p, 1)] - 1) < 1e-12);
      assert.equal(out[elementOf(nhwc, p, 0)], 0);
      assert.equal(out[elementOf(nhwc, p, 2)], 0);
    }
  });

  it('makes a grey background normalised as the model input is, and scales the blur with the picture', () => {
    const masker = constantMasker(128, { scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.25, 1] }, 3);
    const bg = maskedBackground(masker, new Float64Array(60), nchw);
    assert.equal(bg.rows, 1);
    const expect = [(128 / 255 - 0.5) / 0.5, (128 / 255 - 0.5) / 0.25, 128 / 255 - 0.5];
    for (let p = 0; p < 20; p++)
      for (let ch = 0; ch < 3; ch++) assert.ok(Math.abs(bg.values[elementOf(nchw, p, ch)] - expect[ch]) < 1e-12);
    assert.equal(defaultBlurKernel({ layout: 'NCHW', channels: 3, height: 224, width: 224 }), 129);
    assert.equal(defaultBlurKernel({ layout: 'NCHW', channels: 1, height: 28, width: 28 }), 17);
  });
});
