/** Per-class precision, recall and F1 as grouped bars on [0, 1]. */
import { axisBottom, scaleBand, scaleLinear } from 'd3';
import type { ClassBars } from '../models/classification';
import { clip, labelChars, interactive, type RenderOptions } from '../../common/charts/chart';
import { labelledChart } from '../../common/charts/rowsChart';

interface BarDatum {
  class: string;
  classIndex: number;
  metric: string;
  m: number;
  value: number;
}

export function renderClassBars(container: HTMLElement, view: ClassBars, options: RenderOptions): SVGSVGElement {
  const title = 'Precision, recall and F1 per class';
  const { chart, svg, margin } = labelledChart(container, options, {
    kind: 'class-bars',
    title,
    labels: view.groups.map((g) => g.class),
    labelShare: 0.35,
    margin: { top: 44, right: 16, bottom: 36 },
  });
  const { palette } = chart;
  const x = scaleLinear()
    .domain([0, 1])
    .range([margin.left, options.width - margin.right]);
  const y = scaleBand<number>()
    .domain(view.groups.map((g) => g.classIndex))
    .range([margin.top, options.height - margin.bottom])
    .padding(0.2);
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', `translate(0,${options.height - margin.bottom})`)
    .call(axisBottom(x).ticks(5));
  const legend = svg
    .append('g')
    .attr('class', 'ml-legend')
    .selectAll('g')
    .data(view.metrics)
    .join('g')
    .attr('transform', (_, i) => `translate(${margin.left + i * 90},30)`);
  legend
    .append('rect')
    .attr('width', 10)
    .attr('height', 10)
    .attr('y', -9)
    .style('fill', (_, i) => palette.series[i]);
  legend
    .append('text')
    .attr('x', 14)
    .text((m) => m);
  const band = y.bandwidth() / view.metrics.length;
  const chars = labelChars(margin.left);
  svg
    .append('g')
    .selectAll('text')
    .data(view.groups)
    .join('text')
    .attr('class', 'ml-label')
    .attr('x', margin.left - 6)
    .attr('y', (g) => (y(g.classIndex) ?? 0) + y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((g) => clip(g.class, chars));
  const data: BarDatum[] = view.groups.flatMap((g) =>
    g.values.map((value, m) => ({ class: g.class, classIndex: g.classIndex, metric: view.metrics[m], m, value })),
  );
  const bars = svg
    .append('g')
    .selectAll<SVGGElement, BarDatum>('g.bar')
    .data(data)
    .join('g')
    .attr('class', 'bar')
    .attr('data-class', (d) => d.class)
    .attr('data-metric', (d) => d.metric)
    .attr('data-value', (d) => d.value)
    .attr('transform', (d) => `translate(0,${(y(d.classIndex) ?? 0) + d.m * band})`);
  bars
    .append('rect')
    .attr('x', x(0))
    .attr('width', (d) => Math.max(0, x(d.value) - x(0)))
    .attr('height', Math.max(1, band - 1))
    .style('fill', (d) => palette.series[d.m]);
  interactive(
    bars,
    chart,
    (d) => [d.class, `${d.metric} ${d.value.toFixed(4)}`],
    undefined,
    (d) => d.classIndex,
  );
  return svg.node() as SVGSVGElement;
}
