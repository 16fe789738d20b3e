/** LIME weights of one row as diverging bars, with the local fit's intercept, prediction and R². */
import { formatNumber, formatSigned } from '../models/common';
import type { LimeItem, LimeView } from '../models/lime';
import { interactive, type RenderOptions } from '../../common/charts/chart';
import { rowsChart } from '../../common/charts/rowsChart';
import { barsFromZero, rowGroups, rowLabels, zeroLine } from '../../common/charts/marks';

const itemLabel = (d: LimeItem) => `${d.feature} = ${d.featureValueText}`;

export function render(container: HTMLElement, view: LimeView, options: RenderOptions): SVGSVGElement {
  const title = `LIME: row ${view.dataRow} — ${view.className}`;
  const { chart, svg, margin, x, y, chars } = rowsChart(container, options, {
    kind: 'lime',
    title,
    labels: view.items.map(itemLabel),
    labelShare: 0.42,
    margin: { top: 46, right: 24, bottom: 38 },
    domain: view.xDomain,
    padding: 0.22,
    xLabel: 'local linear weight',
  });
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
