/** A kind's attribution from the grouped engine: the fields every kind has, then the kind's own, row by row. */
import type { Attribution, InputKind } from '../../../protocol/attributionTypes';
import { targetFields } from '../outputTarget';
import {
  appendGroupedRow,
  explainInto,
  type ExplainGroupedInput,
  type GroupedRowResult,
  type RowFeatures,
} from './explainGrouped';
import { emptyGroupedAttribution, groupedInput, type GroupedRun } from './groupedRun';

export interface KindRows {
  kind: InputKind;
  /** The explained rows in the model's layout, `count` of them. */
  rows: Float64Array;
  count: number;
  features: (r: number, x: Float64Array) => RowFeatures;
  lime: ExplainGroupedInput['lime'];
  /** The kind's own fields, empty, and how one row's result fills them. */
  fields: Partial<Attribution>;
  appendRow(a: Attribution, row: GroupedRowResult): void;
}

export function explainKindRows(run: GroupedRun, k: KindRows): Promise<Attribution> {
  return explainInto(
    emptyGroupedAttribution(k.kind, run, { ...targetFields(run.model), ...k.fields }),
    (a, row) => {
      appendGroupedRow(a, row, run.rowIndices[row.position]);
      k.appendRow(a, row);
    },
    groupedInput(run, k.rows, k.count, k.features, k.lime),
    run.onPartial,
  );
}
