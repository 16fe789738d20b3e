/**
 * Sequence attributions: each row's time windows are the feature groups and the masker's row (the data's
 * mean, or zeros) is its background; the grouped engine computes the values, laid out here per window and step.
 */
import { SIGNAL_FEATURES, SIGNAL_POINTS, type Attribution } from '../../../protocol/attributionTypes';
import { elementAt } from '../../data/sequence/layout';
import type { BatchModel, CancelToken } from '../batchModel';
import { explainGrouped, type GroupedMethod, type GroupedRowResult, type RowFeatures } from '../grouped/explainGrouped';
import { LIME_TEXT } from '../lime/limeBinary';
import type { Link } from '../shapley/link';
import { sequenceWindows, spreadOverSteps, type SequenceGrid } from './windows';

export interface ExplainSequencesInput {
  model: BatchModel;
  method: GroupedMethod;
  outputName: string;
  columnNames: string[];
  grid: SequenceGrid;
  window: number;
  /** The explained rows in the model's layout, and where each came from. */
  rows: Float64Array;
  labels: string[];
  rowIndices: number[];
  /** What a hidden window becomes: one row in the model's layout. */
  masked: Float64Array;
  classes?: number;
  targetClass?: string | number;
  samples?: number;
  seed?: number;
  link?: Link;
  cancel?: CancelToken;
  progress?: (done: number, total: number) => void;
  plannedEvaluations: number;
  onPartial?: (attribution: Attribution) => void;
}

export async function explainSequences(input: ExplainSequencesInput): Promise<Attribution> {
  const t0 = performance.now();
  const windows = sequenceWindows(input.grid, input.window);
  const attribution = emptySequenceAttribution(input);
  const features = (): RowFeatures => ({
    groups: windows.groups,
    background: { values: input.masked, rows: 1 },
    sizes: windows.sizes,
    hierarchy: windows.hierarchy,
    occlusion: windows.occlusion,
  });
  const append = (a: Attribution, row: GroupedRowResult) => appendRow(a, input, row, windows.spans);
  attribution.evaluations = await explainGrouped(
    {
      model: input.model,
      method: input.method,
      columnNames: input.columnNames,
      rows: input.rows,
      count: input.labels.length,
      features,
      classes: input.classes,
      targetClass: input.targetClass,
      samples: input.samples,
      // A window is a unit in a line, as a word is: LIME's text sampling (hide a uniform number of units).
      lime: LIME_TEXT,
      seed: input.seed,
      link: input.link,
      cancel: input.cancel,
      onRows: (done) => input.progress?.(done, input.plannedEvaluations),
      onDraft: (row) => {
        if (!input.onPartial) return;
        const draft = structuredClone(attribution);
        append(draft, row);
        input.onPartial(draft);
      },
    },
    (row) => {
      append(attribution, row);
      attribution.seconds = (performance.now() - t0) / 1000;
      input.onPartial?.(structuredClone(attribution));
    },
  );
  attribution.seconds = (performance.now() - t0) / 1000;
  return attribution;
}

function emptySequenceAttribution(input: ExplainSequencesInput): Attribution {
  return {
    kind: 'sequence',
    method: input.method,
    output: input.outputName,
    output_columns: input.columnNames,
    feature_names: [],
    rows: [],
    feature_values: [],
    values: [],
    base_values: new Array<number>(input.model.columns).fill(0),
    row_base_values: [],
    predictions: [],
    evaluations: 0,
    seconds: 0,
    link: input.link ?? 'identity',
    sequence: { length: input.grid.length, features: input.grid.features, layout: input.grid.layout },
    files: [],
    segments: [],
    targets: [],
    windows: [],
    step_values: [],
    signal: [],
    faithfulness: [],
    ...(input.method === 'lime' ? { intercept: [], local_prediction: [], score: [] } : {}),
  };
}

/** One row's window values for its targets, and the same spread over the time steps. */
function appendRow(
  a: Attribution,
  input: ExplainSequencesInput,
  row: GroupedRowResult,
  spans: [number, number][],
): void {
  const c = row.empty.length;
  const m = spans.length;
  a.rows.push(input.rowIndices[row.position]);
  a.files!.push(input.labels[row.position]);
  a.predictions.push(Array.from(row.prediction));
  a.row_base_values!.push(Array.from(row.empty));
  // A row's base is its fully masked sequence's output; base_values is their mean over the rows.
  a.base_values = a.base_values.map(
    (_, j) => a.row_base_values!.reduce((s, b) => s + b[j], 0) / a.row_base_values!.length,
  );
  a.feature_values.push([]);
  a.targets!.push(row.targets);
  a.segments!.push(m);
  a.windows!.push(spans.map(([s, e]) => [s, e]));
  a.values.push(Array.from({ length: m }, (_, w) => row.targets.map((t) => row.phi[w * c + t])));
  a.step_values!.push(
    row.targets.map((t) =>
      spreadOverSteps(
        Array.from({ length: m }, (_, w) => row.phi[w * c + t]),
        spans,
        input.grid.length,
      ),
    ),
  );
  a.signal!.push(rowSignal(input, row.position));
  a.faithfulness!.push(row.curves);
  if (row.lime) {
    a.intercept!.push(Array.from(row.lime.intercept));
    a.local_prediction!.push(Array.from(row.lime.localPrediction));
    a.score!.push(Array.from(row.lime.score));
  }
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
