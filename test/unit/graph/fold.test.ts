import * as assert from 'node:assert/strict';
import {
  ancestorGroups,
  buildScopeTree,
  foldGraph,
  initialExpansion,
  visibleCount,
  type ScopeTree,
} from '../../../src/engine/graph/fold';
import { randomInt, seededRandom, transformerGraph } from './networkGraphs';

interface Case {
  nodes: { id: string; scope: string[] }[];
  edges: { source: string; target: string }[];
}

/** Nodes under random scope paths from a small vocabulary (depth 0-3), random edges without duplicates. */
function randomCase(random: () => number): Case {
  const names = ['enc', 'dec', 'layer.0', 'layer.1', 'attn', 'mlp'];
  const n = randomInt(random, 1, 40);
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `node${i}`,
    scope: Array.from({ length: randomInt(random, 0, 3) }, () => names[randomInt(random, 0, names.length - 1)]),
  }));
  const seen = new Set<string>();
  const edges: Case['edges'] = [];
  for (let k = randomInt(random, 0, 3 * n); k > 0; k--) {
    const source = `node${randomInt(random, 0, n - 1)}`;
    const target = `node${randomInt(random, 0, n - 1)}`;
    if (seen.has(`${source}>${target}`)) continue;
    seen.add(`${source}>${target}`);
    edges.push({ source, target });
  }
  return { nodes, edges };
}

/** Brute force: a node shows as its outermost collapsed enclosing group, or as itself. */
function visibleId(tree: ScopeTree, id: string, expanded: ReadonlySet<string>): string {
  return ancestorGroups(tree, id).find((g) => !expanded.has(g)) ?? id;
}

function randomExpansion(random: () => number, tree: ScopeTree): Set<string> {
  return new Set(tree.groups.slice(1).flatMap((g) => (random() < 0.5 ? [g.id] : [])));
}

describe('buildScopeTree', () => {
  it('makes a group per scope prefix, ids joined by "/", nodes without scope at the top', () => {
    const random = seededRandom(21);
    for (let trial = 0; trial < 50; trial++) {
      const { nodes } = randomCase(random);
      const tree = buildScopeTree(nodes, { mergeSingleChildChains: false });
      for (const node of nodes) {
        const prefixes = node.scope.map((_, i) => node.scope.slice(0, i + 1).join('/'));
        assert.deepEqual(ancestorGroups(tree, node.id), prefixes);
      }
      assert.equal(tree.groups[0].nodeCount, nodes.length);
      for (const g of tree.groups) {
        const below = g.nodes.length + g.children.reduce((s, c) => s + tree.groups[c].nodeCount, 0);
        assert.equal(g.nodeCount, below, `${g.id} counts what it holds`);
      }
    }
  });

  it('merges a group holding only one subgroup into it', () => {
    const tree = buildScopeTree([
      { id: 'a', scope: ['model', 'encoder', 'attn'] },
      { id: 'b', scope: ['model', 'encoder', 'mlp'] },
      { id: 'c' },
    ]);
    assert.deepEqual(
      tree.groups.map((g) => [g.id, g.label, g.depth]),
      [
        ['', '', 0],
        ['model/encoder', 'model/encoder', 1],
        ['model/encoder/attn', 'attn', 2],
        ['model/encoder/mlp', 'mlp', 2],
      ],
    );
    assert.deepEqual(ancestorGroups(tree, 'a'), ['model/encoder', 'model/encoder/attn']);
    assert.deepEqual(ancestorGroups(tree, 'c'), []);
  });
});

