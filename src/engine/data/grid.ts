/** Cells as read from CSV or JSON -> a numeric Table, with text-only columns set apart as labels. */

import { DataError, isMissingCell, looksNumeric, parseCell, type Table, type TextColumn } from './table';

export type Cell = string | number | boolean | null | undefined;

export interface Grid {
  fileName: string;
  /** Column names, or undefined when the file has none. */
  names: string[] | undefined;
  width: number;
  rows: Cell[][];
  /** Per row, the number the user sees (editor line, or 1-based index). */
  rowNumbers: number[];
}

function isNumberCell(c: Cell): boolean {
  return typeof c === 'number' || (typeof c === 'string' && looksNumeric(c));
}

/** A column is text when none of its cells is a number and some cell holds text. */
function isTextColumn(g: Grid, j: number): boolean {
  let text = false;
  for (const row of g.rows) {
    const c = row[j];
    if (isNumberCell(c)) return false;
    if (typeof c === 'string' && c.trim() !== '') text = true;
  }
  return text;
}

/** `allowMissing`: empty, null and NaN cells are read as NaN (and counted) instead of refused. */
export function tableFromGrid(g: Grid, allowMissing = false): Table {
  const names = g.names ?? Array.from({ length: g.width }, (_, j) => `column ${j + 1}`);
  const numeric: number[] = [];
  const labels: TextColumn[] = [];
  for (let j = 0; j < g.width; j++) {
    if (g.rows.length > 0 && isTextColumn(g, j)) {
      labels.push({ name: names[j], column: j + 1, values: g.rows.map((r) => String(r[j] ?? '')) });
    } else numeric.push(j);
  }
  const cols = numeric.length;
  const values = new Float64Array(g.rows.length * cols);
  g.rows.forEach((row, i) => {
    numeric.forEach((j, k) => {
      const column = { name: g.names ? names[j] : undefined, number: j + 1 };
      if (allowMissing && isMissingCell(row[j])) {
        values[i * cols + k] = NaN;
        return;
      }
      const v = cellValue(row[j]);
      if (typeof v === 'string') {
        throw new DataError(g.fileName, v, { row: g.rowNumbers[i], column });
      }
      values[i * cols + k] = v;
    });
  });
  return {
    fileName: g.fileName,
    featureNames: numeric.map((j) => names[j]),
    named: g.names !== undefined,
    rows: g.rows.length,
    cols,
    values,
    labels: labels.length ? labels : undefined,
    rowNumbers: Int32Array.from(g.rowNumbers),
    columnNumbers: Int32Array.from(numeric, (j) => j + 1),
  };
}

function cellValue(c: Cell): number | string {
  if (typeof c === 'number') return Number.isFinite(c) ? c : `${c} is not a finite number`;
  if (typeof c === 'string') return parseCell(c);
  if (c === null || c === undefined) return 'is missing';
  return `${String(c)} is not a number`;
}
