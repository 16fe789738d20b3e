/**
 * Sequence attributions: each row's time windows are the feature groups and the masker's row (the data's
 * mean, or zeros) is its background; the grouped engine computes the values, laid out here per window and step.
 */
import type { Attribution } from '../../../protocol/attributionTypes';
import type { BatchModel, CancelToken } from '../batchModel';
import {
  appendGroupedRow,
  explainInto,
  targetColumn,
  type GroupedMethod,
  type GroupedRowResult,
  type RowFeatures,
} from '../grouped/explainGrouped';
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
  const windows = sequenceWindows(input.grid, input.window);
  const features = (): RowFeatures => ({
    groups: windows.groups,
    background: { values: input.masked, rows: 1 },
    sizes: windows.sizes,
    hierarchy: windows.hierarchy,
    occlusion: windows.occlusion,
  });
  return explainInto(
    emptySequenceAttribution(input),
    (a: Attribution, row: GroupedRowResult) => appendRow(a, input, row, windows.spans),
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
    },
    input.onPartial,
  );
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
  appendGroupedRow(a, row, input.rowIndices[row.position]);
  a.files!.push(input.labels[row.position]);
  a.segments!.push(spans.length);
  a.windows!.push(spans.map(([s, e]) => [s, e]));
  a.step_values!.push(
    row.targets.map((t) => spreadOverSteps(Array.from(targetColumn(row, t)), spans, input.grid.length)),
  );
}
