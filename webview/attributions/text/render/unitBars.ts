/** The strongest units of one text as signed bars: red toward the class, blue away, the rest summed. */
import { formatNumber, formatSigned } from '../../models/common';
import {
  chartTitle,
  createChart,
  interactive,
  labelWidth,
  rowsFrame,
  type RenderOptions,
} from '../../../common/charts/chart';
import { barsFromZero, rowGroups, rowLabels, whiskers, zeroLine } from '../../../common/charts/marks';
import type { UnitBarsView } from '../models/textView';

export function renderUnitBars(container: HTMLElement, view: UnitBarsView, options: RenderOptions): SVGSVGElement {
  const chart = createChart(container, 'unit-bars', options, view.title);
  const { svg } = chart;
  chartTitle(svg, view.title);
  const margin = {
    top: 30,
    right: 64,
    bottom: 38,
    left: labelWidth(
      view.bars.map((b) => b.label),
      options.width * 0.35,
    ),
  };
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
  const { x, y, chars } = rowsFrame(
    svg,
    options,
    margin,
    [lo, hi],
    view.bars.length,
    0.22,
    `attribution toward ${view.className}`,
  );
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
