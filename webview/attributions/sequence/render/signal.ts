/** A sequence's signal as lines over its time steps, with its windows' attributions as diverging bands under it. */
import { axisBottom, axisLeft, line, scaleLinear } from 'd3';
import { chartTitle, createChart, interactive, type RenderOptions } from '../../../common/charts/chart';
import { unitShadeColour } from '../../text/render/units';
import { secondsText, type Band, type BandsView, type SignalView } from '../models/sequenceView';

/** The band strip's height, and how strongly the windows tint the plot behind the signal. */
const STRIP = 30;
const TINT = 0.22;

export function renderSignal(
  container: HTMLElement,
  signal: SignalView | undefined,
  bands: BandsView,
  options: RenderOptions & { title: string },
): SVGSVGElement {
  const chart = createChart(container, 'signal', options, options.title);
  const { svg, palette } = chart;
  chartTitle(svg, options.title);
  const legend = signal && signal.series.length > 1 ? 18 : 0;
  const margin = { top: 28 + legend, right: 16, bottom: 40, left: 52 };
  const stripTop = options.height - margin.bottom - STRIP;
  const plotBottom = stripTop - 8;
  const x = scaleLinear()
    .domain([0, Math.max(1, bands.length)])
    .range([margin.left, options.width - margin.right]);
  const y = scaleLinear()
    .domain(signal?.yDomain ?? [-1, 1])
    .nice()
    .range([plotBottom, margin.top]);
  const colourOf = (b: Band, alpha: number) => unitShadeColour(b.shade, palette.positive, palette.negative, alpha);
  // The windows tint the plot faintly, so a peak in the signal reads against its window's colour.
  svg
    .append('g')
    .attr('class', 'ml-band-tints')
    .selectAll('rect')
    .data(bands.bands)
    .join('rect')
    .attr('x', (b) => x(b.start))
    .attr('width', (b) => Math.max(0, x(b.end) - x(b.start)))
    .attr('y', margin.top)
    .attr('height', Math.max(0, plotBottom - margin.top))
    .style('fill', (b) => colourOf(b, TINT));
  svg.append('g').attr('class', 'ml-axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(4));
  if (signal) {
    // The signal's lines keep clear of the bands' red and blue (and of orange, near a band's light red): the
    // first in the text colour, then green, purple, yellow, orange.
    const [, , green, orange, purple, yellow] = palette.series;
    const lineColours = [palette.foreground, green, purple, yellow, orange];
    const path = line<{ step: number; value: number }>()
      .x((d) => x(d.step + signal.stride / 2))
      .y((d) => y(d.value))
      .defined((d) => Number.isFinite(d.value));
    signal.series.forEach((s, k) => {
      svg
        .append('path')
        .attr('class', 'ml-signal-line')
        .attr('data-feature', s.feature)
        .attr('d', path(s.points))
        .style('stroke', lineColours[k % lineColours.length]);
    });
    if (legend) {
      let offset = margin.left;
      signal.series.forEach((s, k) => {
        const g = svg.append('g').attr('class', 'ml-legend').attr('transform', `translate(${offset},24)`);
        g.append('rect')
          .attr('width', 10)
          .attr('height', 3)
          .attr('y', 4)
          .style('fill', lineColours[k % lineColours.length]);
        g.append('text').attr('x', 14).attr('y', 9).text(s.label);
        offset += 24 + s.label.length * 6.4;
      });
    }
  } else {
    svg
      .append('text')
      .attr('class', 'ml-note')
      .attr('x', margin.left + 8)
      .attr('y', (margin.top + plotBottom) / 2)
      .text('This result carries no input values to draw: the bands below are its windows.');
  }
  const marks = svg
    .append('g')
    .attr('class', 'ml-bands')
    .selectAll<SVGRectElement, Band>('rect')
    .data(bands.bands)
    .join('rect')
    .attr('class', (b) => `ml-band ml-band-${b.shade.sign}`)
    .attr('data-window', (b) => b.window)
    .attr('data-start', (b) => b.start)
    .attr('data-end', (b) => b.end)
    .attr('data-value', (b) => b.value)
    .attr('x', (b) => x(b.start))
    .attr('width', (b) => Math.max(0, x(b.end) - x(b.start)))
    .attr('y', stripTop)
    .attr('height', STRIP)
    .style('fill', (b) => colourOf(b, 1));
  svg
    .append('rect')
    .attr('class', 'ml-legend-frame')
    .attr('fill', 'none')
    .attr('x', x(0))
    .attr('y', stripTop)
    .attr('width', Math.max(0, x(bands.length) - x(0)))
    .attr('height', STRIP);
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', `translate(0,${stripTop + STRIP})`)
    .call(
      axisBottom(x)
        .ticks(Math.max(2, Math.floor((options.width - margin.left) / 90)))
        .tickFormat((step) => (bands.time ? secondsText(bands.time, Number(step)).replace(/ s$/, '') : String(step))),
    );
  svg
    .append('text')
    .attr('class', 'ml-axis-label')
    .attr('text-anchor', 'middle')
    .attr('x', (margin.left + options.width - margin.right) / 2)
    .attr('y', options.height - 6)
    .text(
      `${bands.time ? `time (s, ${bands.time.rate} Hz)` : 'time step'} (bands: each window's attribution toward ${bands.className})`,
    );
  interactive(marks, chart, (b) => b.tooltip);
  return svg.node() as SVGSVGElement;
}
