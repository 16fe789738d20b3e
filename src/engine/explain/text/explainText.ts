/**
 * Text attributions: each text's units (words or tokens) are the feature groups over input_ids (and
 * attention_mask), the masker gives each row its background (the units' tokens hidden), the grouped engine
 * computes the values, and this file lays them out per unit with the units' strings.
 */
import type { Attribution } from '../../../protocol/attributionTypes';
import { sequenceHierarchy } from '../features/hierarchy';
import type { GroupedMethod, RowFeatures } from '../grouped/explainGrouped';
import { explainKindRows } from '../grouped/explainKind';
import type { GroupedRun } from '../grouped/groupedRun';
import { LIME_TEXT } from '../lime/limeBinary';
import type { TextRow } from '../jobs/textData';

export type TextMethod = Exclude<GroupedMethod, 'occlusion'>;

export interface ExplainTextInput extends GroupedRun {
  method: TextMethod;
  rows: TextRow[];
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
  return explainKindRows(input, {
    kind: 'text',
    rows,
    count: input.rows.length,
    features: (r) => textFeatures(input.rows[r]),
    lime: LIME_TEXT,
    fields: { tokens: [] },
    // Each row's units by their strings, beside their values.
    appendRow: (a, row) => a.tokens!.push(input.rows[row.position].labels),
  });
}
