/** The image view's model: which picture, which target, the maps with their scales, thumbnails and text. */
import type { Attribution } from '../../../../src/protocol/attributionTypes';
import type { ImagePreview } from '../../../../src/protocol/explainTypes';
import { classNames, formatNumber, formatSigned, type ClassPicker } from '../../models/common';
import { mapScale, type HeatMode } from './heatmap';
import { formatProbability, rowProbabilities, topClasses, type PredictedClass } from './predictions';
import { segmentSizes } from './segments';
import type { MapZoom } from './zoom';

/** How the user chose to see the maps; kept across redraws (partial results, theme changes, another row). */
export interface ImageViewState {
  opacity: number;
  background: 'original' | 'model';
  mode: HeatMode;
  /** The main map's size: fitted to the panel, or 1x, 2x, 4x the input's pixels. */
  zoom: MapZoom;
}

export const DEFAULT_OPACITY = 0.7;

export function defaultImageState(): ImageViewState {
  return { opacity: DEFAULT_OPACITY, background: 'original', mode: 'signed', zoom: 'fit' };
}

export function isImageAttribution(attr: Pick<Attribution, 'kind'>): boolean {
  return attr.kind === 'image';
}

/** The row's explained targets, the top class first; the picker chooses among them (positions, not class indices). */
export function imageTargetPicker(attr: Attribution, row: number, selected?: number): ClassPicker {
  if (attr.output_target) {
    const options = [{ index: 0, label: `${attr.output_target.label} = ${targetValueText(attr, row)}` }];
    return { options, selected: 0, visible: false };
  }
  const names = classNames(attr);
  const probs = rowProbabilities(attr.predictions[row] ?? []).values;
  const targets = attr.targets?.[row] ?? [];
  const options = targets.map((c, index) => ({
    index,
    label: `${names[c] ?? c} (${formatProbability(probs[c])})`,
  }));
  const pick = selected !== undefined && selected >= 0 && selected < options.length ? selected : 0;
  return { options, selected: pick, visible: options.length > 1 };
}

/** An output target's value for a row, in the output's units (a region's sum is not a probability). */
export function targetValueText(attr: Attribution, row: number): string {
  return formatNumber(attr.predictions[row]?.[0] ?? NaN);
}

/** The last part of a path, so a thumbnail can name its file in a few characters. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}

/** The preview of an explained row: matched by file (a partial run keeps the last run's previews), else by position. */
export function previewFor(
  attr: Attribution,
  images: ImagePreview[] | undefined,
  row: number,
): ImagePreview | undefined {
  if (!images?.length) return undefined;
  const file = attr.files?.[row];
  if (file !== undefined) return images.find((i) => i.file === file);
  return images.length === attr.rows.length ? images[row] : undefined;
}

export interface Thumbnail {
  row: number;
  file: string;
  name: string;
  src?: string;
  top: PredictedClass[];
  /** "Top: 7 93%, 1 4%, 9 1%" for screen readers and the tooltip. */
  description: string;
}

export function thumbnails(attr: Attribution, images?: ImagePreview[]): Thumbnail[] {
  return attr.rows.map((dataRow, row) => {
    const file = attr.files?.[row] ?? `row ${dataRow}`;
    const top: PredictedClass[] = attr.output_target
      ? [{ index: 0, name: attr.output_target.label, probability: NaN, valueText: targetValueText(attr, row) }]
      : topClasses(attr, row, 3);
    const list = top.map((t) => `${t.name} ${t.valueText ?? formatProbability(t.probability)}`).join(', ');
    return {
      row,
      file,
      name: baseName(file),
      src: previewFor(attr, images, row)?.original,
      top,
      description: `${baseName(file)}: ${list}`,
    };
  });
}

export interface MapView {
  row: number;
  /** Position in the row's targets, and the class it is. */
  target: number;
  classIndex: number;
  className: string;
  /** NaN for an output target, whose value is `valueText` in the output's units. */
  probability: number;
  valueText?: string;
  width: number;
  height: number;
  /** The pixel map, row-major height*width. */
  values: Float64Array;
  /** |value| drawn at full colour; symmetric around 0. */
  scale: number;
  segmentMap?: ArrayLike<number>;
  /** values[row][segment][target] and each segment's pixel count. */
  segmentValues: number[];
  segmentSizes: Int32Array;
  /** The sum of the map: f(image) - f(masked) for Shapley-family methods. */
  total: number;
}

