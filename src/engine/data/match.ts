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
        `has ${table.cols} numeric columns, the model takes ${width}; give the model's feature names to pick them`,
      );
    }
    if (!table.named) {
      throw new DataError(
        table.fileName,
        `has ${table.cols} unnamed columns, the model takes ${width}; add a header with the feature names`,
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
    throw new DataError(table.fileName, `has ${table.cols} numeric columns, the model takes ${width}`);
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
