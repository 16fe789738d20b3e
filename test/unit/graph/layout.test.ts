import * as assert from 'node:assert/strict';
import { layoutGraph, CancelledError, type GraphLayout, type LayoutInput } from '../../../src/engine/graph/layout';
import { geometricCrossings, randomGraph } from './layoutChecks';
import { networkGraph, randomInt, seededRandom } from './networkGraphs';

const NODE_SEP = 24;
const EPS = 1e-6;

/** Every invariant a layout must satisfy, whatever the graph. */
function checkInvariants(input: LayoutInput, layout: GraphLayout): void {
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  assert.equal(layout.nodes.length, input.nodes.length);
  assert.equal(layout.edges.length, input.edges.length);
  const rankY = new Map<number, number>();
  for (const n of layout.nodes) {
    assert.ok(n.x - n.width / 2 >= -EPS && n.x + n.width / 2 <= layout.width + EPS, `${n.id} inside the width`);
    assert.ok(n.y - n.height / 2 >= -EPS && n.y + n.height / 2 <= layout.height + EPS, `${n.id} inside the height`);
    if (rankY.has(n.rank)) assert.equal(n.y, rankY.get(n.rank), 'one centre line per rank');
    rankY.set(n.rank, n.y);
  }
  const ranks = [...rankY.keys()].sort((a, b) => a - b);
  for (let i = 1; i < ranks.length; i++) assert.ok(rankY.get(ranks[i])! > rankY.get(ranks[i - 1])!, 'ranks go down');
  // No two nodes on a rank overlap: their x intervals are at least the node separation apart.
  for (const r of ranks) {
    const row = layout.nodes.filter((n) => n.rank === r).sort((a, b) => a.x - b.x);
    for (let i = 1; i < row.length; i++) {
      const gap = row[i].x - row[i].width / 2 - (row[i - 1].x + row[i - 1].width / 2);
      assert.ok(gap >= NODE_SEP - EPS, `rank ${r}: ${row[i - 1].id} and ${row[i].id} ${gap} apart`);
    }
  }
  input.edges.forEach((e, k) => {
    const edge = layout.edges[k];
    const s = byId.get(e.source)!;
    const t = byId.get(e.target)!;
    assert.equal(edge.source, e.source);
    assert.equal(edge.target, e.target);
    if (e.source === e.target) return;
    if (edge.reversed) assert.ok(s.rank > t.rank, `reversed ${e.source}->${e.target} points up`);
    else assert.ok(s.rank < t.rank, `${e.source}->${e.target} points down`);
    // One point at each end and one per rank crossed in between, on that rank's centre line.
    const span = Math.abs(t.rank - s.rank);
    assert.equal(edge.points.length, span + 1);
    assert.equal(edge.points[0].x, s.x);
    assert.equal(edge.points[span].x, t.x);
    const step = edge.reversed ? -1 : 1;
    for (let i = 1; i < span; i++) {
      const r = s.rank + step * i;
      const p = edge.points[i];
      if (rankY.has(r)) assert.equal(p.y, rankY.get(r));
      // A long edge passes beside the nodes of the ranks it crosses, never through them.
      for (const n of layout.nodes) {
        if (n.rank === r) assert.ok(Math.abs(p.x - n.x) >= n.width / 2, `edge ${k} through ${n.id}`);
      }
    }
  });
}

/** Kahn's algorithm: a graph without self-loops has a cycle iff some node is never freed. */
function hasCycle(input: LayoutInput): boolean {
  const indegree = new Map(input.nodes.map((n) => [n.id, 0]));
  for (const e of input.edges) indegree.set(e.target, indegree.get(e.target)! + 1);
  const free = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
  let freed = 0;
  while (free.length > 0) {
    const id = free.pop()!;
    freed++;
    for (const e of input.edges) {
      if (e.source !== id) continue;
      indegree.set(e.target, indegree.get(e.target)! - 1);
      if (indegree.get(e.target) === 0) free.push(e.target);
    }
  }
  return freed < input.nodes.length;
}

