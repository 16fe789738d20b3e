/** Input and output of the layered graph layout (engine side; the protocol's GraphView is built from these). */
import type { CancelToken } from '../../protocol/cancel';

export type { CancelToken };

export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdgeInput {
  id?: string;
  source: string;
  target: string;
}

export interface LayoutInput {
  nodes: readonly LayoutNodeInput[];
  edges: readonly LayoutEdgeInput[];
}

export interface LayoutOptions {
  /** Horizontal gap between two nodes on the same rank. */
  nodeSeparation?: number;
  /** Vertical gap between two ranks. */
  rankSeparation?: number;
  /** Horizontal gap between two edges routed through the same rank. */
  edgeSeparation?: number;
  /** Upper bound on crossing-reduction sweeps (each sweep is one pass down or up). */
  maxOrderingSweeps?: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A node placed by the layout: (x, y) is its centre. */
export interface LaidOutNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  rank: number;
}

export interface LaidOutEdge {
  id: string;
  source: string;
  target: string;
  /** First point at the source, last at the target, one point per rank crossed in between. */
  points: Point[];
  /** True when the edge was turned around to break a cycle (it then points upwards). */
  reversed: boolean;
}

export interface GraphLayout {
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  width: number;
  height: number;
  rankCount: number;
  /** Edge crossings between adjacent ranks after ordering (weighted by parallel edges). */
  crossings: number;
}

export { CancelledError, NEVER_CANCELLED, throwIfCancelled } from '../../protocol/cancel';
