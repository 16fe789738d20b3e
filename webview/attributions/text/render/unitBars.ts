/** The strongest units of one text as signed bars: red toward the class, blue away, the rest summed. */
import { formatNumber, formatSigned } from '../../models/common';
import { interactive, type RenderOptions } from '../../../common/charts/chart';
import { rowsChart } from '../../../common/charts/rowsChart';
import { barsFromZero, rowGroups, rowLabels, whiskers, zeroLine } from '../../../common/charts/marks';
import type { UnitBarsView } from '../models/textView';

export function renderUnitBars(container: HTMLElement, view: UnitBarsView, options: RenderOptions): SVGSVGElement {
  let lo = 0;
  let hi = 0;
  for (const b of view.bars) {
    const e = 2 * (b.stdError ?? 0);
    lo = Math.min(lo, b.value - e);
    hi = Math.max(hi, b.value + e);
  }
  if (lo === hi) hi = 1;
  // Room for the value printed beyond each bar's end.
  const pad = (hi - lo) * 0.16;
  if (lo < 0) lo -= pad;
  if (hi > 0) hi += pad;
  const { chart, svg, margin, x, y, chars } = rowsChart(container, options, {
    kind: 'unit-bars',
    title: view.title,
    labels: view.bars.map((b) => b.label),
    labelShare: 0.35,
    margin: { top: 30, right: 64, bottom: 38 },
    domain: [lo, hi],
    padding: 0.22,
    xLabel: `attribution toward ${view.className}`,
  });
  zeroLine(svg, x, margin, options);
  const h = y.bandwidth();
  const bars = rowGroups(
    svg,
    view.bars,
    y,
    (d) => `bar ${d.index < 0 ? 'other ' : ''}${d.value >= 0 ? 'ml-positive' : 'ml-negative'}`,
  )
    .attr('data-index', (d) => d.index)
    .attr('data-value', (d) => d.value);
  barsFromZero(bars, x, h, (d) => d.value);
  whiskers(
    bars.filter((d) => (d.stdError ?? 0) > 0),
    x,
    h,
    (d) => d.value - 2 * d.stdError!,
    (d) => d.value + 2 * d.stdError!,
  );
  rowLabels(bars, margin, h, chars, (d) => d.label);
  // The value beside the bar's end, away from zero.
  bars
    .append('text')
    .attr('class', 'ml-value')
    .attr('x', (d) => (d.value >= 0 ? x(d.value + 2 * (d.stdError ?? 0)) + 4 : x(d.value - 2 * (d.stdError ?? 0)) - 4))
    .attr('y', h / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', (d) => (d.value >= 0 ? 'start' : 'end'))
    .text((d) => formatSigned(d.value));
  interactive(bars, chart, (d) => [
    d.label,
    `${formatSigned(d.value)}${d.stdError ? ` ± ${formatNumber(2 * d.stdError)} (2 SE)` : ''} toward ${view.className}`,
  ]);
  return svg.node() as SVGSVGElement;
}
