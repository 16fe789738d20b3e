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

/** Scale and offset that fit a box (the layout from the origin, or `viewBounds`) in a viewport, never enlarging past 1.5x. */
export function fitTransform(
  box: { x?: number; y?: number; width: number; height: number },
  width: number,
  height: number,
  margin = 24,
): { k: number; x: number; y: number } {
  const w = Math.max(1, box.width);
  const h = Math.max(1, box.height);
  const k = Math.min(1.5, (width - 2 * margin) / w, (height - 2 * margin) / h);
  return { k, x: (width - w * k) / 2 - (box.x ?? 0) * k, y: (height - h * k) / 2 - (box.y ?? 0) * k };
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

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of the layout a viewport of `width` x `height` pixels shows under zoom transform `t`. */
export function viewportInGraph(t: { k: number; x: number; y: number }, width: number, height: number): Rect {
  return { x: -t.x / t.k, y: -t.y / t.k, width: width / t.k, height: height / t.k };
}

/** The overlap of two rectangles; zero width or height when they do not meet. */
export function clipRect(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x);
  const height = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y);
  return { x, y, width, height };
}

/** Pixel size of the minimap: the layout's aspect within max x max, never thinner than `min`. */
export function minimapSize(
  view: Pick<GraphView, 'width' | 'height'>,
  max = { width: 200, height: 150 },
  min = 48,
): { width: number; height: number } {
  const w = Math.max(1, view.width);
  const h = Math.max(1, view.height);
  const k = Math.min(max.width / w, max.height / h);
  return { width: Math.max(min, Math.round(w * k)), height: Math.max(min, Math.round(h * k)) };
}

/** Pixels per layout unit for a PNG: `ratio`, lowered so no side and no pixel count passes canvas limits. */
export function rasterScale(width: number, height: number, ratio = 2, maxSide = 16384, maxPixels = 1 << 25): number {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  return Math.min(ratio, maxSide / w, maxSide / h, Math.sqrt(maxPixels / (w * h)));
}
