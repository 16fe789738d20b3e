/** A loaded data table and the error that points at the offending cell. */

/** A column of text kept apart from the numbers (e.g. class names). */
export interface TextColumn {
  name: string;
  /** 1-based column number in the file. */
  column: number;
  values: string[];
}

export interface Table {
  fileName: string;
  /** Names of the numeric columns, in file order ("column 3" when the file names none). */
  featureNames: string[];
  /** False when the file carries no column names (NPY, JSON rows, a CSV without a header). */
  named: boolean;
  rows: number;
  cols: number;
  /** Numeric cells, row-major. */
  values: Float64Array;
  /** Columns in which no cell is a number. */
  labels?: TextColumn[];
  /** Per row: its number as the user sees it (a CSV line in an editor, counting the header; else 1-based index). */
  rowNumbers: Int32Array;
  /** Per numeric column: its 1-based column number in the file. */
  columnNumbers: Int32Array;
}

export interface CellPlace {
  row?: number;
  column?: { name?: string; number?: number };
}

/** A problem with a data file, naming the file and, when known, the row and column. */
export class DataError extends Error {
  readonly file: string;
  readonly row?: number;
  readonly columnName?: string;
  readonly columnNumber?: number;

  constructor(file: string, detail: string, place: CellPlace = {}) {
    super(oneLine(`${file}: ${placeText(place)}${detail}`));
    this.name = 'DataError';
    this.file = file;
    this.row = place.row;
    this.columnName = place.column?.name;
    this.columnNumber = place.column?.number;
  }
}

const MAX_MESSAGE = 400;

/**
 * A message is one line of bounded length, whatever a file holds: cells and names quoted from it may carry line
 * breaks, control characters or megabytes of text.
 */
export function oneLine(message: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = message.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (ch) => {
    const escapes: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return escapes[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE - 1)}…` : flat;
}

function placeText(p: CellPlace): string {
  const parts: string[] = [];
  if (p.row !== undefined) parts.push(`row ${p.row}`);
  const c = p.column;
  if (c && c.name !== undefined && c.number !== undefined) parts.push(`column "${c.name}" (${c.number})`);
  else if (c && c.name !== undefined) parts.push(`column "${c.name}"`);
  else if (c && c.number !== undefined) parts.push(`column ${c.number}`);
  return parts.length ? `${parts.join(', ')}: ` : '';
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** Reads one cell as a finite number, or says what is wrong with it. */
export function parseCell(text: string): number | string {
  const t = text.trim();
  if (t === '') return 'is empty';
  if (DECIMAL.test(t)) {
    const v = Number(t);
    return Number.isFinite(v) ? v : `"${t}" is out of range`;
  }
  if (NON_FINITE.test(t)) return `"${t}" is not a finite number`;
  return `"${t}" is not a number`;
}

/** A cell that says "no value": empty, JSON null, or NaN spelled out. */
export function isMissingCell(c: unknown): boolean {
  if (c === null || c === undefined) return true;
  if (typeof c === 'number') return Number.isNaN(c);
  return typeof c === 'string' && (c.trim() === '' || /^[+-]?nan$/i.test(c.trim()));
}

/** A number, or a spelling of NaN / infinity (which then is reported as a bad cell, not read as text). */
export function looksNumeric(text: string): boolean {
  const t = text.trim();
  return DECIMAL.test(t) || NON_FINITE.test(t);
}