/** The map of one row and target; undefined while the row's map has not arrived. */
export function mapView(attr: Attribution, row: number, target: number, scale?: number): MapView | undefined {
  const { height, width } = attr.image ?? { height: 0, width: 0 };
  const flat = attr.pixel_values?.[row]?.[target];
  const classIndex = attr.targets?.[row]?.[target];
  if (!flat || classIndex === undefined || flat.length !== height * width || height * width === 0) return undefined;
  const values = Float64Array.from(flat);
  const segmentValues = (attr.values[row] ?? []).map((perTarget) => perTarget[target]);
  const segmentMap = attr.segment_map?.[row];
  let total = 0;
  for (const v of values) if (Number.isFinite(v)) total += v;
  return {
    row,
    target,
    classIndex,
    className: classNames(attr)[classIndex] ?? String(classIndex),
    ...(attr.output_target
      ? { probability: NaN, valueText: targetValueText(attr, row) }
      : { probability: rowProbabilities(attr.predictions[row] ?? []).values[classIndex] }),
    width,
    height,
    values,
    scale: scale ?? mapScale(values),
    segmentMap: segmentMap && segmentMap.length === height * width ? segmentMap : undefined,
    segmentValues,
    segmentSizes: segmentSizes(segmentMap ?? [], segmentValues.length),
    total,
  };
}

/** Every target's map of a row on one shared scale, so their colours compare (shap's image_plot does the same). */
export function targetMaps(attr: Attribution, row: number): MapView[] {
  const n = attr.targets?.[row]?.length ?? 0;
  const maps = Array.from({ length: n }, (_, k) => mapView(attr, row, k)).filter((m): m is MapView => !!m);
  const shared = Math.max(0, ...maps.map((m) => m.scale));
  return maps.map((m) => ({ ...m, scale: shared }));
}

/** "7 · 93%" under a small map; an output target's value in its units. */
export function mapTitle(m: MapView): string {
  return `${m.className} · ${m.valueText ?? formatProbability(m.probability)}`;
}

/** How to read the map's colours: toward a class, or raising and lowering a target's value. */
export function mapReading(m: MapView): string {
  return m.valueText !== undefined
    ? `Red raises the ${m.className} (${m.valueText} for this picture), blue lowers it.`
    : `Red pushes toward ${m.className}, blue away from it.`;
}

/** The tooltip of a segment under the pointer. */
export function segmentTooltip(m: MapView, segment: number): string[] {
  const value = m.segmentValues[segment];
  const size = m.segmentSizes[segment] ?? 0;
  return [
    `segment ${segment} (${size} pixels)`,
    `value ${value === undefined ? '—' : formatSigned(value)} ${m.valueText !== undefined ? 'to the' : 'toward'} ${m.className}`,
  ];
}

const CHANNELS: Record<number, string[]> = { 1: ['L'], 3: ['R', 'G', 'B'], 4: ['R', 'G', 'B', 'A'] };

/** "input values: R -2.12..2.25 (mean 0.10) · G ..." under the picture as the model sees it. */
export function rangeText(range: ImagePreview['range'], channelNames?: string[]): string {
  const names = channelNames ?? CHANNELS[range.length] ?? range.map((_, i) => `channel ${i}`);
  const fixed = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : formatNumber(v));
  const parts = range.map(
    (r, i) => `${names[i] ?? `channel ${i}`} ${fixed(r.min)}..${fixed(r.max)} (mean ${fixed(r.mean)})`,
  );
  return `input values: ${parts.join(' · ')}`;
}

/** Screen pixels per map pixel so the longer side is about `target`: whole numbers when enlarging (crisp pixels). */
export function displayScale(width: number, height: number, target: number): number {
  const s = target / Math.max(1, width, height);
  return s >= 1 ? Math.floor(s) : s;
}
