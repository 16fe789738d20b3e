/** CSV / TSV text -> Table, with the delimiter guessed from the first line and errors that name the editor line. */

import { parse } from 'csv-parse/sync';
import { tableFromGrid, type Grid } from './grid';
import { DataError, looksNumeric, type Table } from './table';

const DELIMITERS = [',', ';', '\t'];

/** The delimiter occurring most often outside quotes on the first non-empty line (',' on a tie or none). */
export function detectDelimiter(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

interface Record_ {
  record: string[];
  info: { lines: number };
}

export interface CsvOptions {
  delimiter?: string;
  /** Whether the first line names the columns; guessed when absent (a header has a cell that is not a number). */
  header?: boolean;
  /** Read empty and NaN cells as NaN (Table.missing counts them) instead of refusing them. */
  allowMissing?: boolean;
}

export function parseCsv(text: string, fileName: string, options: CsvOptions = {}): Table {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  let records: Record_[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as Record_[];
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw new DataError(fileName, `cannot be read as CSV (${err.message ?? String(e)})`);
  }
  if (records.length === 0) throw new DataError(fileName, 'is empty');
  const first = records[0].record;
  const header = options.header ?? first.some((c) => !looksNumeric(c));
  const names = header ? first.map((c, j) => (c === '' ? `column ${j + 1}` : c)) : undefined;
  const body = header ? records.slice(1) : records;
  if (body.length === 0) throw new DataError(fileName, 'has a header but no data rows');
  const width = first.length;
  for (const r of body) {
    if (r.record.length !== width) {
      const what = header ? 'the header has' : 'the first row has';
      throw new DataError(fileName, `has ${r.record.length} cells, ${what} ${width}`, { row: r.info.lines });
    }
  }
  const grid: Grid = {
    fileName,
    names,
    width,
    rows: body.map((r) => r.record),
    rowNumbers: body.map((r) => r.info.lines),
  };
  return tableFromGrid(grid, options.allowMissing);
}
