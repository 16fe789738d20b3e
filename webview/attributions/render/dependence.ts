/** Dependence scatter: feature value vs its attribution, coloured by the most interacting feature. */
import { formatSigned } from '../models/common';
import type { DependencePoint, DependenceView } from '../models/dependence';
import { colourLegend, interactive, valueColour, type RenderOptions } from '../../common/charts/chart';
import { dots as circles, xyChart } from '../../common/charts/xyChart';

export function render(container: HTMLElement, view: DependenceView, options: RenderOptions): SVGSVGElement {
  const title = `Dependence: ${view.feature} — ${view.className}`;
  const { chart, svg, margin, x, y } = xyChart(container, options, {
    kind: 'dependence',
    title,
    margin: { top: 28, right: view.interaction ? 64 : 16, bottom: 40, left: 56 },
    axes: { x: view.xDomain, y: view.yDomain, xLabel: view.feature, yLabel: `attribution of ${view.feature}` },
  });
  if (y.domain()[0] < 0 && y.domain()[1] > 0)
    svg
      .append('line')
      .attr('class', 'ml-zero')
      .attr('x1', margin.left)
      .attr('x2', options.width - margin.right)
      .attr('y1', y(0))
      .attr('y2', y(0));
  const colour = valueColour(chart.palette);
  const ordered = view.points
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .sort((a, b) => a.x - b.x || a.row - b.row);
  const dots = circles<DependencePoint>(
    svg,
    ordered,
    'dot',
    { x, y },
    3.5,
    (d) => d.x,
    (d) => d.y,
  )
    .attr('data-row', (d) => d.row)
    .attr('data-feature', view.feature)
    .attr('data-value', (d) => d.y)
    .attr('data-x', (d) => d.x)
    .style('fill', (d) => (view.interaction ? colour(d.colour) : chart.palette.negative));
  if (view.interaction)
    colourLegend(
      chart,
      options.width - margin.right + 14,
      margin.top + 4,
      Math.min(120, options.height - margin.top - margin.bottom - 8),
      view.interaction.feature,
    );
  interactive(
    dots,
    chart,
    (d) => [
      `${view.feature} = ${d.xText}`,
      `attribution ${formatSigned(d.y)}`,
      ...(view.interaction ? [`${view.interaction.feature} = ${d.colourText}`] : []),
      `row ${d.dataRow}`,
    ],
    options.onSelectRow ? (d) => options.onSelectRow?.(d.row) : undefined,
  );
  return svg.node() as SVGSVGElement;
}
