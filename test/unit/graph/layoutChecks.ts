/** Geometric checks on a finished layout, shared by the layout tests. */
import type { GraphLayout, LayoutInput } from '../../../src/engine/graph/layout';
import { randomInt } from './networkGraphs';

/** A random graph: a DAG on a hidden topological order, plus `backEdges` edges pointing backwards. */
export function randomGraph(random: () => number, nodeCount: number, edgeCount: number, backEdges = 0): LayoutInput {
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({
    id: `v${i}`,
    width: randomInt(random, 10, 120),
    height: randomInt(random, 10, 50),
  }));
  const edges: { source: string; target: string }[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < edgeCount * 4 && edges.length < edgeCount; k++) {
    const a = randomInt(random, 0, nodeCount - 2);
    const b = randomInt(random, a + 1, nodeCount - 1);
    if (seen.has(`${a}>${b}`)) continue;
    seen.add(`${a}>${b}`);
    edges.push({ source: `v${a}`, target: `v${b}` });
  }
  for (let k = 0; k < backEdges; k++) {
    const a = randomInt(random, 1, nodeCount - 1);
    const b = randomInt(random, 0, a - 1);
    edges.push({ source: `v${a}`, target: `v${b}` });
  }
  return { nodes, edges };
}

/** Segments between adjacent ranks, as [rank of the upper end, x at the upper rank, x at the lower rank]. */
export function segments(layout: GraphLayout): [number, number, number][] {
  const rankOf = new Map(layout.nodes.map((n) => [n.id, n.rank]));
  const result: [number, number, number][] = [];
  for (const edge of layout.edges) {
    if (edge.source === edge.target) continue;
    const points = edge.reversed ? [...edge.points].reverse() : edge.points;
    const top = rankOf.get(edge.reversed ? edge.target : edge.source) as number;
    for (let k = 0; k + 1 < points.length; k++) result.push([top + k, points[k].x, points[k + 1].x]);
  }
  return result;
}

/** Pairs of segments between the same two ranks whose ends are in opposite order. */
export function geometricCrossings(layout: GraphLayout): number {
  const byRank = new Map<number, [number, number][]>();
  for (const [r, a, b] of segments(layout)) {
    const list = byRank.get(r) ?? [];
    list.push([a, b]);
    byRank.set(r, list);
  }
  let crossings = 0;
  for (const list of byRank.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if ((list[i][0] - list[j][0]) * (list[i][1] - list[j][1]) < 0) crossings++;
      }
    }
  }
  return crossings;
}
