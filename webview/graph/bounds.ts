/** Where edge labels go, the box around everything drawn, and the first view of a graph. Pure; tested in Node. */
import type { GraphView, GraphViewEdge, GraphViewNode } from '../../src/protocol/graphTypes';
import { fitTransform, type Rect } from './model';

/** Width of one character of a 10 px monospace edge label (0.6 em), rounded up so a label never clips. */
export const LABEL_CHAR_WIDTH = 6.4;
/** A 10 px label rises about 8 px above its baseline and descends about 3. */
const LABEL_ASCENT = 9;
const LABEL_DESCENT = 3;

export interface EdgeLabel {
  x: number;
  /** Baseline. */
  y: number;
  text: string;
}

/** The shape label drawn beside an edge's middle, or undefined for an edge without a known shape. */
export function edgeLabel(e: Pick<GraphViewEdge, 'points' | 'shape' | 'count'>): EdgeLabel | undefined {
  if (e.shape === '' || e.points.length < 2) return undefined;
  return {
    x: e.points[Math.floor(e.points.length / 2)].x + 4,
    y: (e.points[0].y + e.points[e.points.length - 1].y) / 2,
    text: e.count > 1 ? `${e.shape} ×${e.count}` : e.shape,
  };
}

/**
 * The layout box grown to hold every node, frame, edge route and edge label, in whole layout units:
 * what the SVG export's viewBox, fit-to-window and the minimap frame.
 */
export function viewBounds(
  view: Pick<GraphView, 'width' | 'height' | 'nodes' | 'edges' | 'frames'>,
  charWidth = LABEL_CHAR_WIDTH,
): Rect {
  let [x0, y0, x1, y1] = [0, 0, Math.max(0, view.width), Math.max(0, view.height)];
  const add = (l: number, t: number, r: number, b: number) => {
    x0 = Math.min(x0, l);
    y0 = Math.min(y0, t);
    x1 = Math.max(x1, r);
    y1 = Math.max(y1, b);
  };
  for (const n of view.nodes) add(n.x - n.width / 2, n.y - n.height / 2, n.x + n.width / 2, n.y + n.height / 2);
  for (const f of view.frames) add(f.x, f.y, f.x + f.width, f.y + f.height);
  for (const e of view.edges) {
    for (const p of e.points) add(p.x, p.y, p.x, p.y);
    const label = edgeLabel(e);
    if (label) add(label.x, label.y - LABEL_ASCENT, label.x + label.text.length * charWidth, label.y + LABEL_DESCENT);
  }
  const left = Math.floor(x0);
  const top = Math.floor(y0);
  return { x: left, y: top, width: Math.ceil(x1) - left, height: Math.ceil(y1) - top };
}

/** Where a reader starts: the first graph input drawn, else the topmost node (leftmost on ties). */
function startNode(nodes: readonly Pick<GraphViewNode, 'x' | 'y' | 'category'>[]): { x: number } | undefined {
  const input = nodes.find((n) => n.category === 'input');
  if (input) return input;
  let top: (typeof nodes)[number] | undefined;
  for (const n of nodes) if (!top || n.y < top.y || (n.y === top.y && n.x < top.x)) top = n;
  return top;
}

/**
 * The first view of a graph: the whole graph when that is readable (scale >= `minScale`); otherwise the
 * larger of the width-fitting scale and `minScale` (never past 1), top of the graph at the margin,
 * centred horizontally when it fits, else on the first graph input without blank beyond either side.
 */
export function initialTransform(
  view: Pick<GraphView, 'nodes'>,
  bounds: Rect,
  width: number,
  height: number,
  minScale = 0.35,
  margin = 24,
): { k: number; x: number; y: number } {
  const whole = fitTransform(bounds, width, height, margin);
  if (whole.k >= minScale) return whole;
  const bw = Math.max(1, bounds.width);
  const k = Math.min(1, Math.max(minScale, (width - 2 * margin) / bw));
  const y = margin - bounds.y * k;
  const span = bw * k;
  if (span <= width - 2 * margin) return { k, x: (width - span) / 2 - bounds.x * k, y };
  const anchor = startNode(view.nodes)?.x ?? bounds.x + bw / 2;
  const leftmost = width - margin - (bounds.x + bw) * k; // the graph's right edge at the right margin
  const rightmost = margin - bounds.x * k; // its left edge at the left margin
  return { k, x: Math.min(rightmost, Math.max(leftmost, width / 2 - anchor * k)), y };
}
