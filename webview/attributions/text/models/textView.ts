/** The text view's model: each row's units with values and colours, the strongest units, and a row's waterfall. */
import type { Attribution } from '../../../../src/protocol/attributionTypes';
import { classNames, formatNumber, formatSigned } from '../../models/common';
import { waterfall, type WaterfallView } from '../../models/waterfall';
import { divergingShade, sharedScale, unitLabels, unitLayout, type Shade } from './units';

export function isTextAttribution(attr: Pick<Attribution, 'kind'>): boolean {
  return attr.kind === 'text';
}

export interface UnitView {
  /** Position among the row's units (values[row][index]). */
  index: number;
  text: string;
  spaceBefore: boolean;
  /** The unit's name in charts (with its position when its text repeats). */
  label: string;
  value: number;
  stdError?: number;
  shade: Shade;
  tooltip: string[];
}

export interface TextRowView {
  row: number;
  dataRow: number;
  /** Position of the shown class in the row's targets; undefined when this row did not explain it. */
  target?: number;
  classIndex: number;
  className: string;
  units: UnitView[];
  /** The sum of the units' values: f(text) - f(every unit hidden) for Shapley-family methods. */
  total: number;
  /** The output with every unit hidden, and with the text as it is. */
  base: number;
  prediction: number;
  scale: number;
}

/** "text 3" for a row of the data (0-based rows, as the rows field and the CLI's --rows count them). */
export function textRowName(attr: Attribution, row: number): string {
  return `text ${attr.rows[row] ?? row}`;
}

/** Where a class is among a row's explained targets. */
export function targetOf(attr: Attribution, row: number, classIndex: number): number | undefined {
  const k = attr.targets?.[row]?.indexOf(classIndex) ?? -1;
  return k >= 0 ? k : undefined;
}

/** One row's units for one target (a position in its targets), coloured on `scale` (default: the row's own). */
export function textRowView(attr: Attribution, row: number, target: number, scale?: number): TextRowView | undefined {
  const tokens = attr.tokens?.[row];
  const classIndex = attr.targets?.[row]?.[target];
  const perUnit = attr.values[row];
  if (!tokens || classIndex === undefined || !perUnit || perUnit.length !== tokens.length) return undefined;
  const className = classNames(attr)[classIndex] ?? String(classIndex);
  const values = perUnit.map((v) => v[target]);
  const s = scale ?? sharedScale([values]);
  const layout = unitLayout(tokens);
  const labels = unitLabels(tokens);
  const errors = attr.std_errors?.[row];
  const units = layout.map((u, index): UnitView => {
    const value = values[index];
    const stdError = errors?.[index]?.[target];
    const error = stdError ? ` ± ${formatNumber(2 * stdError)} (2 SE)` : '';
    return {
      index,
      ...u,
      label: labels[index],
      value,
      ...(stdError !== undefined ? { stdError } : {}),
      shade: divergingShade(value, s),
      tooltip: [`"${u.text}" (word ${index + 1})`, `${formatSigned(value)}${error} toward ${className}`],
    };
  });
  const base = attr.row_base_values?.[row]?.[classIndex] ?? attr.base_values[classIndex];
  return {
    row,
    dataRow: attr.rows[row] ?? row,
    target,
    classIndex,
    className,
    units,
    total: values.reduce((a, v) => (Number.isFinite(v) ? a + v : a), 0),
    base,
    prediction: attr.predictions[row]?.[classIndex] ?? NaN,
    scale: s,
  };
}

/**
 * Every row for the class the selected row's target is, one under another on one colour scale (shap's text
 * plot); a row that did not explain that class shows its own top target, named in its line.
 */
export function textRowsView(attr: Attribution, selectedRow: number, target: number): TextRowView[] {
  const classIndex = attr.targets?.[selectedRow]?.[target] ?? attr.targets?.[0]?.[0] ?? 0;
  const positions = attr.rows.map((_, r) => targetOf(attr, r, classIndex) ?? 0);
  const scale = sharedScale(attr.values.map((row, r) => row.map((v) => v[positions[r]])));
  return attr.rows
    .map((_, r) => textRowView(attr, r, positions[r], scale))
    .filter((v): v is TextRowView => v !== undefined);
}

export interface UnitBar {
  label: string;
  /** Position among the row's units; -1 for the other units summed. */
  index: number;
  value: number;
  stdError?: number;
}

export interface UnitBarsView {
  title: string;
  className: string;
  bars: UnitBar[];
}

/** The row's strongest units by |value|, largest first, the rest summed into one bar (as shap's bar of one row). */
export function strongestUnits(view: TextRowView, topK = 10): UnitBarsView {
  const sorted = [...view.units].sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.index - b.index);
  const k = Math.max(1, topK);
  // Folding a single unit into "1 other word" hides its name for nothing: show it instead.
  const shown = sorted.length <= k + 1 ? sorted : sorted.slice(0, k);
  const rest = sorted.slice(shown.length);
  const bars: UnitBar[] = shown.map((u) => ({
    label: u.label,
    index: u.index,
    value: u.value,
    ...(u.stdError !== undefined ? { stdError: u.stdError } : {}),
  }));
  if (rest.length)
    bars.push({ label: `${rest.length} other words`, index: -1, value: rest.reduce((s, u) => s + u.value, 0) });
  return { title: `Strongest words toward ${view.className}`, className: view.className, bars };
}

/**
 * One row of a text explanation in the shape of a one-row table explanation for one class: its units as
 * the features, its own base (every unit hidden), so the tabular waterfall draws it as it is.
 */
export function textAsTableRow(attr: Attribution, row: number, target: number): Attribution | undefined {
  const view = textRowView(attr, row, target);
  if (!view) return undefined;
  const errors = attr.std_errors?.[row];
  return {
    method: attr.method,
    output: attr.output,
    output_columns: [view.className],
    feature_names: unitLabels(attr.tokens![row]),
    rows: [view.dataRow],
    feature_values: [view.units.map(() => NaN)],
    values: [view.units.map((u) => [u.value])],
    base_values: [view.base],
    predictions: [[view.prediction]],
    evaluations: attr.evaluations,
    seconds: attr.seconds,
    link: attr.link,
    ...(errors ? { std_errors: [view.units.map((u) => [errors[u.index]?.[target] ?? 0])] } : {}),
  };
}

/** The waterfall of one row's units: from f(every unit hidden) to f(text); steps name words, not values. */
export function textWaterfall(attr: Attribution, row: number, target: number, topK = 10): WaterfallView | undefined {
  const table = textAsTableRow(attr, row, target);
  if (!table) return undefined;
  const view = waterfall(table, { row: 0, classIndex: 0, topK });
  // A word has no value of its own to print beside its name (the table's "value = feature").
  return {
    ...view,
    steps: view.steps.map((s) => ({ ...s, featureValueText: '' })),
    baseLabel: 'every word hidden',
  };
}
