/** The surrogate tree drawn top-down: splits as boxes, leaves coloured by their predicted class, yes left. */
import type { TreeBox, TreeLayout } from '../models/rules';
import { chartTitle, clip, createChart, interactive, type RenderOptions } from '../../common/charts/chart';

export function renderTree(
  container: HTMLElement,
  layout: TreeLayout,
  options: RenderOptions,
  title: string,
): SVGSVGElement {
  const chart = createChart(container, 'tree', options, title);
  const { svg, palette } = chart;
  chartTitle(svg, title);
  const top = 36;
  const slot = Math.max(1, layout.leaves);
  const slotW = (options.width - 16) / slot;
  const levelH = (options.height - top - 8) / Math.max(1, layout.levels);
  const boxW = Math.min(170, slotW - 6);
  // A split may use the room over its leaves (a leaf only its own slot).
  const widthOf = (b: TreeBox) => Math.min(220, Math.max(boxW, slotW * b.span - 12));
  const boxH = Math.min(38, levelH - 14);
  const at = (b: TreeBox) => ({ cx: 8 + (b.x + 0.5) * slotW, cy: top + b.y * levelH + boxH / 2 });
  const byId = new Map(layout.boxes.map((b) => [b.id, b]));
  const links = svg.append('g');
  for (const l of layout.links) {
    const a = at(byId.get(l.from) as TreeBox);
    const b = at(byId.get(l.to) as TreeBox);
    links
      .append('path')
      .attr('class', 'ml-connector ml-tree-link')
      .attr('fill', 'none')
      .attr(
        'd',
        `M${a.cx},${a.cy + boxH / 2} C${a.cx},${(a.cy + b.cy) / 2} ${b.cx},${(a.cy + b.cy) / 2} ${b.cx},${b.cy - boxH / 2}`,
      );
    links
      .append('text')
      .attr('class', 'ml-note')
      .attr('x', (a.cx + b.cx) / 2 + (l.label === 'yes' ? -4 : 4))
      .attr('y', (a.cy + b.cy) / 2)
      .attr('text-anchor', l.label === 'yes' ? 'end' : 'start')
      .text(l.label);
  }
  // Characters that fit: the bold 12 px title is wider per character than the 11 px detail.
  const chars = (b: TreeBox, px = 7.4) => Math.max(4, Math.floor((widthOf(b) - 10) / px));
  const boxes = svg
    .append('g')
    .selectAll<SVGGElement, TreeBox>('g.node')
    .data(layout.boxes)
    .join('g')
    .attr('class', (b) => (b.leaf ? 'node leaf' : 'node split'))
    .attr('data-rows', (b) => b.rows)
    .attr('transform', (b) => {
      const { cx, cy } = at(b);
      return `translate(${cx - widthOf(b) / 2},${cy - boxH / 2})`;
    });
  boxes
    .append('rect')
    .attr('class', 'ml-tree-box')
    .attr('width', widthOf)
    .attr('height', boxH)
    .attr('rx', 3)
    .style('fill', (b) => (b.leaf && b.classIndex >= 0 ? palette.series[b.classIndex % palette.series.length] : 'none'))
    .style('fill-opacity', (b) => (b.leaf ? 0.22 : 0));
  boxes
    .append('text')
    .attr('class', 'ml-label ml-strong')
    .attr('x', (b) => widthOf(b) / 2)
    .attr('y', 14)
    .attr('text-anchor', 'middle')
    .text((b) => clip(b.title, chars(b)));
  boxes
    .append('text')
    .attr('class', 'ml-note')
    .attr('x', (b) => widthOf(b) / 2)
    .attr('y', 29)
    .attr('text-anchor', 'middle')
    .text((b) => clip(b.detail, chars(b, 6.4)));
  interactive(
    boxes,
    chart,
    (b) => [b.title, b.detail],
    undefined,
    (b) => b.depth,
  );
  return svg.node() as SVGSVGElement;
}
