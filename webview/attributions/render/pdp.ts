/** Partial dependence: the average curve in bold over thin ICE curves, one per row. */
import { line } from 'd3';
import { formatNumber } from '../models/common';
import type { PdpView } from '../models/pdp';
import { cornerNote, interactive, type RenderOptions } from '../../common/charts/chart';
import { dots, xyChart } from '../../common/charts/xyChart';

interface GridPoint {
  index: number;
  x: number;
  y: number;
}

export function render(container: HTMLElement, view: PdpView, options: RenderOptions): SVGSVGElement {
  const title = `Partial dependence${view.centred ? ' (centred)' : ''}: ${view.feature} — ${view.className}`;
  const { chart, svg, margin, x, y } = xyChart(container, options, {
    kind: 'pdp',
    title,
    margin: { top: 28, right: 16, bottom: 40, left: 56 },
    axes: {
      x: view.xDomain,
      y: view.yDomain,
      niceX: false,
      xLabel: view.feature,
      yLabel: view.centred ? `f(x) − f(x at ${formatNumber(view.grid[0])})` : `f(x) ${view.className}`,
    },
  });
  const path = line<number>()
    .x((_, i) => x(view.grid[i]))
    .y((v) => y(v))
    .defined((v) => Number.isFinite(v));
  svg
    .append('g')
    .attr('class', 'ml-ice')
    .selectAll('path')
    .data(view.ice)
    .join('path')
    .attr('class', 'ice')
    .attr('data-row', (d) => d.row)
    .attr('d', (d) => path(d.values));
  svg.append('path').attr('class', 'average').attr('d', path(view.average));
  const points: GridPoint[] = view.grid.map((g, index) => ({ index, x: g, y: view.average[index] }));
  const marks = dots(
    svg,
    points,
    'point',
    { x, y },
    3,
    (d) => d.x,
    (d) => d.y,
  )
    .attr('data-index', (d) => d.index)
    .attr('data-value', (d) => d.y);
  cornerNote(svg, options, margin, `bold: average · thin: ${view.ice.length} ICE curves`);
  interactive(marks, chart, (d) => [`${view.feature} = ${formatNumber(d.x)}`, `average ${formatNumber(d.y)}`]);
  return svg.node() as SVGSVGElement;
}
