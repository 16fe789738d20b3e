/** The Attributions tab's view of an image explanation (and the report's): wiring of the image models and renderers. */
import { select } from 'd3';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import type { ImagePreview } from '../../../src/protocol/explainTypes';
import { formatNumber } from '../models/common';
import type { Area } from '../panelRender';
import { mapsNpyBase64, overlayPngBase64 } from './export';
import { curvesView } from './models/curves';
import {
  baseName,
  displayScale,
  mapReading,
  mapTitle,
  mapView,
  previewFor,
  rangeText,
  targetMaps,
  thumbnails,
  type ImageViewState,
  type MapView,
} from './models/imageView';
import { renderCurves } from './render/curves';
import { heatColours, renderHeatMap, type HeatMapHandle } from './render/heatmap';
import { renderHeatLegend } from './render/legend';
import { renderThumbnails } from './render/thumbnails';
import { MAP_ZOOMS, mapZoomScale, zoomLabel } from './models/zoom';

export interface ImageViewInput {
  attr: Attribution;
  images?: ImagePreview[];
  /** Position in the attribution's rows, and in that row's targets. */
  row: number;
  target: number;
  state: ImageViewState;
  width: number;
  /** The report: pictures at the default opacity, no controls and no exports. */
  static?: boolean;
}

export interface ImageViewHandlers {
  selectRow(row: number): void;
  /** The zoom changed (state.zoom): the view is drawn again at the new size. */
  zoom?(): void;
  selectTarget(target: number): void;
  exportSvg?(svg: SVGSVGElement, chartId: string): void;
  exportPng?(svg: SVGSVGElement, chartId: string): void;
  /** Binary files (PNG, .npy) for the host to save. */
  saveFile?(defaultName: string, format: 'png' | 'npy', base64: string): void;
  error?(message: string): void;
}

type Button = [id: string, label: string, title: string, act: () => void];

function section(parent: Area, id: string, title: string, buttons: Button[]): Area {
  const s = parent.append('section').attr('class', 'attr-chart ml-image-section').attr('id', `section-${id}`);
  const head = s.append('div').attr('class', 'attr-chart-head');
  head.append('h3').text(title);
  for (const [bid, label, tip, act] of buttons)
    head.append('button').attr('type', 'button').attr('id', bid).attr('title', tip).text(label).on('click', act);
  return s as unknown as Area;
}

