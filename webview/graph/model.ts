/** Pure view model of the graph tab: search, expansion, fitting. No DOM; tested in Node. */
import type { GraphIndexEntry, GraphView } from '../../src/protocol/graphTypes';

/** Entries whose node name, op type or tensor names contain the query (case-insensitive), in model order. */
export function searchGraph(index: readonly GraphIndexEntry[], query: string): GraphIndexEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return index.filter(
    (e) =>
      e.name.toLowerCase().includes(q) ||
      e.op.toLowerCase().includes(q) ||
      e.tensors.some((t) => t.toLowerCase().includes(q)),
  );
}

/** The next match index, wrapping around, `step` = +1 or -1. */
export function stepMatch(current: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  return (((current + step) % count) + count) % count;
}

/** Expanded groups after toggling one; collapsing a group also collapses the groups inside it. */
export function toggleGroup(expanded: readonly string[], id: string): string[] {
  if (!expanded.includes(id)) return [...expanded, id];
  return expanded.filter((g) => g !== id && !g.startsWith(`${id}/`));
}

/** Expanded groups with a node's ancestors opened, so the node shows. */
export function revealNode(expanded: readonly string[], entry: GraphIndexEntry): string[] {
  return [...new Set([...expanded, ...entry.ancestors])];
}

/** Scale and offset that fit the whole view in a viewport, never enlarging past 1.5x. */
export function fitTransform(
  view: Pick<GraphView, 'width' | 'height'>,
  width: number,
  height: number,
  margin = 24,
): { k: number; x: number; y: number } {
  const w = Math.max(1, view.width);
  const h = Math.max(1, view.height);
  const k = Math.min(1.5, (width - 2 * margin) / w, (height - 2 * margin) / h);
  return { k, x: (width - w * k) / 2, y: (height - h * k) / 2 };
}

/** Centres the view on a point at a readable scale. */
export function focusTransform(
  x: number,
  y: number,
  width: number,
  height: number,
  k = 1,
): { k: number; x: number; y: number } {
  return { k, x: width / 2 - x * k, y: height / 2 - y * k };
}