describe('foldGraph', () => {
  it('shows each node as its outermost collapsed group, counts add up, edges are the projection', () => {
    const random = seededRandom(42);
    for (let trial = 0; trial < 200; trial++) {
      const c = randomCase(random);
      const tree = buildScopeTree(c.nodes, { mergeSingleChildChains: random() < 0.5 });
      const expanded = randomExpansion(random, tree);
      const folded = foldGraph(tree, c.edges, expanded);
      const ids = folded.items.map((item) => item.id);
      assert.equal(new Set(ids).size, ids.length, 'item ids are unique');
      assert.equal(
        folded.items.reduce((s, item) => s + item.nodeCount, 0),
        c.nodes.length,
      );
      assert.equal(folded.items.length, visibleCount(tree, expanded));
      const expectedIds = new Set(c.nodes.map((n) => visibleId(tree, n.id, expanded)));
      assert.deepEqual(new Set(ids), expectedIds);
      c.nodes.forEach((n, i) => assert.equal(ids[folded.itemOfNode[i]], visibleId(tree, n.id, expanded)));
      const projected = new Map<string, number>();
      for (const e of c.edges) {
        const a = visibleId(tree, e.source, expanded);
        const b = visibleId(tree, e.target, expanded);
        if (a === b && a !== e.source) continue; // inside one block
        projected.set(`${a}>${b}`, (projected.get(`${a}>${b}`) ?? 0) + 1);
      }
      assert.deepEqual(new Map(folded.edges.map((e) => [`${e.source}>${e.target}`, e.count])), projected);
      assert.equal(folded.edges.length, projected.size, 'no duplicate edges');
    }
  });

  it('gives back the flat graph exactly when every group is expanded', () => {
    const random = seededRandom(8);
    for (let trial = 0; trial < 50; trial++) {
      const c = randomCase(random);
      const tree = buildScopeTree(c.nodes);
      const all = new Set(tree.groups.map((g) => g.id));
      const folded = foldGraph(tree, c.edges, all);
      assert.deepEqual(
        folded.items.map((item) => [item.id, item.kind, item.nodeCount]),
        c.nodes.map((n) => [n.id, 'node', 1]),
      );
      assert.deepEqual(
        folded.edges,
        c.edges.map((e) => ({ ...e, count: 1 })),
      );
      assert.equal(folded.frames.length, tree.groups.length - 1);
    }
  });

  it('shows only the top level when nothing is expanded, with frames for expanded groups', () => {
    const c: Case = {
      nodes: [
        { id: 'in', scope: [] },
        { id: 'q', scope: ['layer', 'attn'] },
        { id: 'k', scope: ['layer', 'attn'] },
        { id: 'add', scope: ['layer'] },
      ],
      edges: [
        { source: 'in', target: 'q' },
        { source: 'in', target: 'k' },
        { source: 'q', target: 'add' },
        { source: 'k', target: 'add' },
      ],
    };
    const tree = buildScopeTree(c.nodes);
    const closed = foldGraph(tree, c.edges, new Set());
    assert.deepEqual(
      closed.items.map((i) => [i.id, i.kind, i.nodeCount]),
      [
        ['layer', 'group', 3],
        ['in', 'node', 1],
      ],
    );
    assert.deepEqual(closed.edges, [{ source: 'in', target: 'layer', count: 2 }]);
    const open = foldGraph(tree, c.edges, new Set(['layer']));
    assert.deepEqual(
      open.items.map((i) => [i.id, i.parent]),
      [
        ['layer/attn', 'layer'],
        ['in', undefined],
        ['add', 'layer'],
      ],
    );
    assert.deepEqual(open.frames, [{ id: 'layer', label: 'layer', depth: 1, parent: undefined }]);
    assert.deepEqual(open.edges, [
      { source: 'in', target: 'layer/attn', count: 2 },
      { source: 'layer/attn', target: 'add', count: 2 },
    ]);
  });
});

describe('initialExpansion', () => {
  it('opens a 10,000-node transformer to a few dozen blocks, whole layers at a time', () => {
    const graph = transformerGraph(10000, 1);
    const tree = buildScopeTree(graph.nodes);
    const expanded = initialExpansion(tree, 60);
    const shown = visibleCount(tree, expanded);
    assert.ok(shown <= 60 && shown >= 20, `${shown} items`);
    assert.equal(foldGraph(tree, graph.edges, expanded).items.length, shown);
    const layers = tree.groups.filter((g) => /^encoder\/layer\.\d+$/.test(g.id));
    const open = layers.filter((g) => expanded.has(g.id)).length;
    assert.ok(open === 0 || open === layers.length, 'equal sibling layers open together');
  });

  it('never shows more than asked when the top level fits, and opens what still fits', () => {
    const random = seededRandom(77);
    for (let trial = 0; trial < 100; trial++) {
      const c = randomCase(random);
      const tree = buildScopeTree(c.nodes);
      const max = randomInt(random, 1, 30);
      const expanded = initialExpansion(tree, max);
      const top = visibleCount(tree, new Set());
      const shown = visibleCount(tree, expanded);
      if (top <= max) assert.ok(shown <= max, `${shown} > ${max}`);
      else assert.equal(shown, top);
      // Every open group's parent is open too (or is the root).
      for (const id of expanded) {
        const g = tree.groups[tree.groupIndex.get(id)!];
        assert.ok(g.parent === 0 || expanded.has(tree.groups[g.parent].id));
      }
      // Maximal: a closed group that is the only one of its size among its siblings would not fit.
      for (const g of tree.groups.slice(1)) {
        if (expanded.has(g.id) || !(g.parent === 0 || expanded.has(tree.groups[g.parent].id))) continue;
        const twins = tree.groups[g.parent].children.filter((s) => tree.groups[s].nodeCount === g.nodeCount);
        if (twins.length === 1) assert.ok(shown + g.children.length + g.nodes.length - 1 > max, `${g.id} fits`);
      }
    }
  });
});
