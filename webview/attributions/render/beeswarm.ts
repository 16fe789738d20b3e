/** Beeswarm: lanes of dots by feature importance, x = attribution, colour = feature value (low blue .. high red). */
import { axisBottom, scaleLinear } from 'd3';
import { formatSigned } from '../models/common';
import type { BeeswarmDot, BeeswarmView } from '../models/beeswarm';
import {
  axisLabel,
  clip,
  labelChars,
  colourLegend,
  interactive,
  valueColour,
  type RenderOptions,
} from '../../common/charts/chart';
import { labelledChart } from '../../common/charts/rowsChart';
import { zeroLine } from '../../common/charts/marks';

export function render(container: HTMLElement, view: BeeswarmView, options: RenderOptions): SVGSVGElement {
  const title = `Attributions per row — ${view.className}`;
  const { chart, svg, margin } = labelledChart(container, options, {
    kind: 'beeswarm',
    title,
    labels: view.lanes.map((l) => l.feature),
    labelShare: 0.4,
    margin: { top: 28, right: 64, bottom: 38 },
  });
  const x = scaleLinear()
    .domain(view.xDomain)
    .nice()
    .range([margin.left, options.width - margin.right]);
  const laneHeight = (options.height - margin.top - margin.bottom) / Math.max(1, view.lanes.length);
  const laneY = (lane: number) => margin.top + (lane + 0.5) * laneHeight;
  const radius = Math.max(1.5, Math.min(3.5, laneHeight / 6));
  const chars = labelChars(margin.left);
  const lanes = svg.append('g').attr('class', 'ml-lanes');
  view.lanes.forEach((lane, i) => {
    lanes
      .append('line')
      .attr('class', 'ml-lane')
      .attr('x1', margin.left)
      .attr('x2', options.width - margin.right)
      .attr('y1', laneY(i))
      .attr('y2', laneY(i));
    lanes
      .append('text')
      .attr('class', 'ml-label')
      .attr('x', margin.left - 6)
      .attr('y', laneY(i))
      .attr('dy', '0.35em')
      .attr('text-anchor', 'end')
      .text(clip(lane.feature, chars));
  });
  zeroLine(svg, x, margin, options);
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', `translate(0,${options.height - margin.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor((options.width - margin.left) / 80))));
  axisLabel(svg, options, margin, 'x', 'attribution (impact on model output)');
  const colour = valueColour(chart.palette);
  const spread = Math.max(0, laneHeight / 2 - radius);
  // Dots go lane by lane, left to right, so arrow keys step along a lane and jump between lanes.
  const ordered = [...view.dots].sort((a, b) => a.lane - b.lane || a.value - b.value || a.row - b.row);
  const dots = svg
    .append('g')
    .selectAll<SVGCircleElement, BeeswarmDot>('circle')
    .data(ordered)
    .join('circle')
    .attr('class', (d) => (d.colour === null ? 'dot missing' : 'dot'))
    .attr('data-row', (d) => d.row)
    .attr('data-feature', (d) => d.feature)
    .attr('data-feature-index', (d) => d.featureIndex)
    .attr('data-value', (d) => d.value)
    .attr('cx', (d) => x(d.value))
    .attr('cy', (d) => laneY(d.lane) + d.offset * spread)
    .attr('r', radius)
    .style('fill', (d) => colour(d.colour));
  colourLegend(
    chart,
    options.width - margin.right + 14,
    margin.top + 4,
    Math.min(120, options.height - margin.top - margin.bottom - 8),
    'Feature value',
  );
  interactive(
    dots,
    chart,
    (d) => [
      `${d.feature}${d.featureValueText ? ` = ${d.featureValueText}` : ''}`,
      `attribution ${formatSigned(d.value)}`,
      `row ${d.dataRow}`,
    ],
    options.onSelectRow ? (d) => options.onSelectRow?.(d.row) : undefined,
    (d) => d.lane,
  );
  return svg.node() as SVGSVGElement;
}
