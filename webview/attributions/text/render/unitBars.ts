/** The strongest units of one text as signed bars: red toward the class, blue away, the rest summed. */
import { formatNumber, formatSigned } from '../../models/common';
import {
  chartTitle,
  clip,
  createChart,
  interactive,
  labelWidth,
  rowsFrame,
  type RenderOptions,
} from '../../render/common';
import type { UnitBar, UnitBarsView } from '../models/textView';

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
  svg
    .append('line')
    .attr('class', 'ml-zero')
    .attr('x1', x(0))
    .attr('x2', x(0))
    .attr('y1', margin.top)
    .attr('y2', options.height - margin.bottom);
  const h = y.bandwidth();
  const bars = svg
    .append('g')
    .selectAll<SVGGElement, UnitBar>('g')
    .data(view.bars)
    .join('g')
    .attr('class', (d) => `bar ${d.index < 0 ? 'other ' : ''}${d.value >= 0 ? 'ml-positive' : 'ml-negative'}`)
    .attr('data-index', (d) => d.index)
    .attr('data-value', (d) => d.value)
    .attr('transform', (_, i) => `translate(0,${y(i)})`);
  bars
    .append('rect')
    .attr('x', (d) => Math.min(x(0), x(d.value)))
    .attr('width', (d) => Math.abs(x(d.value) - x(0)))
    .attr('height', h);
  bars
    .filter((d) => (d.stdError ?? 0) > 0)
    .append('line')
    .attr('class', 'ml-whisker')
    .attr('x1', (d) => x(d.value - 2 * d.stdError!))
    .attr('x2', (d) => x(d.value + 2 * d.stdError!))
    .attr('y1', h / 2)
    .attr('y2', h / 2);
  bars
    .append('text')
    .attr('class', 'ml-label')
    .attr('x', margin.left - 6)
    .attr('y', h / 2)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .text((d) => clip(d.label, chars));
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
