// SLIC superpixels: a partition of the pixels into 4-connected segments numbered 0..count-1, about as many
// as asked for, that respect a sharp colour edge, the same every time.

import assert from 'node:assert/strict';
import { slic, toLab } from '../../../../src/engine/explain/features/slic';
import { seededRandom } from '../../../../src/engine/explain/random';

function image(height: number, width: number, colour: (y: number, x: number) => [number, number, number]) {
  const rgba = new Uint8ClampedArray(height * width * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rgba.set([...colour(y, x), 255], (y * width + x) * 4);
    }
  }
  return rgba;
}

/** Labels cover 0..count-1, each used, and each label's pixels form one 4-connected piece. */
function assertPartition(labels: Int32Array, count: number, height: number, width: number) {
  const seen = new Uint8Array(count);
  for (const l of labels) {
    assert.ok(l >= 0 && l < count, `label ${l} outside 0..${count - 1}`);
    seen[l] = 1;
  }
  assert.ok(
    seen.every((s) => s === 1),
    'every label is used',
  );
  const visited = new Uint8Array(labels.length);
  const pieces = new Int32Array(count);
  for (let start = 0; start < labels.length; start++) {
    if (visited[start]) continue;
    pieces[labels[start]]++;
    const stack = [start];
    visited[start] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      const y = Math.floor(p / width);
      const x = p % width;
      for (const [yy, xx] of [
        [y - 1, x],
        [y + 1, x],
        [y, x - 1],
        [y, x + 1],
      ]) {
        const q = yy * width + xx;
        if (yy < 0 || yy >= height || xx < 0 || xx >= width || visited[q] || labels[q] !== labels[p]) continue;
        visited[q] = 1;
        stack.push(q);
      }
    }
  }
  assert.ok(
    pieces.every((n) => n === 1),
    `segments in several pieces: ${[...pieces].filter((n) => n > 1).length}`,
  );
}

describe('SLIC superpixels', () => {
  const rng = seededRandom(3);
  // A textured picture: smooth colour gradients, a disc, and noise.
  const textured = image(60, 80, (y, x) => {
    const inDisc = (y - 30) ** 2 + (x - 50) ** 2 < 15 ** 2;
    const noise = Math.floor(rng() * 30);
    return inDisc ? [200 + noise / 3, 40 + noise, 40] : [x * 3 + noise, y * 4, 120 + noise];
  });

  it('sRGB to Lab: white is L 100, black 0, grey has a = b = 0, pure red is (53.24, 80.09, 67.20)', () => {
    const lab = toLab(Uint8ClampedArray.of(255, 255, 255, 255, 0, 0, 0, 255, 119, 119, 119, 255, 255, 0, 0, 255), 4);
    const close = (a: number, b: number, tol = 0.02) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);
    close(lab[0], 100);
    close(lab[1], 0);
    close(lab[2], 0);
    assert.deepEqual([lab[3], lab[4], lab[5]], [0, 0, 0]);
    close(lab[7], 0);
    close(lab[8], 0);
    close(lab[6], 50.03, 0.05);
    close(lab[9], 53.24);
    close(lab[10], 80.09);
    close(lab[11], 67.2);
  });

  for (const segments of [10, 50, 200]) {
    it(`${segments} segments asked for: a partition into connected segments, between half and twice as many`, () => {
      const { segmentOfPixel, count } = slic(textured, 60, 80, { segments });
      assert.equal(segmentOfPixel.length, 60 * 80);
      assertPartition(segmentOfPixel, count, 60, 80);
      assert.ok(count >= segments / 2 && count <= segments * 2, `${count} segments`);
    });
  }

  it('no segment straddles the line between two flat colours', () => {
    const [h, w, line] = [48, 64, 27];
    for (const [left, right] of [
      [
        [200, 30, 30],
        [30, 30, 200],
      ],
      [
        [90, 90, 90],
        [140, 140, 140],
      ],
    ] as [number, number, number][][]) {
      const rgba = image(h, w, (_y, x) => (x < line ? left : right));
      const { segmentOfPixel, count } = slic(rgba, h, w, { segments: 50 });
      assertPartition(segmentOfPixel, count, h, w);
      const side = new Int8Array(count).fill(-1);
      segmentOfPixel.forEach((s, p) => {
        const here = p % w < line ? 0 : 1;
        assert.ok(side[s] === -1 || side[s] === here, `segment ${s} has pixels on both sides`);
        side[s] = here;
      });
    }
  });

  it('a flat grey image still splits into about the requested number of compact segments', () => {
    const { segmentOfPixel, count } = slic(
      image(40, 40, () => [128, 128, 128]),
      40,
      40,
      { segments: 16 },
    );
    assertPartition(segmentOfPixel, count, 40, 40);
    // With no colour, SLIC is k-means on position: the 4x4 grid stays a 4x4 grid of 10x10 squares.
    assert.equal(count, 16);
    segmentOfPixel.forEach((s, p) =>
      assert.equal(s, Math.floor(Math.floor(p / 40) / 10) * 4 + Math.floor((p % 40) / 10)),
    );
  });

  it('is deterministic, and tiny images work (1x1, one row, more segments than pixels)', () => {
    const a = slic(textured, 60, 80, { segments: 40, compactness: 20 });
    const b = slic(textured, 60, 80, { segments: 40, compactness: 20 });
    assert.deepEqual(a, b);
    assert.deepEqual(
      slic(
        image(1, 1, () => [1, 2, 3]),
        1,
        1,
      ),
      { segmentOfPixel: Int32Array.of(0), count: 1 },
    );
    const row = slic(
      image(1, 30, (_y, x) => [x * 8, 0, 0]),
      1,
      30,
      { segments: 5 },
    );
    assertPartition(row.segmentOfPixel, row.count, 1, 30);
    const many = slic(
      image(4, 4, (y, x) => [y * 60, x * 60, 0]),
      4,
      4,
      { segments: 100 },
    );
    assertPartition(many.segmentOfPixel, many.count, 4, 4);
  });
});
