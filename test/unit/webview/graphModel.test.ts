import assert from 'node:assert/strict';
import {
  fitTransform,
  focusTransform,
  revealNode,
  searchGraph,
  stepMatch,
  toggleGroup,
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
});
