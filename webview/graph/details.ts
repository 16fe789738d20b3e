/** Pure view model of the details column: what to show for an operator, a graph input/output or an initializer. */
import type { NodeDetails, NodeLink, WeightView } from '../../src/protocol/graphTypes';

export interface HistogramView {
  edges: number[];
  counts: number[];
}

export interface DetailsCell {
  text: string;
  /** A node id to open when the cell is clicked. */
  link?: string;
  histogram?: HistogramView;
}

export interface DetailsSection {
  title: string;
  rows: DetailsCell[][];
}

export interface DetailsModel {
  title: string;
  subtitle: string;
  doc: string;
  sections: DetailsSection[];
  /** The values of the one tensor an initializer is, drawn large. */
  histogram?: HistogramView;
}

const cells = (...texts: string[]): DetailsCell[] => texts.map((text) => ({ text }));
const dims = (d: number[]) => `[${d.join(', ')}]`;
const linkRow = (l: NodeLink): DetailsCell[] => [{ text: l.label, link: l.id }, { text: l.name }];

/** Bytes in the largest unit that keeps a whole number part: 24 B, 1.5 KB, 3.2 MB. */
export function bytesText(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** One-line statistics, the same for an operator's weights and an initializer. */
export function statsText(s: NonNullable<WeightView['stats']>): string {
  const zeros = ((100 * s.zeros) / Math.max(1, s.count)).toFixed(1);
  return `min ${s.min.toPrecision(3)}, max ${s.max.toPrecision(3)}, mean ${s.mean.toPrecision(3)}, std ${s.std.toPrecision(3)}, zeros ${zeros}%`;
}

function operatorModel(d: NodeDetails): DetailsModel {
  const section = (title: string, rows: DetailsCell[][]) => ({ title, rows });
  return {
    title: `${d.op}${d.name ? ` · ${d.name}` : ''}`,
    subtitle: d.domain,
    doc: d.doc,
    sections: [
      section(
        'Attributes',
        d.attributes.map((a) => cells(a.name, a.value)),
      ),
      section(
        'Inputs',
        d.inputs.map((t) => cells(t.name, t.shape)),
      ),
      section(
        'Outputs',
        d.outputs.map((t) => cells(t.name, t.shape)),
      ),
      section(
        'Weights',
        d.weights.map((w) => [
          { text: w.name, link: `init:${w.name}` },
          { text: `${w.dtype} ${dims(w.dims)}` },
          w.stats ? { text: statsText(w.stats), histogram: w.histogram } : { text: w.location },
        ]),
      ),
    ].filter((s) => s.rows.length > 0),
  };
}

function initializerModel(d: NodeDetails): DetailsModel {
  const w = d.weights[0];
  const consumers = d.tensor?.consumers ?? [];
  const values: DetailsCell[][] = w?.stats
    ? [
        cells('Min', w.stats.min.toPrecision(4)),
        cells('Max', w.stats.max.toPrecision(4)),
        cells('Mean', w.stats.mean.toPrecision(4)),
        cells('Std', w.stats.std.toPrecision(4)),
        cells(
          'Sparsity',
          `${((100 * w.stats.zeros) / Math.max(1, w.stats.count)).toFixed(1)}% zeros (${w.stats.zeros} of ${w.stats.count})`,
        ),
      ]
    : [cells('Values', w?.location.startsWith('external') ? 'not read: stored in an external file' : 'not available')];
  return {
    title: d.name,
    subtitle: 'Initializer · weight tensor',
    doc: d.doc,
    sections: [
      {
        title: 'Tensor',
        rows: w
          ? [
              cells('Kind', 'initializer'),
              cells('Type', w.dtype),
              cells('Dims', dims(w.dims)),
              cells('Bytes', bytesText(w.bytes)),
              cells('Location', w.location),
            ]
          : [cells('Kind', 'initializer')],
      },
      { title: 'Values', rows: values },
      { title: 'Used by', rows: consumers.map(linkRow) },
    ].filter((s) => s.rows.length > 0),
    ...(w?.histogram && w.histogram.counts.length ? { histogram: w.histogram } : {}),
  };
}

function tensorModel(d: NodeDetails, kind: 'input' | 'output'): DetailsModel {
  const t = d.tensor;
  return {
    title: d.name,
    subtitle: kind === 'input' ? 'Graph input' : 'Graph output',
    doc: d.doc,
    sections: [
      {
        title: 'Tensor',
        rows: [cells('Kind', kind), cells('Type', t?.type || 'unknown'), cells('Shape', t?.shape || 'unknown')],
      },
      { title: 'Produced by', rows: (t?.producers ?? []).map(linkRow) },
      { title: 'Consumed by', rows: (t?.consumers ?? []).map(linkRow) },
    ].filter((s) => s.rows.length > 0),
  };
}

/** The details column for any node; details without a kind come from an engine that only knew operators. */
export function detailsModel(d: NodeDetails): DetailsModel {
  switch (d.kind) {
    case 'input':
    case 'output':
      return tensorModel(d, d.kind);
    case 'initializer':
      return initializerModel(d);
    default:
      return operatorModel(d);
  }
}

/** Bars of a histogram in a width x height box, tallest bar full height; a zero count gets no height. */
export function histogramBars(
  h: HistogramView,
  width: number,
  height: number,
): { x: number; y: number; width: number; height: number; count: number }[] {
  const n = h.counts.length;
  if (n === 0) return [];
  const top = Math.max(1, ...h.counts);
  const w = width / n;
  return h.counts.map((count, i) => {
    const bar = (count / top) * height;
    return { x: i * w, y: height - bar, width: w, height: bar, count };
  });
}
