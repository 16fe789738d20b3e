/**
 * Sequence attributions: each row's time windows are the feature groups and the masker's row (the data's
 * mean, or zeros) is its background; the grouped engine computes the values, laid out here per window and step.
 */
import type { Attribution } from '../../../protocol/attributionTypes';
import {
  appendGroupedRow,
  explainInto,
  targetColumn,
  type GroupedRowResult,
  type RowFeatures,
} from '../grouped/explainGrouped';
import { emptyGroupedAttribution, groupedInput, type GroupedRun } from '../grouped/groupedRun';
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
  return explainInto(
    emptyGroupedAttribution('sequence', input, {
      sequence: { length: g.length, features: g.features, layout: g.layout },
      files: [],
      segments: [],
      windows: [],
      step_values: [],
    }),
    (a: Attribution, row: GroupedRowResult) => appendRow(a, input, row, windows.spans),
    // A window is a unit in a line, as a word is: LIME's text sampling (hide a uniform number of units).
    groupedInput(input, input.rows, input.labels.length, features, LIME_TEXT),
    input.onPartial,
  );
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
