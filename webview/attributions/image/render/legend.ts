/** The heat map's colour legend: blue (away from the class) through clear to red (toward it), with numbers. */
import { axisBottom, scaleLinear } from 'd3';
import { formatNumber } from '../../models/common';
import { createChart } from '../../../common/charts/chart';
import { legendTicks, type HeatMode } from '../models/heatmap';

let gradients = 0;

export function renderHeatLegend(
  container: HTMLElement,
  o: { scale: number; mode: HeatMode; opacity: number; width: number; className: string; target?: boolean },
): SVGSVGElement {
  const height = 58;
  const chart = createChart(
    container,
    'heat-legend',
    { width: o.width, height },
    `Colour scale of the map of ${o.className}`,
  );
  const { svg, palette } = chart;
  // Room for the end ticks' numbers ("-0.09441") inside the svg, so an export keeps them.
  const margin = { left: 28, right: 28 };
  const lo = o.mode === 'positive' ? 0 : -o.scale;
  const x = scaleLinear()
    .domain([lo, o.scale || 1])
    .range([margin.left, o.width - margin.right]);
  const id = `ml-heat-gradient-${++gradients}`;
  const gradient = svg.append('defs').append('linearGradient').attr('id', id);
  const stops: [number, string, number][] =
    o.mode === 'positive'
      ? [
          [0, palette.positive, 0],
          [1, palette.positive, o.opacity],
        ]
      : [
          [0, palette.negative, o.opacity],
          [0.5, palette.negative, 0],
          [0.5, palette.positive, 0],
          [1, palette.positive, o.opacity],
        ];
  for (const [offset, colour, opacity] of stops)
    gradient.append('stop').attr('offset', offset).attr('stop-color', colour).attr('stop-opacity', opacity);
  svg
    .append('rect')
    .attr('class', 'ml-legend-frame')
    .attr('x', margin.left)
    .attr('y', 18)
    .attr('width', o.width - margin.left - margin.right)
    .attr('height', 12)
    .attr('fill', `url(#${id})`);
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', 'translate(0,30)')
    .call(
      axisBottom(x)
        .tickValues(legendTicks(o.scale, o.mode))
        .tickFormat((v) => formatNumber(Number(v)))
        .tickSizeOuter(0),
    );
  const note = (text: string, anchor: 'start' | 'end', at: number, cls: string) =>
    svg.append('text').attr('class', cls).attr('x', at).attr('y', 12).attr('text-anchor', anchor).text(text);
  // An output target's label is long and not a class: the notes say which way it moves instead.
  const away = o.target ? '← lowers the target' : `← away from ${o.className}`;
  if (o.mode === 'signed') note(away, 'start', margin.left, 'ml-negative-text');
  note(o.target ? 'raises the target →' : `toward ${o.className} →`, 'end', o.width - margin.right, 'ml-positive-text');
  return svg.node() as SVGSVGElement;
}
