/** JSON -> Table: an array of rows, an array of objects keyed by column name, or { columns, data }. */

import { tableFromGrid, type Cell, type Grid } from './grid';
import { DataError, type Table } from './table';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asCell(v: unknown): Cell {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as Cell);
}

export function parseJsonTable(text: string, fileName: string, options: { allowMissing?: boolean } = {}): Table {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new DataError(fileName, `is not valid JSON (${(e as Error).message})`);
  }
  return tableFromGrid(gridOf(doc, fileName), options.allowMissing);
}

function gridOf(doc: unknown, fileName: string): Grid {
  if (isRecord(doc) && Array.isArray(doc.columns) && Array.isArray(doc.data)) {
    const names = doc.columns.map(String);
    return rowsGrid(doc.data, fileName, names);
  }
  if (!Array.isArray(doc) || doc.length === 0) {
    throw new DataError(fileName, 'should hold a non-empty array of rows, or { "columns": [...], "data": [[...]] }');
  }
  if (doc.every((v) => typeof v === 'number')) return rowsGrid([doc], fileName, undefined);
  if (isRecord(doc[0])) return objectsGrid(doc, fileName);
  return rowsGrid(doc, fileName, undefined);
}

function rowsGrid(rows: unknown[], fileName: string, names: string[] | undefined): Grid {
  const width = names?.length ?? (Array.isArray(rows[0]) ? rows[0].length : 0);
  const cells = rows.map((r, i) => {
    if (!Array.isArray(r)) throw new DataError(fileName, 'is not an array of values', { row: i + 1 });
    if (r.length !== width) {
      const what = names ? `"columns" names ${width}` : `row 1 has ${width}`;
      throw new DataError(fileName, `has ${r.length} values, ${what}`, { row: i + 1 });
    }
    return r.map(asCell);
  });
  return { fileName, names, width, rows: cells, rowNumbers: cells.map((_, i) => i + 1) };
}

function objectsGrid(rows: unknown[], fileName: string): Grid {
  const first = rows[0] as Record<string, unknown>;
  const names = Object.keys(first);
  const cells = rows.map((r, i) => {
    if (!isRecord(r)) throw new DataError(fileName, 'is not an object like row 1', { row: i + 1 });
    for (const k of Object.keys(r)) {
      if (!(k in first)) throw new DataError(fileName, 'is not a column of row 1', { row: i + 1, column: { name: k } });
    }
    return names.map((k) => asCell(r[k]));
  });
  return { fileName, names, width: names.length, rows: cells, rowNumbers: cells.map((_, i) => i + 1) };
}
