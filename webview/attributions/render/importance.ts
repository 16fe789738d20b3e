/** Permutation importance: mean score drop per feature with ± one standard deviation error bars. */
import { OTHER_FEATURE, formatNumber } from '../models/common';
import type { ImportanceView } from '../models/importance';
import { interactive, type RenderOptions } from '../../common/charts/chart';
import { rowsChart } from '../../common/charts/rowsChart';
import { barsFromZero, rowGroups, rowLabels, whiskers, zeroLine } from '../../common/charts/marks';

export function render(container: HTMLElement, view: ImportanceView, options: RenderOptions): SVGSVGElement {
  const title = `Permutation importance (${view.metric}, baseline ${formatNumber(view.baseline)})`;
  const { chart, svg, margin, x, y, chars } = rowsChart(container, options, {
    kind: 'importance',
    title,
    labels: view.items.map((i) => i.feature),
    labelShare: 0.4,
    margin: { top: 28, right: 24, bottom: 38 },
    domain: view.xDomain,
    padding: 0.25,
    xLabel: view.xLabel,
  });
  zeroLine(svg, x, margin, options);
  const bars = rowGroups(svg, view.items, y, (d) => (d.featureIndex === OTHER_FEATURE ? 'bar other' : 'bar'))
    .attr('data-feature', (d) => d.feature)
    .attr('data-feature-index', (d) => d.featureIndex)
    .attr('data-value', (d) => d.mean)
    .attr('data-std', (d) => d.std);
  const h = y.bandwidth();
  rowLabels(bars, margin, h, chars, (d) => d.feature);
  barsFromZero(bars, x, h, (d) => d.mean).attr('class', (d) =>
    d.mean >= 0 ? 'segment ml-importance' : 'segment ml-negative',
  );
  // Error bar: a whisker from mean - std to mean + std with end caps.
  const whisker = bars.append('g').attr('class', 'ml-error');
  whiskers(
    whisker,
    x,
    h,
    (d) => d.low,
    (d) => d.high,
    null,
  );
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
