/** The explained-rows table: values, prediction, top features; sortable by any column. */
import type { Attribution } from '../../../src/protocol/attributionTypes';
import { argmax, classNames, formatNumber, formatSigned } from './common';

export interface TopFeature {
  feature: string;
  featureIndex: number;
  value: number;
}

export interface TableRow {
  /** Position in the Attribution's rows (what the charts call `row`), and the data file's row. */
  row: number;
  dataRow: number;
  featureValues: number[];
  prediction: number[];
  predictedClass: string;
  top: TopFeature[];
}

export interface TableColumn {
  /** 'row', 'feature:<i>', 'prediction:<c>', 'class' or 'top'. */
  id: string;
  label: string;
  numeric: boolean;
}

export interface TableView {
  columns: TableColumn[];
  rows: TableRow[];
}

export interface SortKey {
  column: string;
  descending: boolean;
}

export function explainedRowsTable(attr: Attribution, options: { classIndex: number; top?: number }): TableView {
  const names = classNames(attr);
  const c = options.classIndex;
  const topCount = options.top ?? 3;
  const rows: TableRow[] = attr.values.map((values, row) => {
    const prediction = attr.predictions[row] ?? [];
    const top = values
      .map((v, f) => ({ feature: attr.feature_names[f], featureIndex: f, value: v[c] }))
      .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.featureIndex - b.featureIndex)
      .slice(0, topCount);
    return {
      row,
      dataRow: attr.rows[row] ?? row,
      featureValues: attr.feature_values[row] ?? [],
      prediction,
      predictedClass: names.length > 1 ? names[argmax(prediction)] : '',
      top,
    };
  });
  const columns: TableColumn[] = [{ id: 'row', label: 'Row', numeric: true }];
  attr.feature_names.forEach((label, f) => columns.push({ id: `feature:${f}`, label, numeric: true }));
  names.forEach((label, k) =>
    columns.push({ id: `prediction:${k}`, label: names.length > 1 ? `f(x) ${label}` : 'f(x)', numeric: true }),
  );
  if (names.length > 1) columns.push({ id: 'class', label: 'Predicted', numeric: false });
  columns.push({ id: 'top', label: `Top ${topCount} (${names[c]})`, numeric: true });
  return { columns, rows };
}

/** The value a column sorts by: numbers for numeric columns ('top' sorts by the largest |attribution|). */
export function cellSortValue(row: TableRow, column: string): number | string {
  if (column === 'row') return row.dataRow;
  if (column === 'class') return row.predictedClass;
  if (column === 'top') return row.top.length ? Math.abs(row.top[0].value) : NaN;
  const [kind, index] = column.split(':');
  if (kind === 'feature') return row.featureValues[Number(index)] ?? NaN;
  if (kind === 'prediction') return row.prediction[Number(index)] ?? NaN;
  return NaN;
}

export function cellText(row: TableRow, column: string): string {
  if (column === 'top') return row.top.map((t) => `${t.feature} ${formatSigned(t.value)}`).join(', ');
  const v = cellSortValue(row, column);
  return typeof v === 'string' ? v : formatNumber(v);
}

/** Stable sort by one column; missing values (NaN) always go last, whatever the direction. */
export function sortRows(rows: readonly TableRow[], key: SortKey): TableRow[] {
  const sign = key.descending ? -1 : 1;
  return rows
    .map((row, i) => ({ row, i, v: cellSortValue(row, key.column) }))
    .sort((a, b) => compareCells(a.v, b.v, sign) || a.i - b.i)
    .map((e) => e.row);
}

function compareCells(a: number | string, b: number | string, sign: number): number {
  if (typeof a === 'string' || typeof b === 'string') return sign * String(a).localeCompare(String(b));
  const aMissing = Number.isNaN(a);
  const bMissing = Number.isNaN(b);
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  return sign * (a - b);
}
