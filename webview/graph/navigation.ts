/** Which node an arrow key selects next in the graph tab, and how to pan it into sight. Pure; tested in Node. */
import type { GraphViewEdge, GraphViewNode } from '../../src/protocol/graphTypes';

export type ArrowKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';
export type NodeBox = Pick<GraphViewNode, 'id' | 'x' | 'y' | 'width' | 'height'>;
export type Link = Pick<GraphViewEdge, 'source' | 'target'>;

const ARROWS: ReadonlySet<string> = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

export function isArrowKey(key: string): key is ArrowKey {
  return ARROWS.has(key);
}

/** One layer row: centres closer than half the shorter node (nodes of a rank share a centre line). */
export function sameRow(a: NodeBox, b: NodeBox): boolean {
  return Math.abs(a.y - b.y) < Math.min(a.height, b.height) / 2;
}

/** The candidate on the row nearest to `from`, then nearest horizontally; the first such in order on ties. */
function nearestRowThenColumn(candidates: readonly NodeBox[], from: NodeBox): NodeBox | undefined {
  let rowPick: NodeBox | undefined;
  for (const c of candidates) if (!rowPick || Math.abs(c.y - from.y) < Math.abs(rowPick.y - from.y)) rowPick = c;
  if (!rowPick) return undefined;
  const row = rowPick;
  let best: NodeBox | undefined;
  for (const c of candidates) {
    if (sameRow(c, row) && (!best || Math.abs(c.x - from.x) < Math.abs(best.x - from.x))) best = c;
  }
  return best;
}

/** The top row's leftmost node: where the keys start when nothing is selected. */
export function firstNode(nodes: readonly NodeBox[]): NodeBox | undefined {
  let top: NodeBox | undefined;
  for (const n of nodes) if (!top || n.y < top.y) top = n;
  if (!top) return undefined;
  const row = top;
  let left: NodeBox | undefined;
  for (const n of nodes) if (sameRow(n, row) && (!left || n.x < left.x)) left = n;
  return left;
}

/** Beyond `from` in one vertical direction, on another row. */
function beyond(from: NodeBox, n: NodeBox, down: boolean): boolean {
  return n.id !== from.id && !sameRow(from, n) && (down ? n.y > from.y : n.y < from.y);
}

/**
 * The node `key` moves the selection to, or undefined to stay. Down/Up follow edges to a successor below
 * or a predecessor above (nearest row, then nearest column), else the nearest node below/above;
 * Left/Right take the nearest node on the same row. With nothing (or a vanished node) selected: the first node.
 */
export function nextNode(
  nodes: readonly NodeBox[],
  edges: readonly Link[],
  current: string | undefined,
  key: ArrowKey,
): string | undefined {
  const from = current === undefined ? undefined : nodes.find((n) => n.id === current);
  if (!from) return firstNode(nodes)?.id;
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const right = key === 'ArrowRight';
    const side = nodes.filter((n) => n.id !== from.id && sameRow(from, n) && (right ? n.x > from.x : n.x < from.x));
    return nearestRowThenColumn(side, from)?.id;
  }
  const down = key === 'ArrowDown';
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const linked: NodeBox[] = [];
  for (const e of edges) {
    const other = down ? (e.source === from.id ? e.target : undefined) : e.target === from.id ? e.source : undefined;
    const n = other === undefined ? undefined : byId.get(other);
    if (n && beyond(from, n, down)) linked.push(n);
  }
  const pick =
    nearestRowThenColumn(linked, from) ??
    nearestRowThenColumn(
      nodes.filter((n) => beyond(from, n, down)),
      from,
    );
  return pick?.id;
}

/**
 * The zoom transform after the least pan that brings `node` inside the viewport with `margin` to spare
 * (centred on an axis where it cannot fit); `t` itself when it is already in sight.
 */
export function panIntoView(
  t: { k: number; x: number; y: number },
  node: NodeBox,
  width: number,
  height: number,
  margin = 24,
): { k: number; x: number; y: number } {
  const shift = (centre: number, size: number, offset: number, span: number): number => {
    const lo = (centre - size / 2) * t.k + offset;
    const hi = (centre + size / 2) * t.k + offset;
    if (hi - lo > span - 2 * margin) return span / 2 - (lo + hi) / 2;
    if (lo < margin) return margin - lo;
    if (hi > span - margin) return span - margin - hi;
    return 0;
  };
  const dx = shift(node.x, node.width, t.x, width);
  const dy = shift(node.y, node.height, t.y, height);
  return dx === 0 && dy === 0 ? t : { k: t.k, x: t.x + dx, y: t.y + dy };
}
