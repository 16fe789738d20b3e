/**
 * Sequence attributions: each row's time windows are the feature groups and the masker's row (the data's
 * mean, or zeros) is its background; the grouped engine computes the values, laid out here per window and step.
 */
import { SIGNAL_FEATURES, SIGNAL_POINTS, type Attribution } from '../../../protocol/attributionTypes';
import { elementAt } from '../../data/sequence/layout';
import { targetColumn, type GroupedRowResult, type RowFeatures } from '../grouped/explainGrouped';
import { explainKindRows } from '../grouped/explainKind';
import type { GroupedRun } from '../grouped/groupedRun';
import { LIME_TEXT } from '../lime/limeBinary';
import { sequenceWindows, spreadOverSteps, type SequenceGrid } from './windows';

export interface ExplainSequencesInput extends GroupedRun {
  grid: SequenceGrid;
  window: number;
  /** The explained rows in the model's layout, and where each came from. */
  rows: Float64Array;
  labels: string[];
  /** What a hidden window becomes: one row in the model's layout. */
  masked: Float64Array;
}

export async function explainSequences(input: ExplainSequencesInput): Promise<Attribution> {
  const windows = sequenceWindows(input.grid, input.window);
  const features = (): RowFeatures => ({
    groups: windows.groups,
    background: { values: input.masked, rows: 1 },
    sizes: windows.sizes,
    hierarchy: windows.hierarchy,
    occlusion: windows.occlusion,
  });
  const g = input.grid;
  return explainKindRows(input, {
    kind: 'sequence',
    rows: input.rows,
    count: input.labels.length,
    features,
    // A window is a unit in a line, as a word is: LIME's text sampling (hide a uniform number of units).
    lime: LIME_TEXT,
    fields: {
      sequence: { length: g.length, features: g.features, layout: g.layout, ...sampleRateOf(input.model) },
      files: [],
      segments: [],
      windows: [],
      step_values: [],
      signal: [],
    },
    appendRow: (a, row) => appendRow(a, input, row, windows.spans),
  });
}

/** A WAV's sample rate, which the sequence model keeps, so the view can put steps in seconds. */
function sampleRateOf(model: object): { sample_rate?: number } {
  const rate = (model as { sampleRate?: unknown }).sampleRate;
  return typeof rate === 'number' && rate > 0 ? { sample_rate: rate } : {};
}

/** One row's window values for its targets, and the same spread over the time steps. */
function appendRow(
  a: Attribution,
  input: ExplainSequencesInput,
  row: GroupedRowResult,
  spans: [number, number][],
): void {
  a.files!.push(input.labels[row.position]);
  a.segments!.push(spans.length);
  a.windows!.push(spans.map(([s, e]) => [s, e]));
  a.step_values!.push(
    row.targets.map((t) => spreadOverSteps(Array.from(targetColumn(row, t)), spans, input.grid.length)),
  );
  a.signal!.push(rowSignal(input, row.position));
}

/** The row's input values per feature for the panel's line chart, capped (see SIGNAL_POINTS) and decimated. */
function rowSignal(input: ExplainSequencesInput, position: number): number[][] {
  const { layout, length, features } = input.grid;
  const start = position * length * features;
  const stride = Math.ceil(length / SIGNAL_POINTS);
  const points = Math.ceil(length / stride);
  return Array.from({ length: Math.min(features, SIGNAL_FEATURES) }, (_, f) =>
    Array.from({ length: points }, (_, i) => input.rows[start + elementAt(layout, length, features, i * stride, f)]),
  );
}
