import assert from 'node:assert/strict';
import { GraphViewBuilder, type GraphSource } from '../../../src/engine/graph/graphView';
import { opCategory } from '../../../src/engine/graph/opCategory';

/** input -> /enc/l0/{a,b} -> /enc/l1/{a,b} -> If (with a 2-node body) -> output */
function source(): GraphSource {
  const node = (id: string, label: string, scope: string[]) => ({
    id,
    label,
    detail: '',
    name: id,
    category: opCategory(label),
    scope,
  });
  const nodes = [
    node('in', 'x', []),
    node('l0a', 'MatMul', ['enc', 'l0']),
    node('l0b', 'Relu', ['enc', 'l0']),
    node('l1a', 'MatMul', ['enc', 'l1']),
    node('l1b', 'Relu', ['enc', 'l1']),
    node('t1', 'Add', ['if0']),
    node('t2', 'Mul', ['if0']),
    node('out', 'y', []),
  ];
  const edge = (source: string, target: string, tensor: string) => ({ source, target, tensor, shape: '[N, 4]' });
  return {
    nodes,
    edges: [
      edge('in', 'l0a', 'x'),
      edge('l0a', 'l0b', 'h0'),
      edge('l0b', 'l1a', 'h1'),
      edge('in', 'l1a', 'x'),
      edge('l1a', 'l1b', 'h2'),
      edge('l1b', 't1', 'h3'),
      edge('t1', 't2', 'h4'),
      edge('t2', 'out', 'y'),
    ],
    controlGroups: new Map([['§if0', { label: 'If', detail: 'then/else' }]]),
    warnings: ['a warning'],
  };
}

describe('graph view builder', () => {
  it('shows every node, laid out, when every group is open', () => {
    const b = new GraphViewBuilder(source());
    const all = b.tree.groups.slice(1).map((g) => g.id);
    const v = b.view(all);
    assert.equal(v.nodes.length, 8);
    assert.equal(v.edges.length, 8);
    assert.ok(v.nodes.every((n) => n.width > 0 && Number.isFinite(n.x) && Number.isFinite(n.y)));
    for (const e of v.edges) {
      const s = v.nodes.find((n) => n.id === e.source)!;
      const t = v.nodes.find((n) => n.id === e.target)!;
      assert.ok(s.y < t.y, `${e.source} above ${e.target}`);
      assert.equal(e.points[0].x, s.x);
    }
    assert.deepEqual(v.warnings, ['a warning']);
    // Each frame contains its members.
    for (const f of v.frames) {
      const members = v.nodes.filter((n) => b.ancestors(n.id).includes(f.id));
      assert.ok(members.length > 0);
      for (const n of members) {
        assert.ok(n.x - n.width / 2 >= f.x && n.x + n.width / 2 <= f.x + f.width, `${n.id} inside ${f.id}`);
        assert.ok(n.y - n.height / 2 >= f.y && n.y + n.height / 2 <= f.y + f.height);
      }
    }
  });

  it('folds closed groups into blocks with counts, and folds their edges together', () => {
    const b = new GraphViewBuilder(source());
    const v = b.view([]);
    const ids = v.nodes.map((n) => n.id).sort();
    assert.deepEqual(ids, ['in', 'out', '§enc', '§if0'].sort());
    const enc = v.nodes.find((n) => n.id === '§enc')!;
    assert.equal(enc.nodeCount, 4);
    assert.equal(enc.expandable, true);
    const iff = v.nodes.find((n) => n.id === '§if0')!;
    assert.equal(iff.label, 'If');
    assert.equal(iff.category, 'control');
    const inToEnc = v.edges.find((e) => e.source === 'in' && e.target === '§enc')!;
    assert.equal(inToEnc.count, 2, 'x feeds two nodes inside the block');
    const counts = v.edges.reduce((a, e) => a + e.count, 0);
    assert.equal(counts, 4, 'edges inside blocks disappear; the rest are counted');
  });

  it('knows which groups to open to reveal a node', () => {
    const b = new GraphViewBuilder(source());
    assert.deepEqual(b.ancestors('l1b'), ['§enc', '§enc/l1']);
    assert.deepEqual(b.ancestors('in'), []);
  });

  it('colours operators by family', () => {
    assert.equal(opCategory('Conv'), 'conv');
    assert.equal(opCategory('Relu'), 'activation');
    assert.equal(opCategory('TreeEnsembleClassifier', 'ai.onnx.ml'), 'ml');
    assert.equal(opCategory('QLinearFoo'), 'quantization');
    assert.equal(opCategory('Unheard'), 'other');
  });
});