export function drawImageView(parent: Area, input: ImageViewInput, h: ImageViewHandlers): void {
  const { attr, state } = input;
  const { height, width } = attr.image ?? { height: 0, width: 0 };
  const row = Math.max(0, Math.min(input.row, attr.rows.length - 1));
  const preview = previewFor(attr, input.images, row);
  const file = baseName(attr.files?.[row] ?? `row ${attr.rows[row]}`);

  const strip = section(parent, 'thumbs', 'Explained images', []);
  strip
    .append('p')
    .attr('class', 'hint')
    .text(
      attr.output_target
        ? `Each picture with its ${attr.output_target.label}; choose one to see its map.`
        : 'Each picture with its three most probable classes; choose one to see its map.',
    );
  renderThumbnails(strip.append('div').node() as HTMLElement, thumbnails(attr, input.images), {
    selected: row,
    scale: displayScale(width, height, 64),
    width,
    height,
    onSelect: (r) => h.selectRow(r),
  });

  const main = mapView(attr, row, input.target);
  const all = targetMaps(attr, row);
  const stem = () => `${file.replace(/\.[^.]+$/, '')}-${main?.className ?? 'map'}`.replace(/[^\w.-]+/g, '_');
  const handles: HeatMapHandle[] = [];
  const buttons: Button[] =
    input.static || !main || !h.saveFile
      ? []
      : [
          ['img-export-png', 'PNG', 'Save the picture with the map over it as PNG', () => void savePng(main)],
          ['img-export-npy', 'NPY', 'Save this map as a float32 [height, width] .npy', () => saveNpy([main], 'map')],
        ];
  if (buttons.length && all.length > 1)
    buttons.push([
      'img-export-npy-all',
      'NPY (all targets)',
      `Save the ${all.length} targets' maps as a float32 [targets, height, width] .npy`,
      () => saveNpy(all, 'maps'),
    ]);
  const mapSection = section(
    parent,
    'heatmap',
    main ? `Map of ${file} for ${main.className}` : `Map of ${file}`,
    buttons,
  );
  if (!main) {
    mapSection.append('p').attr('class', 'hint').text("This image's map has not arrived yet.");
    return;
  }
  const controls = input.static ? undefined : mapSection.append('div').attr('class', 'ml-image-controls');
  const body = mapSection.append('div').attr('class', 'ml-image-main');
  const available = Math.max(120, input.width - 40);
  const scale = mapZoomScale(width, height, input.static ? 'fit' : state.zoom, available);
  // A zoomed-in map wider than the panel scrolls inside its figure rather than widening the page.
  const mapBox = body
    .append('div')
    .attr('class', 'ml-image-figure')
    .style('max-width', `${available}px`)
    .style('overflow-x', 'auto');
  const mapEl = mapBox.append('div').attr('id', 'chart-heatmap').node() as HTMLElement;
  const pictureFor = (background: ImageViewState['background']) =>
    background === 'model' ? (preview?.asModelSees ?? preview?.original) : preview?.original;
  handles.push(
    renderHeatMap(mapEl, main, {
      scale,
      opacity: state.opacity,
      mode: state.mode,
      picture: pictureFor(state.background),
      label: `Attribution map of ${file} for ${main.className}`,
      segments: true,
      id: 'img-heatmap',
    }),
  );
  const legendEl = mapBox.append('div').attr('id', 'chart-heat-legend').node() as HTMLElement;
  const legendWidth = Math.max(260, Math.min(available, Math.round(width * scale)));
  const drawLegend = () =>
    renderHeatLegend(legendEl, {
      scale: main.scale,
      mode: state.mode,
      opacity: state.opacity,
      width: legendWidth,
      className: main.className,
      target: main.valueText !== undefined,
    });
  drawLegend();
  const range = mapBox.append('p').attr('class', 'hint ml-input-range').attr('id', 'img-input-range');
  const showRange = () =>
    range
      .text(preview && state.background === 'model' ? rangeText(preview.range) : '')
      .attr('hidden', preview && state.background === 'model' ? null : '');
  showRange();
  body
    .append('p')
    .attr('class', 'hint ml-image-reading')
    .text(
      `${mapReading(main)} The map sums to ${formatNumber(main.total)}` +
        (attr.method === 'lime'
          ? ' (LIME weights).'
          : ' (the output with the picture minus the output with it hidden).') +
        (input.static ? '' : ' Hover a segment, or focus the map and use the arrow keys, for its value.') +
        (preview ? '' : ' The picture arrives when the run finishes.'),
    );

  if (controls) {
    const slider = controls.append('label').attr('class', 'attr-inline');
    slider.append('span').text('Opacity');
    slider
      .append('input')
      .attr('id', 'img-opacity')
      .attr('type', 'range')
      .attr('min', 0)
      .attr('max', 1)
      .attr('step', 0.05)
      .property('value', state.opacity)
      .on('input', function () {
        state.opacity = Number((this as HTMLInputElement).value);
        redrawOverlays();
      });
    const bg = controls.append('label').attr('class', 'attr-inline');
    bg.append('span').text('Picture');
    const select_ = bg.append('select').attr('id', 'img-background');
    select_.append('option').attr('value', 'original').text('original');
    select_
      .append('option')
      .attr('value', 'model')
      .property('disabled', !preview?.asModelSees)
      .text('as the model sees it');
    select_.property('value', state.background).on('change', function () {
      state.background = (this as HTMLSelectElement).value === 'model' ? 'model' : 'original';
      handles[0].setPicture(pictureFor(state.background));
      showRange();
    });
    const positive = controls.append('label').attr('class', 'attr-inline');
    positive
      .append('input')
      .attr('id', 'img-positive')
      .attr('type', 'checkbox')
      .property('checked', state.mode === 'positive')
      .on('change', function () {
        state.mode = (this as HTMLInputElement).checked ? 'positive' : 'signed';
        redrawOverlays();
      });
    positive.append('span').text('positive only');
    const zoom = controls.append('label').attr('class', 'attr-inline');
    zoom.append('span').text('Zoom');
    const zoomSelect = zoom
      .append('select')
      .attr('id', 'img-zoom')
      .attr('title', "fit: the panel's width; 1x, 2x, 4x: screen pixels per input pixel");
    zoomSelect
      .selectAll('option')
      .data(MAP_ZOOMS)
      .join('option')
      .attr('value', (z) => String(z))
      .text((z) => zoomLabel(z));
    zoomSelect.property('value', String(state.zoom)).on('change', function () {
      const v = (this as HTMLSelectElement).value;
      state.zoom = v === 'fit' ? 'fit' : (Number(v) as 1 | 2 | 4);
      h.zoom?.();
    });
  }

  if (all.length > 1) {
    const topk = section(parent, 'topk', `The ${all.length} explained classes of ${file}`, []);
    topk
      .append('p')
      .attr('class', 'hint')
      .text(`One colour scale for all, ±${formatNumber(all[0].scale)}; choose a map to see it above.`);
    const grid = topk.append('div').attr('class', 'ml-image-grid');
    const small = displayScale(width, height, 150);
    for (const m of all) {
      const cell = grid
        .append('figure')
        .attr('class', 'ml-image-cell')
        .classed('selected', m.target === main.target)
        .attr('data-target', m.target);
      const el = cell.append('div').node() as HTMLElement;
      handles.push(
        renderHeatMap(el, m, {
          scale: small,
          opacity: state.opacity,
          mode: state.mode,
          picture: preview?.original,
          label: `Map for ${m.className}`,
        }),
      );
      cell
        .append('figcaption')
        .append('button')
        .attr('type', 'button')
        .attr('class', 'ml-link')
        .attr('id', `img-target-${m.target}`)
        .attr('aria-pressed', String(m.target === main.target))
        .text(mapTitle(m))
        .on('click', () => h.selectTarget(m.target));
    }
  }

  const curves = attr.faithfulness?.[row]?.[main.target];
  if (curves) {
    const cb: Button[] = [];
    const svg = () => curvesEl.querySelector('svg');
    if (!input.static && h.exportSvg && h.exportPng) {
      const [svgOut, pngOut] = [h.exportSvg, h.exportPng];
      cb.push(['img-curves-svg', 'SVG', 'Save the curves as SVG', () => svg() && svgOut(svg()!, 'curves')]);
      cb.push(['img-curves-png', 'PNG', 'Save the curves as PNG', () => svg() && pngOut(svg()!, 'curves')]);
    }
    const s = section(parent, 'curves', `How faithful the map is: ${main.className}`, cb);
    const curvesEl = s.append('div').attr('id', 'chart-curves').node() as HTMLElement;
    renderCurves(curvesEl, curvesView(curves, main.className), { width: Math.min(input.width, 640), height: 330 });
  }

  function redrawOverlays(): void {
    for (const handle of handles) handle.update(state.opacity, state.mode);
    drawLegend();
  }

  async function savePng(m: MapView): Promise<void> {
    try {
      const colours = heatColours(mapEl);
      const base64 = await overlayPngBase64(m, pictureFor(state.background), {
        ...colours,
        opacity: state.opacity,
        mode: state.mode,
      });
      h.saveFile?.(`${stem()}-overlay.png`, 'png', base64);
    } catch (e) {
      h.error?.(e instanceof Error ? e.message : String(e));
    }
  }

  function saveNpy(maps: MapView[], what: string): void {
    try {
      h.saveFile?.(`${stem()}-${what}.npy`, 'npy', mapsNpyBase64(maps));
    } catch (e) {
      h.error?.(e instanceof Error ? e.message : String(e));
    }
  }
}

/** After a redraw, focus comes back to the control that had it (a thumbnail, a target button). */
export function refocus(id: string | undefined): void {
  if (id) (select(`#${CSS.escape(id)}`).node() as HTMLElement | null)?.focus();
}
