/** The heat map over a picture: the picture, the overlay on a canvas, and an svg on top for the hovered segment. */
import { pointer, select } from 'd3';
import { formatNumber } from '../../models/common';
import { canvasLayer } from '../../../common/charts/canvasLayer';
import { createChart, readPalette } from '../../../common/charts/chart';
import { overlayRgba, parseRgb, type HeatColours, type HeatMode } from '../models/heatmap';
import { segmentTooltip, type MapView } from '../models/imageView';
import { segmentOutline } from '../models/segments';
import { inputPixelAt } from '../models/zoom';

export interface HeatMapOptions {
  /** Screen pixels per map pixel. */
  scale: number;
  opacity: number;
  mode: HeatMode;
  /** The picture under the map (a PNG data URI); none while a run has not sent it. */
  picture?: string;
  label: string;
  /** Hover and keyboard access to the segments (off for the small maps). */
  segments?: boolean;
  id?: string;
}

export interface HeatMapHandle {
  /** Redraws the overlay only, so a slider can move without rebuilding the view. */
  update(opacity: number, mode: HeatMode): void;
  setPicture(src: string | undefined): void;
}

/** The theme's red and blue as RGB for the canvas (canvas pixels cannot use CSS variables). */
export function heatColours(el: Element): HeatColours {
  const p = readPalette(el);
  return { positive: parseRgb(p.positive, [229, 20, 0]), negative: parseRgb(p.negative, [26, 133, 255]) };
}

export function renderHeatMap(container: HTMLElement, m: MapView, o: HeatMapOptions): HeatMapHandle {
  const width = Math.round(m.width * o.scale);
  const height = Math.round(m.height * o.scale);
  const root = select(container);
  root.selectAll('*').remove();
  const stack = root
    .append('div')
    .attr('class', 'ml-image-stack')
    // Enlarged input pixels stay square blocks rather than a blur.
    .classed('ml-pixelated', o.scale > 1)
    .attr('data-scale', o.scale)
    .style('width', `${width}px`)
    .style('height', `${height}px`);
  const chart = createChart(stack.node() as HTMLElement, 'heatmap', { width, height }, o.label);
  chart.svg.attr('class', 'ml-svg ml-heatmap ml-image-layer');
  if (o.id) chart.svg.attr('id', o.id);
  const picture = stack
    .insert('img', 'svg')
    .attr('class', 'ml-image-layer')
    .attr('alt', '')
    .attr('width', width)
    .attr('height', height);
  const { canvas, ctx } = canvasLayer(stack, 'ml-image-layer ml-overlay', m, { width, height });
  const colours = heatColours(container);
  const handle: HeatMapHandle = {
    update(opacity, mode) {
      if (!ctx) return;
      const rgba = overlayRgba(m.values, { ...colours, opacity, mode, scale: m.scale });
      ctx.putImageData(new ImageData(rgba, m.width, m.height), 0, 0);
      canvas.attr('data-opacity', opacity).attr('data-mode', mode);
    },
    setPicture(src) {
      stack.classed('ml-no-picture', !src);
      picture.attr('src', src ?? null).attr('hidden', src ? null : '');
    },
  };
  handle.update(o.opacity, o.mode);
  handle.setPicture(o.picture);
  if (o.segments && m.segmentMap) hoverSegments(chart, m, { width, height });
  return handle;
}

/** Pointer and arrow keys pick a segment: its outline is drawn (halo under a line) and its value shown. */
function hoverSegments(
  chart: ReturnType<typeof createChart>,
  m: MapView,
  drawn: { width: number; height: number },
): void {
  const segmentMap = m.segmentMap as ArrayLike<number>;
  const g = chart.svg
    .append('g')
    .attr('class', 'ml-outline')
    .attr('transform', `scale(${drawn.width / m.width},${drawn.height / m.height})`);
  const halo = g.append('path').attr('class', 'ml-outline-halo');
  const line = g.append('path').attr('class', 'ml-outline-line');
  let current = -1;
  const show = (segment: number) => {
    current = segment;
    const { path } = segmentOutline(segmentMap, m.width, m.height, segment);
    halo.attr('d', path);
    line.attr('d', path);
    chart.svg.attr('data-segment', segment).attr('data-value', m.segmentValues[segment]);
    return segmentTooltip(m, segment);
  };
  const clear = () => {
    current = -1;
    halo.attr('d', null);
    line.attr('d', null);
    chart.svg.attr('data-segment', null).attr('data-value', null).attr('data-x', null).attr('data-y', null);
    chart.tooltip.hide();
  };
  const segments = m.segmentValues.length;
  chart.svg
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr(
      'aria-label',
      `${chart.svg.attr('aria-label')}; arrow keys step through the ${segments} segments, map sum ${formatNumber(m.total)}`,
    )
    .on('pointermove', (event: PointerEvent) => {
      const [x, y] = pointer(event, chart.svg.node());
      const p = inputPixelAt(x, y, drawn, m);
      if (!p) return clear();
      const segment = segmentMap[p.y * m.width + p.x];
      const lines = segment === current ? segmentTooltip(m, segment) : show(segment);
      // The readout names the input's pixel whatever the zoom, so it matches the model's own coordinates.
      chart.svg.attr('data-x', p.x).attr('data-y', p.y);
      chart.tooltip.showFor(event, [`pixel (${p.x}, ${p.y}) of ${m.width}×${m.height}`, ...lines]);
    })
    .on('pointerleave', clear)
    .on('blur', clear)
    .on('keydown', (event: KeyboardEvent) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (event.key === 'Escape') return clear();
      if (step === undefined || segments === 0) return;
      event.preventDefault();
      const next = current < 0 ? 0 : (current + step + segments) % segments;
      chart.tooltip.showNear(line.node() as Element, show(next));
    });
}
