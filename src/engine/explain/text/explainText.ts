/**
 * Text attributions: each text's units (words or tokens) are the feature groups over input_ids (and
 * attention_mask), the masker gives each row its background (the units' tokens hidden), the grouped engine
 * computes the values, and this file lays them out per unit with the units' strings.
 */
import type { Attribution } from '../../../protocol/attributionTypes';
import type { BatchModel, CancelToken } from '../batchModel';
import { sequenceHierarchy } from '../features/hierarchy';
import {
  appendGroupedRow,
  explainInto,
  type GroupedMethod,
  type GroupedRowResult,
  type RowFeatures,
} from '../grouped/explainGrouped';
import { LIME_TEXT } from '../lime/limeBinary';
import type { BackgroundSet, FeatureGroups, ValueFunction } from '../shapley/coalitionValues';
import type { Link } from '../shapley/link';
import type { TextRow } from '../jobs/textData';

export type TextMethod = Exclude<GroupedMethod, 'occlusion'>;

export interface ExplainTextInput {
  model: BatchModel;
  method: TextMethod;
  outputName: string;
  columnNames: string[];
  rows: TextRow[];
  rowIndices: number[];
  classes?: number;
  targetClass?: string | number;
  /** Partition's budget, kernel's coalitions, permutations, or LIME's samples (per row). */
  samples?: number;
  seed?: number;
  link?: Link;
  cancel?: CancelToken;
  progress?: (done: number, total: number) => void;
  plannedEvaluations: number;
  onPartial?: (attribution: Attribution) => void;
  pooledValues?: (
    background: BackgroundSet,
    groups: FeatureGroups,
    link: Link,
    onRows: (rows: number) => void,
  ) => Promise<ValueFunction & { dispose?(): void }>;
}

/** A row's features: its units as groups, its masked row as the one background row, halves of the text for partition. */
export function textFeatures(row: TextRow): RowFeatures {
  return {
    groups: { count: row.units, groupOf: row.groupOf },
    background: { values: row.background, rows: 1 },
    sizes: row.sizes,
    hierarchy: sequenceHierarchy(row.units),
  };
}

export async function explainText(input: ExplainTextInput): Promise<Attribution> {
  const d = input.model.features;
  const rows = new Float64Array(input.rows.length * d);
  input.rows.forEach((r, i) => rows.set(r.x, i * d));
  return explainInto(
    emptyTextAttribution(input),
    (a, row) => appendRow(a, input, row),
    {
      model: input.model,
      method: input.method,
      columnNames: input.columnNames,
      rows,
      count: input.rows.length,
      features: (r) => textFeatures(input.rows[r]),
      classes: input.classes,
      targetClass: input.targetClass,
      samples: input.samples,
      lime: LIME_TEXT,
      seed: input.seed,
      link: input.link,
      cancel: input.cancel,
      onRows: (done) => input.progress?.(done, input.plannedEvaluations),
      pooledValues: input.pooledValues,
    },
    input.onPartial,
  );
}

function emptyTextAttribution(input: ExplainTextInput): Attribution {
  return {
    kind: 'text',
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
    tokens: [],
    targets: [],
    faithfulness: [],
    ...(input.method === 'lime' ? { intercept: [], local_prediction: [], score: [] } : {}),
  };
}

/** One row's values for its targets, unit by unit. */
function appendRow(a: Attribution, input: ExplainTextInput, row: GroupedRowResult): void {
  appendGroupedRow(a, row, input.rowIndices[row.position]);
  a.tokens!.push(input.rows[row.position].labels);
}
