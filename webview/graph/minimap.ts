/** d3 renderer of the graph's minimap: every node as a bare rect, the viewport as a rect; press or drag to pan. */
import { select } from 'd3';
import type { GraphView, GraphViewNode } from '../../src/protocol/graphTypes';
import { clipRect, fitTransform, minimapSize, viewportInGraph, type Rect } from './model';

export interface Minimap {
  /** Moves the viewport rect only; the node rects stay as drawn. */
  update(t: { k: number; x: number; y: number }, viewportWidth: number, viewportHeight: number): void;
  highlight(ids: ReadonlySet<string>, selected?: string): void;
}

/** `bounds` is the box around everything drawn (`viewBounds`); `onPan` receives the layout point to centre on. */
export function renderMinimap(
  container: HTMLElement,
  view: GraphView,
  bounds: Rect,
  onPan: (x: number, y: number) => void,
): Minimap {
  select(container).select('#graph-minimap').remove();
  const size = minimapSize(bounds);
  const m = fitTransform(bounds, size.width, size.height, 4);
  const svg = select(container)
    .append('svg')
    .attr('id', 'graph-minimap')
    .attr('class', 'graph-minimap')
    .attr('width', size.width)
    .attr('height', size.height)
    .attr('role', 'img')
    .attr('aria-label', 'Overview of the graph; press or drag to move the view');
  const g = svg.append('g').attr('transform', `translate(${m.x},${m.y}) scale(${m.k})`);
  // No labels, strokes or groups per node: one bare rect each keeps 5,000+ nodes cheap.
  const rects = g
    .append('g')
    .selectAll<SVGRectElement, GraphViewNode>('rect')
    .data(view.nodes)
    .join('rect')
    .attr('class', (n) => (n.expandable ? 'minimap-node minimap-group' : 'minimap-node'))
    .attr('x', (n) => n.x - n.width / 2)
    .attr('y', (n) => n.y - n.height / 2)
    .attr('width', (n) => n.width)
    .attr('height', (n) => n.height);
  const port = g.append('rect').attr('class', 'minimap-viewport').attr('vector-effect', 'non-scaling-stroke');
  const shown = { x: -m.x / m.k, y: -m.y / m.k, width: size.width / m.k, height: size.height / m.k };

  const svgEl = svg.node() as SVGSVGElement;
  let dragging = false;
  const gEl = g.node() as SVGGElement;
  // The screen matrix accounts for the border and the scale, so a press maps to the exact layout point.
  const pan = (e: PointerEvent) => {
    const ctm = gEl.getScreenCTM();
    if (!ctm) return;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    onPan(p.x, p.y);
  };
  svg
    .on('pointerdown', (e: PointerEvent) => {
      e.preventDefault();
      e.stopPropagation();
      dragging = true;
      svgEl.setPointerCapture(e.pointerId);
      pan(e);
    })
    .on('pointermove', (e: PointerEvent) => {
      if (dragging) pan(e);
    })
    .on('pointerup pointercancel', () => {
      dragging = false;
    });

  return {
    update(t, w, h) {
      const r = clipRect(viewportInGraph(t, w, h), shown);
      port.attr('x', r.x).attr('y', r.y).attr('width', r.width).attr('height', r.height);
    },
    highlight(ids, selected) {
      rects.classed('minimap-match', (n) => ids.has(n.id)).classed('minimap-selected', (n) => n.id === selected);
    },
  };
}
