/** Permutation importance: mean score drop per feature with ± one standard deviation error bars. */
import { OTHER_FEATURE, formatNumber } from '../models/common';
import type { ImportanceItem, ImportanceView } from '../models/importance';
import { chartTitle, clip, createChart, interactive, labelWidth, rowsFrame, type RenderOptions } from './common';

export function render(container: HTMLElement, view: ImportanceView, options: RenderOptions): SVGSVGElement {
  const title = `Permutation importance (${view.metric}, baseline ${formatNumber(view.baseline)})`;
  const chart = createChart(container, 'importance', options, title);
  const { svg } = chart;
  chartTitle(svg, title);
  const margin = {
    top: 28,
    right: 24,
    bottom: 38,
    left: labelWidth(
      view.items.map((i) => i.feature),
      options.width * 0.4,
    ),
  };
  const { x, y, chars } = rowsFrame(svg, options, margin, view.xDomain, view.items.length, 0.25, view.xLabel);
  svg
    .append('line')
    .attr('class', 'ml-zero')
    .attr('x1', x(0))
    .attr('x2', x(0))
    .attr('y1', margin.top)
    .attr('y2', options.height - margin.bottom);
  const bars = svg
    .append('g')
    .selectAll<SVGGElement, ImportanceItem>('g')
    .data(view.items)
    .join('g')
    .attr('class', (d) => (d.featureIndex === OTHER_FEATURE ? 'bar other' : 'bar'))
    .attr('data-feature', (d) => d.feature)
    .attr('data-feature-index', (d) => d.featureIndex)
    .attr('data-value', (d) => d.mean)
    .attr('data-std', (d) => d.std)
    .attr('transform', (_, i) => `translate(0,${y(i)})`);
  const h = y.bandwidth();
  bars
    .append('text')
    .attr('class', 'ml-label')
    .attr('x', margin.left - 6)
    .attr('y', h / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((d) => clip(d.feature, chars));
  bars
    .append('rect')
    .attr('class', (d) => (d.mean >= 0 ? 'segment ml-importance' : 'segment ml-negative'))
    .attr('x', (d) => Math.min(x(0), x(d.mean)))
    .attr('width', (d) => Math.abs(x(d.mean) - x(0)))
    .attr('height', h);
  // Error bar: a whisker from mean - std to mean + std with end caps.
  const whisker = bars.append('g').attr('class', 'ml-error');
  whisker
    .append('line')
    .attr('x1', (d) => x(d.low))
    .attr('x2', (d) => x(d.high))
    .attr('y1', h / 2)
    .attr('y2', h / 2);
  for (const end of ['low', 'high'] as const)
    whisker
      .append('line')
      .attr('x1', (d) => x(d[end]))
      .attr('x2', (d) => x(d[end]))
      .attr('y1', h * 0.2)
      .attr('y2', h * 0.8);
  interactive(
    bars,
    chart,
    (d) => [d.feature, `drop ${formatNumber(d.mean)} ± ${formatNumber(d.std)}`],
    options.onSelectFeature ? (d) => d.featureIndex >= 0 && options.onSelectFeature?.(d.featureIndex) : undefined,
  );
  return svg.node() as SVGSVGElement;
}
