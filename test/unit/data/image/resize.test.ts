// The three resize modes' geometry on a 100x50 picture whose columns say where they came from, and the
// resampler's behaviour: constants stay exact, shrinking averages (antialiasing) rather than picking pixels.

import assert from 'node:assert/strict';
import { decodeImage, fitTo, placement, resample } from '../../../../src/engine/data/image/codec';
import { draw, pngOf, type Colour } from './images';

const RED: Colour = [255, 0, 0];
const GREEN: Colour = [0, 255, 0];
const BLUE: Colour = [0, 0, 255];
const BLACK: Colour = [0, 0, 0];

/** 100x50: columns 0-24 blue, 25-49 red, 50-99 green. */
const STRIPES = decodeImage(
  pngOf(100, 50, (x) => (x < 25 ? BLUE : x < 50 ? RED : GREEN)),
  'stripes.png',
);

function pixel(img: { data: Uint8Array; width: number }, x: number, y: number): number[] {
  const i = (y * img.width + x) * 4;
  return Array.from(img.data.subarray(i, i + 3));
}

describe('image resize modes', () => {
  it('placement: stretch fills, center-crop covers (torchvision sizes), fit-pad fits and centres', () => {
    assert.deepEqual(placement(100, 50, 64, 64, 'stretch'), { scaledWidth: 64, scaledHeight: 64, left: 0, top: 0 });
    assert.deepEqual(placement(100, 50, 64, 64, 'shorter-side-then-center-crop'), {
      scaledWidth: 128,
      scaledHeight: 64,
      left: -32,
      top: 0,
    });
    assert.deepEqual(placement(100, 50, 64, 64, 'fit-pad'), { scaledWidth: 64, scaledHeight: 32, left: 0, top: 16 });
    // torchvision: Resize(224) of 500x375 gives 298x224 (int(224*500/375)), CenterCrop(224) starts at round(37.0).
    assert.deepEqual(placement(500, 375, 224, 224, 'shorter-side-then-center-crop'), {
      scaledWidth: 298,
      scaledHeight: 224,
      left: -37,
      top: 0,
    });
    // An odd overhang halves to x.5, rounded half to even as Python's round: round(1.5) = 2, round(2.5) = 2.
    assert.equal(placement(103, 100, 100, 100, 'shorter-side-then-center-crop').left, -2);
    assert.equal(placement(105, 100, 100, 100, 'shorter-side-then-center-crop').left, -2);
    assert.equal(placement(100, 107, 100, 100, 'shorter-side-then-center-crop').top, -4);
    // A tall picture pads left and right.
    assert.deepEqual(placement(30, 90, 60, 60, 'fit-pad'), { scaledWidth: 20, scaledHeight: 60, left: 20, top: 0 });
  });

  it('fit-pad into 64x64: black bands of 16 rows top and bottom, the picture between', () => {
    const out = fitTo(STRIPES, 64, 64, 'fit-pad');
    for (let x = 0; x < 64; x++) {
      for (const y of [0, 15, 48, 63]) assert.deepEqual(pixel(out, x, y), BLACK, `(${x},${y})`);
    }
    for (let y = 16; y < 48; y++) {
      assert.deepEqual(pixel(out, 2, y), BLUE);
      assert.deepEqual(pixel(out, 24, y), RED);
      assert.deepEqual(pixel(out, 60, y), GREEN);
    }
  });

  it('center-crop into 64x64 keeps the middle: the blue outer quarter is cut away, red and green halves remain', () => {
    const out = fitTo(STRIPES, 64, 64, 'shorter-side-then-center-crop');
    for (let y = 0; y < 64; y++) {
      for (let x = 2; x < 30; x++) assert.deepEqual(pixel(out, x, y), RED, `(${x},${y})`);
      for (let x = 34; x < 64; x++) assert.deepEqual(pixel(out, x, y), GREEN, `(${x},${y})`);
    }
  });

  it('stretch into 64x64 ignores the aspect ratio: every row is the same, the stripes at 1/4 and 1/2 of the width', () => {
    const out = fitTo(STRIPES, 64, 64, 'stretch');
    for (let y = 0; y < 64; y++) {
      assert.deepEqual(pixel(out, 0, y), BLUE);
      assert.deepEqual(pixel(out, 14, y), BLUE);
      assert.deepEqual(pixel(out, 18, y), RED);
      assert.deepEqual(pixel(out, 30, y), RED);
      assert.deepEqual(pixel(out, 34, y), GREEN);
      assert.deepEqual(pixel(out, 63, y), GREEN);
      assert.deepEqual(pixel(out, 40, y), pixel(out, 40, 0));
    }
  });

  it('shrinking averages: a 1-pixel checkerboard halved is mid-grey, not one of its colours', () => {
    const board = { data: draw(64, 64, (x, y) => ((x + y) % 2 ? [255, 255, 255] : [0, 0, 0])), width: 64, height: 64 };
    const out = resample(board, 32, 32);
    for (let i = 0; i < 32 * 32; i++) {
      const v = out.data[i * 4];
      assert.ok(Math.abs(v - 127.5) <= 1, `pixel ${i}: ${v}`);
    }
  });

  it('a solid colour stays exact through every size and mode', () => {
    const solid = decodeImage(
      pngOf(37, 23, () => [201, 17, 99]),
      's.png',
    );
    for (const [w, h] of [
      [16, 16],
      [100, 7],
      [224, 224],
    ]) {
      for (const mode of ['stretch', 'shorter-side-then-center-crop'] as const) {
        const out = fitTo(solid, w, h, mode);
        for (let i = 0; i < w * h; i++)
          assert.deepEqual(Array.from(out.data.subarray(i * 4, i * 4 + 4)), [201, 17, 99, 255]);
      }
    }
  });
});
