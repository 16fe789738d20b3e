/** Force plot of one row: red pushes up from the left and blue pushes down from the right, meeting at f(x). */
import { axisTop, scaleLinear } from 'd3';
import { GAP_FEATURE, formatNumber, formatSigned } from '../models/common';
import type { ForceSegment, ForceView } from '../models/force';
import { arrowPoints } from './arrows';
import { chartTitle, clip, createChart, interactive, type RenderOptions } from '../../common/charts/chart';
import { referenceLine } from '../../common/charts/marks';

const segmentLabel = (s: ForceSegment) => (s.featureValueText ? `${s.feature} = ${s.featureValueText}` : s.feature);

export function render(container: HTMLElement, view: ForceView, options: RenderOptions): SVGSVGElement {
  const title = `Row ${view.dataRow} — ${view.className}`;
  const chart = createChart(container, 'force', options, `Force plot, ${title}`);
  const { svg } = chart;
  chartTitle(svg, `Force plot: ${title}`);
  const margin = { left: 16, right: 16 };
  const x = scaleLinear()
    .domain(view.domain)
    .nice()
    .range([margin.left, options.width - margin.right]);
  const axisY = 58;
  const barY = axisY + 12;
  const barH = Math.max(14, Math.min(26, options.height - barY - 40));
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', `translate(0,${axisY})`)
    .call(axisTop(x).ticks(Math.max(2, Math.floor(options.width / 90))));
  // Segments: positives left of f(x) pointing right, negatives right of it pointing left.
  const all = [...view.positive, ...view.negative];
  const segments = svg
    .append('g')
    .selectAll<SVGGElement, ForceSegment>('g')
    .data(all)
    .join('g')
    .attr(
      'class',
      (d) => `segment ${d.featureIndex === GAP_FEATURE ? 'gap' : d.value > 0 ? 'ml-positive' : 'ml-negative'}`,
    )
    .attr('data-feature', (d) => d.feature)
    .attr('data-feature-index', (d) => d.featureIndex)
    .attr('data-value', (d) => d.value)
    .attr('data-start', (d) => d.start)
    .attr('data-end', (d) => d.end);
  segments
    .append('polygon')
    .attr('points', (d) =>
      d.value > 0
        ? arrowPoints(x(d.start), x(d.end), barY, barH, true)
        : arrowPoints(x(d.end), x(d.start), barY, barH, true),
    );
  // Labels under segments wide enough to hold them; the rest are in the tooltip.
  segments
    .append('text')
    .attr('class', 'ml-label')
    .attr('x', (d) => (x(d.start) + x(d.end)) / 2)
    .attr('y', barY + barH + 14)
    .attr('text-anchor', 'middle')
    .text((d) => {
      const width = x(d.end) - x(d.start);
      const fits = Math.floor((width - 10) / 6.4);
      return fits >= 6 ? clip(segmentLabel(d), fits) : '';
    });
  // f(x) is labelled above the axis, the base value below the bars: close values never overlap.
  const marker = (value: number, text: string, className: string, dy: number) =>
    referenceLine(svg, {
      lineX: x(value),
      y1: Math.min(axisY - 2, dy + 4),
      y2: Math.max(barY + barH + 2, dy - 12),
      value,
      text,
      textX: Math.max(40, Math.min(options.width - 40, x(value))),
      textY: dy,
      className,
    });
  marker(view.base, `base value ${formatNumber(view.base)}`, 'ml-marker', barY + barH + 30);
  marker(view.prediction, `f(x) = ${formatNumber(view.prediction)}`, 'ml-marker ml-strong', 34);
  // The legend shares the title's line, on the right, away from the markers.
  const legend = svg
    .append('text')
    .attr('class', 'ml-legend-text')
    .attr('x', options.width - margin.right)
    .attr('y', 16)
    .attr('text-anchor', 'end');
  legend.append('tspan').attr('class', 'ml-positive-text').text('higher ⟶');
  legend.append('tspan').text('  ');
  legend.append('tspan').attr('class', 'ml-negative-text').text('⟵ lower');
  interactive(
    segments,
    chart,
    (d) => [
      d.featureIndex === GAP_FEATURE ? 'unexplained: f(x) − base − Σ attributions' : segmentLabel(d),
      `attribution ${formatSigned(d.value)}`,
    ],
    options.onSelectFeature ? (d) => d.featureIndex >= 0 && options.onSelectFeature?.(d.featureIndex) : undefined,
  );
  return svg.node() as SVGSVGElement;
}
