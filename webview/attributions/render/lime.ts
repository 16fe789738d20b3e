/** LIME weights of one row as diverging bars, with the local fit's intercept, prediction and R². */
import { formatNumber, formatSigned } from '../models/common';
import type { LimeItem, LimeView } from '../models/lime';
import {
  chartTitle,
  createChart,
  interactive,
  labelWidth,
  rowsFrame,
  type RenderOptions,
} from '../../common/charts/chart';
import { barsFromZero, rowGroups, rowLabels, zeroLine } from '../../common/charts/marks';

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
  zeroLine(svg, x, margin, options);
  const bars = rowGroups(svg, view.items, y, 'bar')
    .attr('data-feature', (d) => d.feature)
    .attr('data-feature-index', (d) => d.featureIndex)
    .attr('data-value', (d) => d.weight);
  const h = y.bandwidth();
  rowLabels(bars, margin, h, chars, itemLabel);
  barsFromZero(bars, x, h, (d) => d.weight).attr(
    'class',
    (d) => `segment ${d.weight >= 0 ? 'ml-positive' : 'ml-negative'}`,
  );
  interactive(
    bars,
    chart,
    (d) => [itemLabel(d), `weight ${formatSigned(d.weight)}`],
    options.onSelectFeature ? (d) => options.onSelectFeature?.(d.featureIndex) : undefined,
  );
  return svg.node() as SVGSVGElement;
}
