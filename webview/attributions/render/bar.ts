/** Global importance bars (mean |attribution|), one class or stacked by class. */
import { max, select } from 'd3';
import { formatNumber, OTHER_FEATURE } from '../models/common';
import type { BarView } from '../models/bar';
import { interactive, type RenderOptions } from '../../common/charts/chart';
import { rowsChart } from '../../common/charts/rowsChart';
import { rowGroups, rowLabels, whiskers } from '../../common/charts/marks';

export function render(container: HTMLElement, view: BarView, options: RenderOptions): SVGSVGElement {
  const title = view.stacked ? 'Mean |attribution| by class' : `Mean |attribution| — ${view.classes[0]}`;
  const legendHeight = view.stacked ? 18 : 0;
  const { chart, svg, margin, x, y, chars } = rowsChart(container, options, {
    kind: 'bar',
    title,
    labels: view.items.map((i) => i.feature),
    labelShare: 0.4,
    margin: { top: 28 + legendHeight, right: 56, bottom: 38 },
    domain: [0, max(view.items, (i) => i.value + 2 * (i.stdError ?? 0)) || 1],
    padding: 0.22,
    xLabel: view.xLabel,
  });
  const { palette } = chart;
  const bars = rowGroups(svg, view.items, y, (d) => (d.featureIndex === OTHER_FEATURE ? 'bar other' : 'bar'))
    .attr('data-feature', (d) => d.feature)
    .attr('data-feature-index', (d) => d.featureIndex)
    .attr('data-value', (d) => d.value);
  rowLabels(bars, margin, y.bandwidth(), chars, (d) => d.feature);
  bars.each(function (d) {
    let left = 0;
    const g = select(this);
    d.segments.forEach((s, k) => {
      const rect = g
        .append('rect')
        .attr('class', view.stacked ? 'segment' : 'segment ml-positive')
        .attr('data-class', s.className)
        .attr('x', x(left))
        .attr('width', Math.max(0, x(left + s.value) - x(left)))
        .attr('height', y.bandwidth());
      if (view.stacked) rect.style('fill', palette.series[k % palette.series.length]);
      left += s.value;
    });
  });
  // Whiskers: +-2 standard errors about the bar's end, when the method sampled.
  whiskers(
    bars.filter((d) => (d.stdError ?? 0) > 0),
    x,
    y.bandwidth(),
    (d) => Math.max(0, d.value - 2 * d.stdError!),
    (d) => d.value + 2 * d.stdError!,
  );
  if (view.errorNote) {
    svg
      .append('text')
      .attr('class', 'ml-note')
      .attr('x', options.width - margin.right)
      .attr('y', options.height - 4)
      .attr('text-anchor', 'end')
      .text(view.errorNote);
  }
  bars
    .append('text')
    .attr('class', 'ml-value')
    .attr('x', (d) => x(d.value + 2 * (d.stdError ?? 0)) + 4)
    .attr('y', y.bandwidth() / 2)
    .attr('dy', '0.35em')
    .text((d) => `+${formatNumber(d.value)}`);
  if (view.stacked) {
    const legend = svg.append('g').attr('class', 'ml-legend').attr('transform', `translate(${margin.left},${28})`);
    let offset = 0;
    view.classes.forEach((name, k) => {
      const item = legend.append('g').attr('transform', `translate(${offset},0)`);
      item
        .append('rect')
        .attr('width', 10)
        .attr('height', 10)
        .style('fill', palette.series[k % palette.series.length]);
      item.append('text').attr('x', 14).attr('y', 9).text(name);
      offset += 24 + name.length * 6.4;
    });
  }
  interactive(
    bars,
    chart,
    (d) => [
      d.feature,
      `mean |attribution| ${formatNumber(d.value)}${d.stdError ? ` ± ${formatNumber(2 * d.stdError)} (2 SE)` : ''}`,
      ...(view.stacked ? d.segments.map((s) => `${s.className}: ${formatNumber(s.value)}`) : []),
    ],
    options.onSelectFeature ? (d) => d.featureIndex >= 0 && options.onSelectFeature?.(d.featureIndex) : undefined,
  );
  return svg.node() as SVGSVGElement;
}
