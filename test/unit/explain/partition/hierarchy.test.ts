// Grid and sequence hierarchies: leaves tile the grid once, cells stay within the size asked, every node
// is a rectangle (a run) split in halves along its longer side, and the tree is well formed.

import assert from 'node:assert/strict';
import {
  checkHierarchy,
  gridHierarchy,
  leafSpans,
  nodeCount,
  nodeDepths,
  sequenceHierarchy,
  type Hierarchy,
} from '../../../../src/engine/explain/features/hierarchy';

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
  pixels: number;
}

/** The bounding box and pixel count of every node's leaves. */
function boxes(h: Hierarchy, segmentOfPixel: Int32Array, width: number): Box[] {
  const out: Box[] = Array.from({ length: nodeCount(h) }, () => ({
    top: Infinity,
    left: Infinity,
    bottom: -1,
    right: -1,
    pixels: 0,
  }));
  segmentOfPixel.forEach((leaf, at) => {
    const b = out[leaf];
    const y = Math.floor(at / width);
    const x = at % width;
    Object.assign(b, {
      top: Math.min(b.top, y),
      left: Math.min(b.left, x),
      bottom: Math.max(b.bottom, y + 1),
      right: Math.max(b.right, x + 1),
      pixels: b.pixels + 1,
    });
  });
  for (let node = h.leaves; node < nodeCount(h); node++) {
    const [l, r] = [out[h.left[node - h.leaves]], out[h.right[node - h.leaves]]];
    out[node] = {
      top: Math.min(l.top, r.top),
      left: Math.min(l.left, r.left),
      bottom: Math.max(l.bottom, r.bottom),
      right: Math.max(l.right, r.right),
      pixels: l.pixels + r.pixels,
    };
  }
  return out;
}

describe('feature hierarchies', () => {
  const grids: [number, number, number][] = [
    [28, 28, 16],
    [28, 28, 1],
    [7, 13, 5],
    [1, 1, 4],
    [224, 224, 256],
    [3, 50, 10],
    [5, 5, 25],
  ];
  for (const [height, width, maxCell] of grids) {
    it(`gridHierarchy(${height}, ${width}, ${maxCell}) tiles the grid in halves`, () => {
      const { hierarchy: h, segmentOfPixel } = gridHierarchy(height, width, maxCell);
      checkHierarchy(h);
      assert.equal(segmentOfPixel.length, height * width);
      // Every leaf has pixels, and every pixel one leaf: the pixel counts add up to the grid.
      const b = boxes(h, segmentOfPixel, width);
      for (let leaf = 0; leaf < h.leaves; leaf++) {
        const box = b[leaf];
        assert.ok(box.pixels >= 1 && box.pixels <= maxCell, `leaf ${leaf} has ${box.pixels} pixels`);
      }
      for (let node = 0; node < nodeCount(h); node++) {
        const box = b[node];
        assert.equal((box.bottom - box.top) * (box.right - box.left), box.pixels, `node ${node} is not a rectangle`);
      }
      assert.deepEqual(b[h.root], { top: 0, left: 0, bottom: height, right: width, pixels: height * width });
      for (let node = h.leaves; node < nodeCount(h); node++) {
        const [box, l, r] = [b[node], b[h.left[node - h.leaves]], b[h.right[node - h.leaves]]];
        const [hh, ww] = [box.bottom - box.top, box.right - box.left];
        assert.ok(hh * ww > maxCell, `node ${node} was split though it fits in one cell`);
        if (ww >= hh) {
          assert.deepEqual(
            [l.left, l.right, r.left, r.right],
            [box.left, box.left + Math.ceil(ww / 2), box.left + Math.ceil(ww / 2), box.right],
          );
        } else {
          assert.deepEqual(
            [l.top, l.bottom, r.top, r.bottom],
            [box.top, box.top + Math.ceil(hh / 2), box.top + Math.ceil(hh / 2), box.bottom],
          );
        }
      }
      // Leaves are numbered in the order they are made: depth first, top/left part first.
      assert.deepEqual([...leafSpans(h).order], [...Array(h.leaves).keys()]);
    });
  }

  it('a 28 x 28 grid with cells of at most 16 pixels has 64 cells, and its quadrants are the depth-2 nodes', () => {
    const { hierarchy: h, segmentOfPixel } = gridHierarchy(28, 28, 16);
    assert.equal(h.leaves, 64);
    const depth = nodeDepths(h);
    const spans = leafSpans(h);
    const quadrants = [...Array(nodeCount(h)).keys()].filter((n) => depth[n] === 2);
    assert.equal(quadrants.length, 4);
    for (const q of quadrants) assert.equal(spans.end[q] - spans.start[q], 16);
    // The first quadrant made is the top-left one.
    const topLeft = new Set([...spans.order.subarray(spans.start[quadrants[0]], spans.end[quadrants[0]])]);
    segmentOfPixel.forEach((leaf, at) => assert.equal(topLeft.has(leaf), Math.floor(at / 28) < 14 && at % 28 < 14));
  });

  for (const m of [1, 2, 3, 7, 8, 100]) {
    it(`sequenceHierarchy(${m}) splits runs into halves, the first taking the odd unit`, () => {
      const h = sequenceHierarchy(m);
      checkHierarchy(h);
      const spans = leafSpans(h);
      assert.deepEqual([...spans.order], [...Array(m).keys()]);
      assert.deepEqual([spans.start[h.root], spans.end[h.root]], [0, m]);
      for (let node = m; node < nodeCount(h); node++) {
        const [l, r] = [h.left[node - m], h.right[node - m]];
        const size = spans.end[node] - spans.start[node];
        assert.deepEqual([spans.start[l], spans.end[l]], [spans.start[node], spans.start[node] + Math.ceil(size / 2)]);
        assert.deepEqual([spans.start[r], spans.end[r]], [spans.end[l], spans.end[node]]);
      }
      if (m > 1) assert.equal(Math.max(...nodeDepths(h)), Math.ceil(Math.log2(m)));
    });
  }

  it('checkHierarchy rejects what is not one binary tree', () => {
    const h = (left: number[], right: number[], leaves = 3): Hierarchy => ({
      leaves,
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      root: leaves + left.length - 1,
    });
    checkHierarchy(h([0, 3], [1, 2]));
    assert.throws(() => checkHierarchy(h([0, 3], [1, 1])), /two parents/);
    assert.throws(() => checkHierarchy(h([0, 4], [1, 2])), /has child 4/);
    assert.throws(() => checkHierarchy(h([0], [1])), /1 internal nodes/);
    assert.throws(() => checkHierarchy({ ...h([0, 3], [1, 2]), root: 3 }), /the root is 3/);
    assert.throws(() => gridHierarchy(0, 4, 4), /height/);
    assert.throws(() => gridHierarchy(4, 4, 0), /one pixel/);
    assert.throws(() => sequenceHierarchy(0), /at least one/);
  });
});
