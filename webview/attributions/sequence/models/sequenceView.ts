/** The sequence view's model: the row's signal per feature, its windows as diverging bands, and text. */
import { SIGNAL_POINTS, type Attribution } from '../../../../src/protocol/attributionTypes';
import { classNames, finiteExtent, formatNumber, formatSigned } from '../../models/common';
import { divergingShade, sharedScale, type Shade } from '../../text/models/units';

export function isSequenceAttribution(attr: Pick<Attribution, 'kind'>): boolean {
  return attr.kind === 'sequence';
}

export interface SignalSeries {
  feature: number;
  label: string;
  points: { step: number; value: number }[];
}

export interface SignalView {
  length: number;
  series: SignalSeries[];
  yDomain: [number, number];
  /** Steps between drawn points (1 unless a long signal was decimated). */
  stride: number;
  /** Features the engine left out of the signal (it carries at most SIGNAL_FEATURES). */
  hiddenFeatures: number;
}

/** The row's input values as lines over the time steps; undefined when the result carries no signal. */
export function signalView(attr: Attribution, row: number): SignalView | undefined {
  const signal = attr.signal?.[row];
  const length = attr.sequence?.length ?? 0;
  if (!signal?.length || length === 0) return undefined;
  // The engine keeps step i * stride (see SIGNAL_POINTS).
  const stride = Math.ceil(length / SIGNAL_POINTS);
  const features = attr.sequence?.features ?? signal.length;
  const word = attr.sequence?.layout === 'NCT' ? 'channel' : 'feature';
  const series = signal.map((values, f) => ({
    feature: f,
    label: features > 1 ? `${word} ${f}` : 'signal',
    points: values.map((value, i) => ({ step: i * stride, value })),
  }));
  return {
    length,
    series,
    yDomain: finiteExtent(
      signal.flatMap((v) => v),
      0.05,
    ),
    stride,
    hiddenFeatures: Math.max(0, features - signal.length),
  };
}

export interface Band {
  window: number;
  /** Steps [start, end). */
  start: number;
  end: number;
  value: number;
  stdError?: number;
  shade: Shade;
  tooltip: string[];
}

export interface BandsView {
  row: number;
  target: number;
  classIndex: number;
  className: string;
  length: number;
  bands: Band[];
  /** |value| drawn at full colour, symmetric around 0. */
  scale: number;
  /** Sum of the windows' values: f(sequence) - f(every window hidden) for Shapley-family methods. */
  total: number;
  base: number;
  prediction: number;
  /** WAV data: the sample rate and the row's first sample in the recording, so steps read as seconds. */
  time?: SequenceTime;
}

export interface SequenceTime {
  rate: number;
  /** The row's first sample in its file (a WAV cut into rows names it: `hello.wav[1024:1536]`). */
  offset: number;
}

/** Seconds for WAV data (sample index / sample rate, from the recording's start); absent for other data. */
export function sequenceTime(attr: Attribution, row: number): SequenceTime | undefined {
  const rate = attr.sequence?.sample_rate;
  if (!(rate !== undefined && rate > 0)) return undefined;
  const cut = /\[(\d+):\d+\]$/.exec(attr.files?.[row] ?? '');
  return { rate, offset: cut ? Number(cut[1]) : 0 };
}

/** A step's time: "0.0640 s" at 16 kHz; digits enough to tell one sample from the next at a glance. */
export function secondsText(time: SequenceTime, step: number): string {
  const seconds = (time.offset + step) / time.rate;
  const digits = Math.max(0, Math.min(6, Math.ceil(Math.log10(time.rate)) - 1));
  return `${seconds.toFixed(digits)} s`;
}

/** "steps 40–43", or with a sample rate "0.0025–0.0027 s (samples 40–43)". */
export function stepsText(time: SequenceTime | undefined, start: number, end: number): string {
  const steps = `${start}–${end - 1}`;
  if (!time) return `steps ${steps}`;
  const range = `${secondsText(time, start).replace(/ s$/, '')}–${secondsText(time, end)}`;
  return `${range} (samples ${time.offset + start}–${time.offset + end - 1})`;
}

/** One row's windows for one target (a position in its targets), each coloured by its value. */
export function bandsView(attr: Attribution, row: number, target: number): BandsView | undefined {
  const windows = attr.windows?.[row];
  const classIndex = attr.targets?.[row]?.[target];
  const perWindow = attr.values[row];
  if (!windows || classIndex === undefined || !perWindow || perWindow.length !== windows.length) return undefined;
  const className = classNames(attr)[classIndex] ?? String(classIndex);
  const time = sequenceTime(attr, row);
  const values = perWindow.map((v) => v[target]);
  const scale = sharedScale([values]);
  const errors = attr.std_errors?.[row];
  const bands = windows.map(([start, end], window): Band => {
    const value = values[window];
    const stdError = errors?.[window]?.[target];
    const error = stdError ? ` ± ${formatNumber(2 * stdError)} (2 SE)` : '';
    return {
      window,
      start,
      end,
      value,
      ...(stdError !== undefined ? { stdError } : {}),
      shade: divergingShade(value, scale),
      tooltip: [
        `window ${window + 1} of ${windows.length}: ${stepsText(time, start, end)}`,
        `${formatSigned(value)}${error} toward ${className}`,
      ],
    };
  });
  return {
    row,
    target,
    classIndex,
    className,
    length: attr.sequence?.length ?? Math.max(0, ...windows.map(([, e]) => e)),
    bands,
    scale,
    total: values.reduce((a, v) => (Number.isFinite(v) ? a + v : a), 0),
    base: attr.row_base_values?.[row]?.[classIndex] ?? attr.base_values[classIndex],
    prediction: attr.predictions[row]?.[classIndex] ?? NaN,
    ...(time ? { time } : {}),
  };
}

/** A row's name: its file (a WAV cut into rows says which samples) or its index in the data. */
export function sequenceRowName(attr: Attribution, row: number): string {
  return attr.files?.[row] || `sequence ${attr.rows[row] ?? row}`;
}

/** "the 3 strongest windows: steps 40–43 (+0.9), ..." under the chart, for a reading without the pointer. */
export function strongestWindowsText(view: BandsView, k = 3): string {
  const top = [...view.bands]
    .filter((b) => Number.isFinite(b.value) && b.value !== 0)
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.window - b.window)
    .slice(0, k);
  if (!top.length) return 'No window moves the output.';
  const parts = top.map((b) => `${stepsText(view.time, b.start, b.end)} (${formatSigned(b.value)})`);
  return `Strongest window${top.length > 1 ? 's' : ''}: ${parts.join(', ')}.`;
}
