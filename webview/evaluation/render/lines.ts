/** ROC, precision-recall and calibration curves on the unit square, one line per class, the reference dashed. */
import { axisBottom, axisLeft, curveLinear, curveStepBefore, line, scaleLinear } from 'd3';
import type { LineChartView, LinePoint, LineSeries } from '../models/curves';
import { axisLabel, chartTitle, clip, createChart, interactive, type RenderOptions } from '../../common/charts/chart';

export function renderLines(container: HTMLElement, view: LineChartView, options: RenderOptions): SVGSVGElement {
  const chart = createChart(container, 'lines', options, view.title);
  const { svg, palette } = chart;
  chartTitle(svg, view.title);
  const legendRows = view.series.length;
  const margin = { top: 28, right: 14, bottom: 44 + 16 * legendRows, left: 52 };
  const x = scaleLinear()
    .domain([0, 1])
    .range([margin.left, options.width - margin.right]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([options.height - margin.bottom, margin.top]);
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', `translate(0,${y(0)})`)
    .call(axisBottom(x).ticks(5));
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', `translate(${x(0)},0)`)
    .call(axisLeft(y).ticks(5));
  axisLabel(svg, { ...options, height: y(0) + 36 }, { ...margin, bottom: 0 }, 'x', view.xLabel);
  svg
    .append('text')
    .attr('class', 'ml-axis-label')
    .attr('text-anchor', 'middle')
    .attr('transform', `translate(14,${(margin.top + y(0)) / 2}) rotate(-90)`)
    .text(view.yLabel);
  const straight = line<LinePoint>()
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  if (view.reference)
    svg.append('path').attr('class', 'ml-reference').attr('fill', 'none').attr('d', straight(view.reference));
  const colour = (s: LineSeries) => palette.series[s.colour % palette.series.length];
  const series = svg
    .append('g')
    .selectAll<SVGGElement, LineSeries>('g.series')
    .data(view.series)
    .join('g')
    .attr('class', 'series')
    .attr('data-class', (s) => s.name);
  // Precision P_n holds over (R_{n-1}, R_n]: steps that rise before they run, whose area is the average precision.
  const stepPath = line<LinePoint>()
    .x((p) => x(p.x))
    .y((p) => y(p.y))
    .curve(view.step ? curveStepBefore : curveLinear);
  series
    .append('path')
    .attr('class', 'ml-curve')
    .attr('fill', 'none')
    .style('stroke', colour)
    .attr('d', (s) => stepPath(s.points));
  if (view.kind === 'calibration') {
    const dots = series
      .selectAll<SVGCircleElement, LinePoint & { s: LineSeries }>('circle')
      .data((s) => s.points.map((p) => ({ ...p, s })))
      .join('circle')
      .attr('class', 'point ml-calibration-point')
      .attr('cx', (p) => x(p.x))
      .attr('cy', (p) => y(p.y))
      .attr('r', 3.5)
      .style('fill', (p) => colour(p.s));
    interactive(dots, chart, (p) => [p.s.name, `predicted ${p.x.toFixed(3)}, observed ${p.y.toFixed(3)}`]);
  }
  const legend = svg
    .append('g')
    .attr('class', 'ml-legend')
    .attr('transform', `translate(${margin.left},${y(0) + 44})`)
    .selectAll<SVGGElement, LineSeries>('g')
    .data(view.series)
    .join('g')
    .attr('transform', (_, i) => `translate(0,${i * 16})`);
  legend.append('line').attr('x2', 18).attr('y1', -4).attr('y2', -4).attr('class', 'ml-curve').style('stroke', colour);
  legend
    .append('text')
    .attr('x', 24)
    .text((s) => clip(s.label, Math.floor((options.width - margin.left - 30) / 6.4)));
  return svg.node() as SVGSVGElement;
}
