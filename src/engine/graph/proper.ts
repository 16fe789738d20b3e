/** The proper layered graph: long edges split by one dummy node per rank they cross. */
import { buildCsr, type Csr } from './csr';

export interface LayeredGraph {
  /** Real nodes first (0 .. realCount - 1), then dummy nodes. */
  nodeCount: number;
  realCount: number;
  rankCount: number;
  rank: Int32Array;
  width: Float64Array;
  height: Float64Array;
  /** Edges between adjacent ranks, upper -> lower, with their multiplicity as weight. */
  down: Csr;
  /** The same edges, lower -> upper. */
  up: Csr;
  segmentWeight: Float64Array;
  /** For layout edge e: its dummies are chainStart[e] .. chainStart[e] + chainLength[e] - 1. */
  chainStart: Int32Array;
  chainLength: Int32Array;
  /** For dummy d: the real nodes at the top and the bottom of its long edge, at [d - realCount]. */
  chainTop: Int32Array;
  chainBottom: Int32Array;
}

/** Splits every edge spanning k > 1 ranks into k segments through k - 1 dummies of zero size. */
export function buildLayeredGraph(
  realCount: number,
  rank: Int32Array,
  width: Float64Array,
  height: Float64Array,
  from: Int32Array,
  to: Int32Array,
  weight: Float64Array,
): LayeredGraph {
  const edgeCount = from.length;
  let dummyCount = 0;
  for (let e = 0; e < edgeCount; e++) dummyCount += rank[to[e]] - rank[from[e]] - 1;
  const nodeCount = realCount + dummyCount;
  const fullRank = new Int32Array(nodeCount);
  fullRank.set(rank.subarray(0, realCount));
  const fullWidth = new Float64Array(nodeCount);
  fullWidth.set(width.subarray(0, realCount));
  const fullHeight = new Float64Array(nodeCount);
  fullHeight.set(height.subarray(0, realCount));
  const segmentCount = edgeCount + dummyCount;
  const segFrom = new Int32Array(segmentCount);
  const segTo = new Int32Array(segmentCount);
  const segmentWeight = new Float64Array(segmentCount);
  const chainStart = new Int32Array(edgeCount);
  const chainLength = new Int32Array(edgeCount);
  const chainTop = new Int32Array(dummyCount);
  const chainBottom = new Int32Array(dummyCount);
  let nextDummy = realCount;
  let s = 0;
  for (let e = 0; e < edgeCount; e++) {
    const span = rank[to[e]] - rank[from[e]];
    chainStart[e] = nextDummy;
    chainLength[e] = span - 1;
    let previous = from[e];
    for (let k = 1; k < span; k++) {
      const d = nextDummy++;
      fullRank[d] = rank[from[e]] + k;
      chainTop[d - realCount] = from[e];
      chainBottom[d - realCount] = to[e];
      segFrom[s] = previous;
      segTo[s] = d;
      segmentWeight[s++] = weight[e];
      previous = d;
    }
    segFrom[s] = previous;
    segTo[s] = to[e];
    segmentWeight[s++] = weight[e];
  }
  let rankCount = 0;
  for (let v = 0; v < nodeCount; v++) rankCount = Math.max(rankCount, fullRank[v] + 1);
  return {
    nodeCount,
    realCount,
    rankCount,
    rank: fullRank,
    width: fullWidth,
    height: fullHeight,
    down: buildCsr(nodeCount, segFrom, segTo),
    up: buildCsr(nodeCount, segTo, segFrom),
    segmentWeight,
    chainStart,
    chainLength,
    chainTop,
    chainBottom,
  };
}
