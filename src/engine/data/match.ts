/** Fit a loaded table to a model input of width W: by position when the widths agree, else by name. */

import { DataError, type Table } from './table';

export interface ExtraColumn {
  name: string;
  values: Float64Array | string[];
}

export interface MatchedTable {
  /** The model's input columns, row-major, in the model's order. */
  values: Float64Array;
  rows: number;
  cols: number;
  featureNames: string[];
  /** Which table column each model column came from. */
  sourceColumns: number[];
  /** The table's other columns (e.g. a label), numeric and text. */
  extra: ExtraColumn[];
  /** Per row, its number in the file (for messages). */
  rowNumbers: Int32Array;
}

/**
 * `modelNames` are the model's feature names (metadata `feature_names` or the sidecar); with exactly W numeric
 * columns they reorder a named file when every name is found, else the file's order is kept.
 */
export function matchToModel(table: Table, width: number, modelNames?: readonly string[]): MatchedTable {
  return fitColumns(table, width, modelNames, '');
}

/** `besides` follows the column count in width messages (a label set aside is not counted). */
function fitColumns(table: Table, width: number, modelNames: readonly string[] | undefined, besides: string) {
  if (modelNames && modelNames.length !== width) {
    throw new Error(`${modelNames.length} feature names for a model input of width ${width}`);
  }
  const byName = (): number[] | undefined => {
    if (!modelNames || !table.named) return undefined;
    const found = modelNames.map((n) => table.featureNames.indexOf(n));
    return found.every((j) => j >= 0) ? found : undefined;
  };
  let source: number[];
  if (table.cols === width) {
    source = byName() ?? Array.from({ length: width }, (_, j) => j);
  } else if (table.cols > width) {
    if (!modelNames) {
      throw new DataError(
        table.fileName,
        `has ${table.cols} numeric columns${besides}, the model takes ${width}; give the model's feature names to pick them`,
      );
    }
    if (!table.named) {
      throw new DataError(
        table.fileName,
        `has ${table.cols} unnamed columns${besides}, the model takes ${width}; add a header with the feature names`,
      );
    }
    const missing = modelNames.filter((n) => !table.featureNames.includes(n));
    if (missing.length > 0) {
      const shown = missing
        .slice(0, 5)
        .map((n) => `"${n}"`)
        .join(', ');
      throw new DataError(
        table.fileName,
        `has no column ${shown}${missing.length > 5 ? ', ...' : ''} (the model's features)`,
      );
    }
    source = modelNames.map((n) => table.featureNames.indexOf(n));
  } else {
    throw new DataError(table.fileName, `has ${table.cols} numeric columns${besides}, the model takes ${width}`);
  }

  const values = new Float64Array(table.rows * width);
  for (let i = 0; i < table.rows; i++) {
    for (let k = 0; k < width; k++) values[i * width + k] = table.values[i * table.cols + source[k]];
  }
  const used = new Set(source);
  const extra: ExtraColumn[] = [];
  for (let j = 0; j < table.cols; j++) {
    if (used.has(j)) continue;
    extra.push({
      name: table.featureNames[j],
      values: Float64Array.from({ length: table.rows }, (_, i) => table.values[i * table.cols + j]),
    });
  }
  for (const l of table.labels ?? []) extra.push({ name: l.name, values: l.values });
  return {
    values,
    rows: table.rows,
    cols: width,
    featureNames: source.map((j) => table.featureNames[j]),
    sourceColumns: source,
    extra,
    rowNumbers: table.rowNumbers,
  };
}

/**
 * A labelled table fitted to the model: the label column (numeric, or text such as class names) is set aside before
 * the widths are compared, so a file of W features and a label fits a model of width W without feature names.
 */
export function matchLabelled(
  table: Table,
  label: string,
  width: number,
  modelNames?: readonly string[],
): MatchedTable {
  if (modelNames?.includes(label)) {
    throw new DataError(table.fileName, `the label column "${label}" is one of the model's inputs`);
  }
  const j = table.featureNames.indexOf(label);
  if (j < 0) {
    if (table.labels?.some((l) => l.name === label)) return matchToModel(table, width, modelNames);
    throw new DataError(table.fileName, `has no label column "${label}" (its columns: ${columnList(table)})`);
  }
  const matched = fitColumns(withoutColumn(table, j), width, modelNames, ` besides the label "${label}"`);
  const values = Float64Array.from({ length: table.rows }, (_, i) => table.values[i * table.cols + j]);
  return {
    ...matched,
    // Numbered in the whole table, as a caller reading `table.columnNumbers` expects.
    sourceColumns: matched.sourceColumns.map((k) => (k < j ? k : k + 1)),
    extra: [...matched.extra, { name: label, values }],
  };
}

/** The table's column names in file order, numeric and text. */
export function columnsInFileOrder(table: Table): string[] {
  return [
    ...table.featureNames.map((name, k) => ({ name, at: table.columnNumbers[k] })),
    ...(table.labels ?? []).map((l) => ({ name: l.name, at: l.column })),
  ]
    .sort((a, b) => a.at - b.at)
    .map((c) => c.name);
}

function columnList(table: Table): string {
  const all = columnsInFileOrder(table);
  const shown = all.slice(0, 20).map((name) => `"${name}"`);
  return `${shown.join(', ')}${all.length > 20 ? ', ...' : ''}`;
}

function withoutColumn(table: Table, j: number): Table {
  const cols = table.cols - 1;
  const values = new Float64Array(table.rows * cols);
  for (let i = 0; i < table.rows; i++) {
    const row = table.values.subarray(i * table.cols, (i + 1) * table.cols);
    values.set(row.subarray(0, j), i * cols);
    values.set(row.subarray(j + 1), i * cols + j);
  }
  const keep = (_: unknown, k: number) => k !== j;
  return {
    ...table,
    cols,
    values,
    featureNames: table.featureNames.filter(keep),
    columnNumbers: table.columnNumbers.filter(keep),
  };
}
