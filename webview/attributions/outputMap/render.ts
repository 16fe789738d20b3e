/** The output map drawn: a plane of the picture's output to drag a box or click a cell on; a recording's chunk line. */
import { axisBottom, axisLeft, line, pointer, scaleLinear, select } from 'd3';
import { canvasLayer } from '../../common/charts/canvasLayer';
import { createChart, interactive } from '../../common/charts/chart';
import { parseRgb } from '../image/models/heatmap';
import { cellAt, dragBox, type Cell, type ChunkLine, type ChunkPoint, type MapPlane } from './model';

export interface MapPickHandlers {
  /** A drag from one cell to another (both included), or a click on one cell (from === to). */
  picked(from: Cell, to: Cell): void;
}

/** Screen pixels per output cell so the map is about `width` wide (whole numbers when enlarging). */
export function mapScale(plane: MapPlane, width: number): number {
  const s = width / Math.max(1, plane.width);
  return s >= 1 ? Math.floor(s) : s;
}

export function renderMapPicker(container: HTMLElement, plane: MapPlane, scale: number, h: MapPickHandlers): void {
  const width = Math.round(plane.width * scale);
  const height = Math.round(plane.height * scale);
  const root = select(container);
  root.selectAll('*').remove();
  const stack = root
    .append('div')
    .attr('class', 'ml-image-stack ml-pixelated')
    .style('width', `${width}px`)
    .style('height', `${height}px`);
  const chart = createChart(
    stack.node() as HTMLElement,
    'heatmap',
    { width, height },
    'Output map: drag a box or click a cell',
  );
  chart.svg.attr('class', 'ml-svg ml-output-map ml-image-layer').attr('id', 'output-map-svg');
  const { ctx } = canvasLayer(stack, 'ml-image-layer', plane, { width, height });
  // Low values clear, high values in the theme's red: the map reads like the attribution maps.
  const [r, g, b] = parseRgb(chart.palette.positive, [229, 20, 0]);
  const [lo, hi] = plane.domain;
  if (ctx) {
    const img = ctx.createImageData(plane.width, plane.height);
    plane.values.forEach((v, i) => {
      const t = hi > lo && Number.isFinite(v) ? (v - lo) / (hi - lo) : 0;
      img.data.set([r, g, b, Math.round(255 * t)], i * 4);
    });
    ctx.putImageData(img, 0, 0);
  }
  const box = chart.svg.append('rect').attr('class', 'ml-output-box').attr('fill', 'none').attr('hidden', '');
  const frame = chart.svg
    .append('rect')
    .attr('class', 'ml-legend-frame')
    .attr('fill', 'transparent')
    .attr('width', width)
    .attr('height', height);
  const show = (a: Cell, c: Cell) => {
    const [top, left, bottom, right] = dragBox(a, c);
    box
      .attr('hidden', null)
      .attr('x', left * scale)
      .attr('y', top * scale)
      .attr('width', (right - left) * scale)
      .attr('height', (bottom - top) * scale)
      .style('stroke', chart.palette.foreground);
  };
  let start: Cell | undefined;
  const at = (e: PointerEvent) => {
    const [x, y] = pointer(e, frame.node());
    return cellAt(plane, x, y, scale);
  };
  frame
    .on('pointerdown', (e: PointerEvent) => {
      start = at(e);
      (e.target as Element).setPointerCapture?.(e.pointerId);
      show(start, start);
    })
    .on('pointermove', (e: PointerEvent) => {
      const c = at(e);
      if (start) show(start, c);
      else
        chart.tooltip.showFor(e, [
          `row ${c.row}, column ${c.column}`,
          `value ${plane.values[c.row * plane.width + c.column]}`,
        ]);
    })
    .on('pointerleave', () => chart.tooltip.hide())
    .on('pointerup', (e: PointerEvent) => {
      if (!start) return;
      const from = start;
      start = undefined;
      h.picked(from, at(e));
    });
}

export function renderChunkLine(
  container: HTMLElement,
  chunks: ChunkLine,
  width: number,
  pick: (chunk: number) => void,
  picked: ReadonlySet<number>,
): void {
  const height = 200;
  const chart = createChart(container, 'lines', { width, height }, `Output ${chunks.columnName} over the recording`);
  const { svg, palette } = chart;
  const margin = { top: 12, right: 16, bottom: 40, left: 52 };
  const xs = chunks.points.map((p) => p.x);
  const x = scaleLinear()
    .domain([Math.min(0, ...xs), Math.max(1, ...xs)])
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain(chunks.yDomain)
    .nice()
    .range([height - margin.bottom, margin.top]);
  svg.append('g').attr('class', 'ml-axis').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(4));
  svg
    .append('g')
    .attr('class', 'ml-axis')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))));
  svg
    .append('text')
    .attr('class', 'ml-axis-label')
    .attr('text-anchor', 'middle')
    .attr('x', (margin.left + width - margin.right) / 2)
    .attr('y', height - 6)
    .text(`${chunks.xLabel}: click a chunk to explain it (again to leave it out)`);
  const path = line<ChunkPoint>()
    .x((p) => x(p.x))
    .y((p) => y(p.value))
    .defined((p) => Number.isFinite(p.value));
  svg.append('path').attr('class', 'ml-signal-line').attr('d', path(chunks.points)).style('stroke', palette.foreground);
  const marks = svg
    .append('g')
    .selectAll<SVGCircleElement, ChunkPoint>('circle')
    .data(chunks.points.filter((p) => Number.isFinite(p.value)))
    .join('circle')
    .attr('class', (p) => (picked.has(p.chunk) ? 'ml-chunk picked' : 'ml-chunk'))
    .attr('data-chunk', (p) => p.chunk)
    .attr('cx', (p) => x(p.x))
    .attr('cy', (p) => y(p.value))
    .attr('r', (p) => (picked.has(p.chunk) ? 5 : 3))
    .style('fill', (p) => (picked.has(p.chunk) ? palette.positive : palette.muted));
  interactive(
    marks,
    chart,
    (p) => p.tooltip,
    (p) => pick(p.chunk),
  );
}