describe('layoutGraph', () => {
  it('keeps every invariant on random DAGs', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 40; trial++) {
      const n = randomInt(random, 1, 40);
      const input = randomGraph(random, n, randomInt(random, 0, 2 * n));
      const layout = layoutGraph(input, { nodeSeparation: NODE_SEP });
      checkInvariants(input, layout);
      assert.ok(
        layout.edges.every((e) => !e.reversed),
        'nothing is reversed in a DAG',
      );
      assert.equal(layout.crossings, geometricCrossings(layout), 'reported crossings match the drawing');
    }
  });

  it('reverses some edge of every cycle, marks it, and keeps its direction', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 30; trial++) {
      const n = randomInt(random, 2, 30);
      const input = randomGraph(random, n, randomInt(random, 1, 2 * n), randomInt(random, 1, 4));
      const layout = layoutGraph(input, { nodeSeparation: NODE_SEP });
      checkInvariants(input, layout);
      assert.equal(
        layout.edges.some((e) => e.reversed),
        hasCycle(input),
      );
    }
    const cycle = layoutGraph({
      nodes: ['a', 'b', 'c'].map((id) => ({ id, width: 10, height: 10 })),
      edges: [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'c', target: 'a' },
      ],
    });
    assert.deepEqual(
      cycle.edges.map((e) => e.reversed),
      [false, false, true],
    );
    assert.deepEqual(
      cycle.nodes.map((n) => n.rank),
      [0, 1, 2],
    );
  });

  it('handles self-loops, parallel edges, isolated nodes and the empty graph', () => {
    const empty = layoutGraph({ nodes: [], edges: [] });
    assert.deepEqual([empty.width, empty.height, empty.nodes.length], [0, 0, 0]);
    const input: LayoutInput = {
      nodes: ['a', 'b', 'c', 'lonely'].map((id) => ({ id, width: 40, height: 20 })),
      edges: [
        { id: 'x', source: 'a', target: 'b' },
        { id: 'y', source: 'a', target: 'b' },
        { source: 'b', target: 'b' },
        { source: 'a', target: 'c' },
        { source: 'b', target: 'c' },
      ],
    };
    const layout = layoutGraph(input, { nodeSeparation: NODE_SEP });
    checkInvariants(input, layout);
    assert.deepEqual(layout.edges[0].points, layout.edges[1].points, 'parallel edges share a route');
    assert.deepEqual(
      layout.edges.map((e) => e.id),
      ['x', 'y', '2', '3', '4'],
    );
    const loop = layout.edges[2].points;
    const b = layout.nodes[1];
    assert.ok(loop.length >= 3 && loop.every((p) => p.x >= b.x + b.width / 2 - EPS), 'the loop sits right of b');
    assert.throws(
      () => layoutGraph({ nodes: input.nodes, edges: [{ source: 'a', target: 'nowhere' }] }),
      /unknown node/,
    );
  });

  it('gives a side input the rank just above its consumer', () => {
    const input: LayoutInput = {
      nodes: ['x', 'h1', 'h2', 'h3', 'w'].map((id) => ({ id, width: 30, height: 20 })),
      edges: [
        { source: 'x', target: 'h1' },
        { source: 'h1', target: 'h2' },
        { source: 'h2', target: 'h3' },
        { source: 'w', target: 'h3' },
      ],
    };
    const ranks = layoutGraph(input).nodes.map((n) => n.rank);
    assert.deepEqual(ranks, [0, 1, 2, 3, 2]);
  });

  it('keeps a residual network free of overlaps and its skip edges beside the chain', () => {
    const input = networkGraph(600, 3);
    const layout = layoutGraph(input, { nodeSeparation: NODE_SEP });
    checkInvariants(input, layout);
    assert.ok(layout.rankCount > 300);
  });

  it('lays out rooted trees without crossings', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 30; trial++) {
      const n = randomInt(random, 2, 60);
      const nodes = Array.from({ length: n }, (_, i) => ({ id: `t${i}`, width: 30, height: 20 }));
      const edges = nodes.slice(1).map((_, i) => ({ source: `t${randomInt(random, 0, i)}`, target: `t${i + 1}` }));
      // Shuffle the edge order so that the tree is not handed over in depth-first order.
      for (let i = edges.length - 1; i > 0; i--) {
        const j = randomInt(random, 0, i);
        [edges[i], edges[j]] = [edges[j], edges[i]];
      }
      const layout = layoutGraph({ nodes, edges });
      assert.equal(geometricCrossings(layout), 0, `tree ${trial}`);
      // The same holds for the tree with every edge turned around (many inputs merging into one).
      const inTree = layoutGraph({ nodes, edges: edges.map((e) => ({ source: e.target, target: e.source })) });
      assert.equal(geometricCrossings(inTree), 0, `in-tree ${trial}`);
    }
  });
});

describe('layoutGraph cancellation and progress', () => {
  const input = networkGraph(400, 9);

  /** A token that reports cancellation from its (limit + 1)-th read on, counting the reads. */
  function countingToken(limit: number): { readonly isCancellationRequested: boolean; reads: number } {
    return {
      reads: 0,
      get isCancellationRequested(): boolean {
        return ++this.reads > limit;
      },
    };
  }

  it('stops with CancelledError whenever the token flips, and checks it regularly', () => {
    const full = countingToken(Infinity);
    layoutGraph(input, {}, full);
    assert.ok(full.reads >= 10, `the layout looked at the token ${full.reads} times`);
    for (const limit of [0, 1, 2, 3, Math.floor(full.reads / 2), full.reads - 1]) {
      const token = countingToken(limit);
      assert.throws(() => layoutGraph(input, {}, token), CancelledError, `flip after ${limit} reads`);
      assert.equal(token.reads, limit + 1, 'it stops at the first read that says cancelled');
    }
    assert.doesNotThrow(() => layoutGraph(input, {}, countingToken(full.reads)));
  });

  it('reports progress up to done === total', () => {
    const reports: [number, number][] = [];
    layoutGraph(input, {}, undefined, (done, total) => reports.push([done, total]));
    assert.ok(reports.length >= 3);
    for (let i = 1; i < reports.length; i++) assert.ok(reports[i][0] > reports[i - 1][0]);
    const [done, total] = reports[reports.length - 1];
    assert.equal(done, total);
  });
});
