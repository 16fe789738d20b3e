/** LIME weights of one row as diverging bars, with the local fit's intercept, prediction and R². */
import { formatNumber, formatSigned } from '../models/common';
import type { LimeItem, LimeView } from '../models/lime';
import { chartTitle, clip, createChart, interactive, labelWidth, rowsFrame, type RenderOptions } from './common';

const itemLabel = (d: LimeItem) => `${d.feature} = ${d.featureValueText}`;

export function render(container: HTMLElement, view: LimeView, options: RenderOptions): SVGSVGElement {
  const title = `LIME: row ${view.dataRow} — ${view.className}`;
  const chart = createChart(container, 'lime', options, title);
  const { svg } = chart;
  chartTitle(svg, title);
  const summary = [
    `R² ${Number.isNaN(view.score) ? 'n/a' : formatNumber(view.score)}`,
    `intercept ${formatNumber(view.intercept)}`,
    `local prediction ${formatNumber(view.localPrediction)}`,
    `f(x) ${formatNumber(view.prediction)}`,
  ].join(' · ');
  svg
    .append('text')
    .attr('class', 'ml-note lime-fit')
    .attr('x', 8)
    .attr('y', 34)
    .attr('data-score', view.score)
    .attr('data-intercept', view.intercept)
    .attr('data-local-prediction', view.localPrediction)
    .text(summary);
  const margin = { top: 46, right: 24, bottom: 38, left: labelWidth(view.items.map(itemLabel), options.width * 0.42) };
  const { x, y, chars } = rowsFrame(svg, options, margin, view.xDomain, view.items.length, 0.22, 'local linear weight');
  svg
    .append('line')
    .attr('class', 'ml-zero')
    .attr('x1', x(0))
    .attr('x2', x(0))
    .attr('y1', margin.top)
    .attr('y2', options.height - margin.bottom);
  const bars = svg
    .append('g')
    .selectAll<SVGGElement, LimeItem>('g')
    .data(view.items)
    .join('g')
    .attr('class', 'bar')
    .attr('data-feature', (d) => d.feature)
    .attr('data-feature-index', (d) => d.featureIndex)
    .attr('data-value', (d) => d.weight)
    .attr('transform', (_, i) => `translate(0,${y(i)})`);
  const h = y.bandwidth();
  bars
    .append('text')
    .attr('class', 'ml-label')
    .attr('x', margin.left - 6)
    .attr('y', h / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((d) => clip(itemLabel(d), chars));
  bars
    .append('rect')
    .attr('class', (d) => `segment ${d.weight >= 0 ? 'ml-positive' : 'ml-negative'}`)
    .attr('x', (d) => Math.min(x(0), x(d.weight)))
    .attr('width', (d) => Math.abs(x(d.weight) - x(0)))
    .attr('height', h);
  interactive(
    bars,
    chart,
    (d) => [itemLabel(d), `weight ${formatSigned(d.weight)}`],
    options.onSelectFeature ? (d) => options.onSelectFeature?.(d.featureIndex) : undefined,
  );
  return svg.node() as SVGSVGElement;
}
