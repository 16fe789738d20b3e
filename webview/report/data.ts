/** Reads the report's embedded JSON back; JSON has no NaN, so missing numbers (null) become NaN again. */
import type { Attribution } from '../../src/protocol/attributionTypes';
import type { ReportData } from '../../src/protocol/reportTypes';

type Nested = number | null | Nested[];

function revive<T extends Nested>(v: T): T {
  if (v === null) return NaN as T;
  if (Array.isArray(v)) return v.map((x) => revive(x)) as T;
  return v;
}

export function parseReportData(text: string): ReportData {
  const data = JSON.parse(text) as ReportData;
  const a = data.attribution as Attribution;
  a.feature_values = revive(a.feature_values as Nested) as number[][];
  a.values = revive(a.values as Nested) as number[][][];
  a.predictions = revive(a.predictions as Nested) as number[][];
  if (a.raw_predictions) a.raw_predictions = revive(a.raw_predictions as Nested) as number[][];
  a.base_values = revive(a.base_values as Nested) as number[];
  data.pdp = data.pdp ?? [];
  return data;
}

/** A summary or settings value as one line of text. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.join(', ');
  return JSON.stringify(v);
}
