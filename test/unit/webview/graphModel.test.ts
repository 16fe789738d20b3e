import assert from 'node:assert/strict';
import {
  clipRect,
  fitTransform,
  focusTransform,
  minimapSize,
  rasterScale,
  revealNode,
  searchGraph,
  stepMatch,
  toggleGroup,
  viewportInGraph,
} from '../../../webview/graph/model';

const index = [
  { id: 'n0', name: '/enc/l0/MatMul', op: 'MatMul', tensors: ['x', 'h0'], ancestors: ['§enc', '§enc/l0'] },
  { id: 'n1', name: '/enc/l0/Relu', op: 'Relu', tensors: ['h0', 'h1'], ancestors: ['§enc', '§enc/l0'] },
  { id: 'n2', name: 'head', op: 'Gemm', tensors: ['h1', 'logits'], ancestors: [] },
];

describe('graph tab view model', () => {
  it('searches names, op types and tensor names, case-insensitively, in model order', () => {
    assert.deepEqual(
      searchGraph(index, 'matmul').map((e) => e.id),
      ['n0'],
    );
    assert.deepEqual(
      searchGraph(index, 'H1').map((e) => e.id),
      ['n1', 'n2'],
    );
    assert.deepEqual(
      searchGraph(index, '/enc').map((e) => e.id),
      ['n0', 'n1'],
    );
    assert.deepEqual(searchGraph(index, '  '), []);
  });

  it('steps through matches with wrap-around', () => {
    assert.equal(stepMatch(-1, 3, 1), 0);
    assert.equal(stepMatch(2, 3, 1), 0);
    assert.equal(stepMatch(0, 3, -1), 2);
    assert.equal(stepMatch(-1, 0, 1), -1);
  });

  it('collapsing a group closes the groups inside it; revealing opens every ancestor', () => {
    assert.deepEqual(toggleGroup(['§enc', '§enc/l0', '§dec'], '§enc'), ['§dec']);
    assert.deepEqual(toggleGroup(['§dec'], '§enc'), ['§dec', '§enc']);
    assert.deepEqual(revealNode(['§dec'], index[1]).sort(), ['§dec', '§enc', '§enc/l0']);
  });

  it('fits the whole graph inside the viewport, centred, never enlarging past 1.5x', () => {
    for (const [w, h, vw, vh] of [
      [5000, 800, 1000, 600],
      [100, 80, 1000, 600],
      [300, 9000, 800, 700],
    ]) {
      const t = fitTransform({ width: w, height: h }, vw, vh, 24);
      assert.ok(t.k <= 1.5);
      assert.ok(t.x >= 0 && t.x + w * t.k <= vw + 1e-9, 'inside horizontally');
      assert.ok(t.y >= 0 && t.y + h * t.k <= vh + 1e-9, 'inside vertically');
      assert.ok(Math.abs(t.x - (vw - w * t.k - t.x)) < 1e-9, 'centred');
    }
    const f = focusTransform(300, 400, 1000, 600, 2);
    assert.deepEqual([300 * f.k + f.x, 400 * f.k + f.y], [500, 300]);
  });

  it('the viewport in layout units maps back onto the screen corners', () => {
    const t = { k: 0.25, x: 120, y: -40 };
    const r = viewportInGraph(t, 800, 600);
    assert.deepEqual([r.x * t.k + t.x, r.y * t.k + t.y], [0, 0]);
    assert.deepEqual([(r.x + r.width) * t.k + t.x, (r.y + r.height) * t.k + t.y], [800, 600]);
  });

  it('clips rectangles to their overlap, empty when apart', () => {
    assert.deepEqual(clipRect({ x: 0, y: 0, width: 100, height: 50 }, { x: 60, y: -10, width: 100, height: 30 }), {
      x: 60,
      y: 0,
      width: 40,
      height: 20,
    });
    const apart = clipRect({ x: 0, y: 0, width: 10, height: 10 }, { x: 20, y: 0, width: 5, height: 5 });
    assert.equal(apart.width, 0);
  });

  it('sizes the minimap to the layout’s aspect within its box, never thinner than the minimum', () => {
    const wide = minimapSize({ width: 4000, height: 1000 });
    assert.deepEqual(wide, { width: 200, height: 50 });
    const tall = minimapSize({ width: 154, height: 926 });
    assert.equal(tall.height, 150);
    assert.equal(tall.width, 48, '25 px of graph is widened to the minimum');
    const square = minimapSize({ width: 10, height: 10 });
    assert.deepEqual(square, { width: 150, height: 150 });
  });

  it('rasterises at 2x until a side or the pixel count would pass the canvas limits', () => {
    assert.equal(rasterScale(194, 966), 2);
    for (const [w, h] of [
      [3000, 60000],
      [40000, 40000],
      [9000, 7000],
    ]) {
      const k = rasterScale(w, h);
      assert.ok(k < 2 && k > 0);
      assert.ok(w * k <= 16384 && h * k <= 16384, 'each side within 16384');
      assert.ok(w * k * h * k <= (1 << 25) * (1 + 1e-9), 'pixels within 2^25');
    }
    assert.equal(rasterScale(3000, 60000), 16384 / 60000);
  });
});
