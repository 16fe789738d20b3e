/** Dependence scatter: feature value vs its attribution, coloured by the most interacting feature. */
import { axisBottom, axisLeft, scaleLinear } from 'd3';
import { formatSigned } from '../models/common';
import type { DependencePoint, DependenceView } from '../models/dependence';
import {
  axisLabel,
  chartTitle,
  colourLegend,
  createChart,
  interactive,
  valueColour,
  type RenderOptions,
} from './common';

export function render(container: HTMLElement, view: DependenceView, options: RenderOptions): SVGSVGElement {
  const title = `Dependence: ${view.feature} — ${view.className}`;
  const chart = createChart(container, 'dependence', options, title);
  const { svg } = chart;
  chartTitle(svg, title);
  const margin = { top: 28, right: view.interaction ? 64 : 16, bottom: 40, left: 56 };
  const x = scaleLinear()
    .domain(view.xDomain)
    .nice()
    .range([margin.left, options.width - margin.right]);
  const y = scaleLinear()
    .domain(view.yDomain)
    .nice()
    .range([options.height - margin.bottom, margin.top]);
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', `translate(0,${options.height - margin.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(options.width / 90))));
  svg.append('g').attr('class', 'ml-axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(6));
  if (y.domain()[0] < 0 && y.domain()[1] > 0)
    svg
      .append('line')
      .attr('class', 'ml-zero')
      .attr('x1', margin.left)
      .attr('x2', options.width - margin.right)
      .attr('y1', y(0))
      .attr('y2', y(0));
  axisLabel(svg, options, margin, 'x', view.feature);
  axisLabel(svg, options, margin, 'y', `attribution of ${view.feature}`);
  const colour = valueColour(chart.palette);
  const ordered = view.points
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
    .sort((a, b) => a.x - b.x || a.row - b.row);
  const dots = svg
    .append('g')
    .selectAll<SVGCircleElement, DependencePoint>('circle')
    .data(ordered)
    .join('circle')
    .attr('class', 'dot')
    .attr('data-row', (d) => d.row)
    .attr('data-feature', view.feature)
    .attr('data-value', (d) => d.y)
    .attr('data-x', (d) => d.x)
    .attr('cx', (d) => x(d.x))
    .attr('cy', (d) => y(d.y))
    .attr('r', 3.5)
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
