/**
 * The output map's model: a picture's output (a probability map, a mask) as one plane of cells to drag a box
 * or click an element on, and a recording's output per chunk as a line to pick rows on. The choices come out
 * as the form's Target and Rows texts.
 */
import type { OutputMap } from '../../../src/protocol/outputMapTypes';
import { targetLabel } from '../../../src/protocol/targetLabel';
import { finiteExtent, formatNumber } from '../models/common';

export type ImageOutputMap = Extract<OutputMap, { kind: 'image' }>;
export type SequenceOutputMap = Extract<OutputMap, { kind: 'sequence' }>;

export interface MapPlane {
  height: number;
  width: number;
  /** Planes before the last two axes (channels of a mask). */
  channels: number;
  channel: number;
  /** The channel's values, row-major height*width. */
  values: Float64Array;
  domain: [number, number];
}

/** One channel of an output with two spatial axes last; undefined for a flat output (nothing to draw a box on). */
export function mapPlane(map: ImageOutputMap, channel = 0): MapPlane | undefined {
  if (map.dims.length < 2) return undefined;
  const height = map.dims[map.dims.length - 2];
  const width = map.dims[map.dims.length - 1];
  const channels = map.dims.slice(0, -2).reduce((a, b) => a * b, 1);
  const c = Math.max(0, Math.min(channels - 1, Math.floor(channel)));
  const values = Float64Array.from(map.values.slice(c * height * width, (c + 1) * height * width));
  if (values.length !== height * width) return undefined;
  return { height, width, channels, channel: c, values, domain: finiteExtent(Array.from(values), 0) };
}

export interface Cell {
  row: number;
  column: number;
}

/** The cell under a point `scale` screen pixels per cell from the map's corner, kept inside the map. */
export function cellAt(plane: MapPlane, x: number, y: number, scale: number): Cell {
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, Math.floor(v / scale)));
  return { row: clamp(y, plane.height), column: clamp(x, plane.width) };
}

/** The box a drag covers, both corner cells included: [top, left, bottom, right) as the target wants. */
export function dragBox(a: Cell, b: Cell): [number, number, number, number] {
  return [
    Math.min(a.row, b.row),
    Math.min(a.column, b.column),
    Math.max(a.row, b.row) + 1,
    Math.max(a.column, b.column) + 1,
  ];
}

export interface TargetChoice {
  /** The form's Target text (the CLI's --target). */
  text: string;
  label: string;
  /** The target's value on this picture: the box's sum, or the element. */
  value: number;
}

/** A dragged box as a region target: its text, its label, and its sum over the plane. */
export function regionChoice(
  map: ImageOutputMap,
  plane: MapPlane,
  box: [number, number, number, number],
): TargetChoice {
  const [top, left, bottom, right] = box;
  let value = 0;
  for (let y = top; y < bottom; y++) for (let x = left; x < right; x++) value += plane.values[y * plane.width + x];
  const channel = plane.channels > 1 ? plane.channel : undefined;
  const target = { kind: 'region' as const, box, ...(channel !== undefined ? { channel } : {}) };
  return {
    text: `region:${box.join(',')}${channel !== undefined ? `@${channel}` : ''}`,
    label: targetLabel(target, map.output, map.dims),
    value,
  };
}

/** A clicked cell as an element target (flat index after the batch axis). */
export function elementChoice(map: ImageOutputMap, plane: MapPlane, cell: Cell): TargetChoice {
  const index = plane.channel * plane.height * plane.width + cell.row * plane.width + cell.column;
  return {
    text: `element:${index}`,
    label: targetLabel({ kind: 'element', index }, map.output, map.dims),
    value: plane.values[cell.row * plane.width + cell.column],
  };
}

/** "sum of output 'x' over rows 3-10, columns 5-9 = 41.2" beside the map. */
export function choiceText(c: TargetChoice): string {
  return `${c.label} = ${formatNumber(c.value)}`;
}

export interface ChunkPoint {
  chunk: number;
  /** Where the chunk starts: seconds with a sample rate, else its index. */
  x: number;
  value: number;
  tooltip: string[];
}

export interface ChunkLine {
  points: ChunkPoint[];
  xLabel: string;
  yDomain: [number, number];
  columnName: string;
}

/** One output column over every chunk of the recording, at each chunk's start. */
export function chunkLine(map: SequenceOutputMap, column = 0): ChunkLine {
  const c = Math.max(0, Math.min(map.columns - 1, column));
  const rate = map.sampleRate;
  const columnName = map.columnNames[c] ?? String(c);
  const points = map.chunks.map((name, chunk) => {
    const value = map.values[chunk * map.columns + c];
    const start = chunk * map.chunkLength;
    const at = rate ? `${(start / rate).toFixed(3)}–${((start + map.chunkLength) / rate).toFixed(3)} s` : '';
    return {
      chunk,
      x: rate ? start / rate : chunk,
      value,
      tooltip: [`row ${chunk}: ${name}${at ? ` (${at})` : ''}`, `${columnName}: ${formatNumber(value)}`],
    };
  });
  return {
    points,
    xLabel: rate ? `time (s, ${rate} Hz)` : 'row (chunk)',
    yDomain: finiteExtent(
      points.map((p) => p.value),
      0.05,
    ),
    columnName,
  };
}

/** The rows a Rows text names ("0-3, 7"); parts that are not rows are left out. */
export function rowsOf(rowsText: string): Set<number> {
  const picked = new Set<number>();
  for (const part of rowsText.split(',').map((p) => p.trim())) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!range) continue;
    const a = Number(range[1]);
    const b = range[2] === undefined ? a : Number(range[2]);
    for (let r = a; r <= b && r - a < 100_000; r++) picked.add(r);
  }
  return picked;
}

/** The Rows text with a clicked chunk added, or taken out when it was there: sorted, one list. */
export function toggleRow(rowsText: string, chunk: number): string {
  const picked = rowsOf(rowsText);
  if (picked.has(chunk)) picked.delete(chunk);
  else picked.add(chunk);
  return [...picked].sort((a, b) => a - b).join(', ');
}
