/** Regression: predicted against actual with the y = x line, and the residuals' histogram. */
import type { HistogramView, ScatterView } from '../models/curves';
import { interactive, type RenderOptions } from '../../common/charts/chart';
import { dots, xyChart } from '../../common/charts/xyChart';

export function renderScatter(container: HTMLElement, view: ScatterView, options: RenderOptions): SVGSVGElement {
  const title = 'Predicted against actual';
  const { chart, svg, x, y } = xyChart(container, options, {
    kind: 'scatter',
    title,
    margin: { top: 28, right: 16, bottom: 44, left: 60 },
    axes: { x: view.domain, y: view.domain, xTicks: 6, xLabel: 'actual', yLabel: 'predicted' },
  });
  const [lo, hi] = x.domain();
  svg
    .append('line')
    .attr('class', 'ml-reference')
    .attr('x1', x(lo))
    .attr('y1', y(lo))
    .attr('x2', x(hi))
    .attr('y2', y(hi));
  const points = dots(
    svg,
    view.points,
    'dot ml-negative',
    { x, y },
    3,
    (p) => p.actual,
    (p) => p.predicted,
  ).attr('data-row', (p) => p.row);
  interactive(points, chart, (p) => [`row ${p.row}`, `actual ${p.actual}`, `predicted ${p.predicted.toPrecision(5)}`]);
  return svg.node() as SVGSVGElement;
}

export function renderHistogram(container: HTMLElement, view: HistogramView, options: RenderOptions): SVGSVGElement {
  const title = 'Residuals (actual - predicted)';
  const lo = view.bins[0]?.lower ?? 0;
  const hi = view.bins[view.bins.length - 1]?.upper ?? 1;
  const { chart, svg, x, y } = xyChart(container, options, {
    kind: 'histogram',
    title,
    margin: { top: 28, right: 16, bottom: 44, left: 52 },
    axes: {
      x: [lo, hi],
      y: [0, Math.max(1, view.maxCount)],
      niceX: false,
      xTicks: 6,
      yTicks: 5,
      xLabel: 'residual',
      yLabel: 'rows',
    },
  });
  const bars = svg
    .append('g')
    .selectAll<SVGGElement, HistogramView['bins'][number]>('g.bar')
    .data(view.bins)
    .join('g')
    .attr('class', 'bar')
    .attr('data-count', (b) => b.count);
  bars
    .append('rect')
    .attr('class', 'ml-importance')
    .attr('x', (b) => x(b.lower) + 0.5)
    .attr('width', (b) => Math.max(1, x(b.upper) - x(b.lower) - 1))
    .attr('y', (b) => y(b.count))
    .attr('height', (b) => y(0) - y(b.count));
  interactive(bars, chart, (b) => [`${b.lower.toPrecision(4)} to ${b.upper.toPrecision(4)}`, `${b.count} rows`]);
  return svg.node() as SVGSVGElement;
}
