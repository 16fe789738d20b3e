/** Deletion and insertion curves: the target's output as the map's most important segments are removed or added. */
import { axisBottom, axisLeft, line, scaleLinear } from 'd3';
import { formatNumber } from '../../models/common';
import { axisLabel, chartTitle, createChart, interactive, type RenderOptions } from '../../../common/charts/chart';
import type { CurveSeries, CurvesView } from '../models/curves';

interface CurvePoint {
  series: CurveSeries['id'];
  fraction: number;
  value: number;
}

export function renderCurves(container: HTMLElement, view: CurvesView, options: RenderOptions): SVGSVGElement {
  const title = `Deletion and insertion: ${view.className}`;
  const chart = createChart(container, 'curves', options, title);
  const { svg } = chart;
  chartTitle(svg, title);
  const margin = { top: 30, right: 86, bottom: 92, left: 56 };
  const plotBottom = options.height - margin.bottom;
  const x = scaleLinear()
    .domain([0, 1])
    .range([margin.left, options.width - margin.right]);
  const y = scaleLinear().domain(view.yDomain).nice().range([plotBottom, margin.top]);
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', `translate(0,${plotBottom})`)
    .call(axisBottom(x).ticks(5, '.0%'));
  svg.append('g').attr('class', 'ml-axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(5));
  // The frame's x label sits under the plot; the notes below it.
  axisLabel(svg, { ...options, height: plotBottom + 34 }, margin, 'x', view.xLabel);
  axisLabel(svg, options, { ...margin, bottom: margin.bottom }, 'y', `output for ${view.className}`);
  const path = line<{ fraction: number; value: number }>()
    .x((d) => x(d.fraction))
    .y((d) => y(d.value))
    .defined((d) => Number.isFinite(d.value));
  for (const s of view.series) {
    svg.append('path').attr('class', `ml-curve ml-${s.id}`).attr('d', path(s.points));
    const last = s.points[s.points.length - 1];
    if (last)
      svg
        .append('text')
        .attr('class', `ml-curve-label ml-${s.id}-text`)
        .attr('x', x(last.fraction) + 6)
        .attr('y', y(last.value))
        .attr('dominant-baseline', 'middle')
        .text(s.label);
  }
  const points: CurvePoint[] = view.series.flatMap((s) => s.points.map((p) => ({ series: s.id, ...p })));
  const marks = svg
    .append('g')
    .selectAll<SVGCircleElement, CurvePoint>('circle')
    .data(points)
    .join('circle')
    .attr('class', (d) => `point ml-${d.series}`)
    .attr('cx', (d) => x(d.fraction))
    .attr('cy', (d) => y(d.value))
    .attr('r', 2.5);
  interactive(
    marks,
    chart,
    (d) => [
      `${d.series}: ${Math.round(d.fraction * 100)}% ${d.series === 'deletion' ? 'removed' : 'added'}`,
      `output ${formatNumber(d.value)}`,
    ],
    undefined,
    (d) => (d.series === 'deletion' ? 0 : 1),
  );
  [view.areasText, view.meaning, view.verdict].forEach((text, i) =>
    svg
      .append('text')
      .attr('class', i === 2 ? 'ml-note ml-strong-note' : 'ml-note')
      .attr('x', 8)
      .attr('y', plotBottom + 50 + i * 15)
      .text(text),
  );
  return svg.node() as SVGSVGElement;
}
