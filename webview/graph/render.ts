/** d3 renderer of the graph tab: nodes, edges with shapes, frames of open groups, zoom and pan. */
import {
  curveBasis,
  line,
  select,
  zoom,
  zoomIdentity,
  zoomTransform,
  type Selection,
  type ZoomBehavior,
  type ZoomTransform,
} from 'd3';
import type { GraphView, GraphViewNode } from '../../src/protocol/graphTypes';
import { edgeLabel, type EdgeLabel } from './bounds';

export interface GraphHandlers {
  onToggle(id: string): void;
  onSelect(id: string): void;
  /** Every zoom or pan, with the new transform (the minimap follows it). */
  onZoom(t: { k: number; x: number; y: number }): void;
}

export interface GraphCanvas {
  svg: Selection<SVGSVGElement, unknown, null, undefined>;
  zoomTo(t: { k: number; x: number; y: number }): void;
  transform(): { k: number; x: number; y: number };
  highlight(ids: ReadonlySet<string>, selected?: string): void;
  /** Colours items by their share of the profiled time (0..1 heat, with the share for the tooltip); none clears it. */
  timeOverlay(heat?: ReadonlyMap<string, number>, shares?: ReadonlyMap<string, number>): void;
}

const edgeLine = line<{ x: number; y: number }>()
  .x((p) => p.x)
  .y((p) => p.y)
  .curve(curveBasis);

export function renderGraph(container: HTMLElement, view: GraphView, handlers: GraphHandlers): GraphCanvas {
  select(container).selectAll('*').remove();
  // Not focusable itself: the canvas around it takes the keys and outlives re-renders.
  const svg = select(container).append('svg').attr('id', 'graph-svg').attr('role', 'img');
  svg.attr('aria-label', `Model graph: ${view.nodes.length} items of ${view.totalNodes} nodes`);
  const defs = svg.append('defs');
  defs
    .append('marker')
    .attr('id', 'graph-arrow')
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 9)
    .attr('refY', 5)
    .attr('markerWidth', 7)
    .attr('markerHeight', 7)
    .attr('orient', 'auto')
    .append('path')
    .attr('class', 'graph-arrow')
    .attr('d', 'M0,0 L10,5 L0,10 z');
  const root = svg.append('g').attr('class', 'graph-root');

  root
    .append('g')
    .selectAll('rect')
    .data(view.frames)
    .join('rect')
    .attr('class', 'graph-frame')
    .attr('data-id', (f) => f.id)
    .attr('x', (f) => f.x)
    .attr('y', (f) => f.y)
    .attr('width', (f) => f.width)
    .attr('height', (f) => f.height)
    .attr('rx', 6);

  const edges = root.append('g').selectAll('g').data(view.edges).join('g').attr('class', 'graph-edge');
  edges
    .append('path')
    .attr('d', (e) => edgeLine(e.points) ?? '')
    .attr('marker-end', 'url(#graph-arrow)');
  // The same placement `viewBounds` measures, so the export and fit include every label.
  edges
    .filter((e) => edgeLabel(e) !== undefined)
    .append('text')
    .attr('class', 'graph-edge-label')
    .datum((e) => edgeLabel(e) as EdgeLabel)
    .attr('x', (l) => l.x)
    .attr('y', (l) => l.y)
    .text((l) => l.text);

  const nodes = root
    .append('g')
    .selectAll<SVGGElement, GraphViewNode>('g')
    .data(view.nodes)
    .join('g')
    .attr('class', (n) => `graph-node cat-${n.category}${n.expandable ? ' graph-group' : ''}`)
    .attr('data-id', (n) => n.id)
    .attr('transform', (n) => `translate(${n.x - n.width / 2}, ${n.y - n.height / 2})`)
    .on('click', (_e, n) => (n.expandable ? handlers.onToggle(n.id) : handlers.onSelect(n.id)));
  nodes
    .append('rect')
    .attr('width', (n) => n.width)
    .attr('height', (n) => n.height)
    .attr('rx', (n) => (n.category === 'input' || n.category === 'output' ? n.height / 2 : 4));
  nodes
    .append('text')
    .attr('class', 'graph-node-label')
    .attr('x', (n) => n.width / 2)
    .attr('y', (n) => (n.detail ? 17 : n.height / 2 + 4))
    .text((n) => (n.expandable ? `+ ${n.label}` : n.label));
  nodes
    .filter((n) => n.detail !== '')
    .append('text')
    .attr('class', 'graph-node-detail')
    .attr('x', (n) => n.width / 2)
    .attr('y', 34)
    .text((n) => n.detail);

  // Frame titles go on top, so a click on "− name" always reaches them.
  root
    .append('g')
    .selectAll('text')
    .data(view.frames)
    .join('text')
    .attr('class', 'graph-frame-label')
    .attr('data-id', (f) => f.id)
    .attr('x', (f) => f.x + 8)
    .attr('y', (f) => f.y + 13)
    .text((f) => `− ${f.label}`)
    .on('click', (_e, f) => handlers.onToggle(f.id));

  const behaviour: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.02, 4])
    .on('zoom', (e: { transform: ZoomTransform }) => {
      root.attr('transform', e.transform.toString());
      handlers.onZoom(e.transform);
    });
  svg.call(behaviour).on('dblclick.zoom', null);
  return {
    svg,
    zoomTo: (t) => svg.call(behaviour.transform, zoomIdentity.translate(t.x, t.y).scale(t.k)),
    transform: () => {
      const { k, x, y } = zoomTransform(svg.node() as SVGSVGElement);
      return { k, x, y };
    },
    highlight: (ids, selected) =>
      nodes.classed('graph-match', (n) => ids.has(n.id)).classed('graph-selected', (n) => n.id === selected),
    timeOverlay: (heat, shares) => {
      nodes.selectAll('.graph-time').remove();
      nodes.classed('graph-timed', (n) => heat?.has(n.id) ?? false);
      if (!heat) return;
      // A translucent layer over the node's own colour, stronger for a larger share; the label stays on top.
      const timed = nodes.filter((n) => heat.has(n.id));
      timed
        .insert('rect', 'text')
        .attr('class', 'graph-time')
        .attr('width', (n) => n.width)
        .attr('height', (n) => n.height)
        .attr('rx', 4)
        .style('fill-opacity', (n) => 0.1 + 0.75 * (heat.get(n.id) ?? 0));
      timed
        .append('title')
        .attr('class', 'graph-time')
        .text((n) => `${(100 * (shares?.get(n.id) ?? 0)).toFixed(1)}% of the profiled time`);
      timed.attr('data-time-share', (n) => (shares?.get(n.id) ?? 0).toFixed(4));
    },
  };
}
