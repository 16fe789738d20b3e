/** The text view's model: each row's units with values and colours, the strongest units, and a row's waterfall. */
import type { Attribution } from '../../../../src/protocol/attributionTypes';
import { classNames, formatNumber, formatSigned, type ClassPicker } from '../../models/common';
import { waterfall, type WaterfallView } from '../../models/waterfall';
import { divergingShade, flooredScale, unitLabels, unitLayout, type ColourScale, type Shade } from './units';

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
  /** |value| at full colour (0: no attribution above floating-point noise), and the floor drawn clear. */
  scale: number;
  floor: number;
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

/** The largest |output| among rows' predictions and bases for their targets: what counts as noise is relative to it. */
function outputSize(attr: Attribution, rows: readonly { row: number; classIndex: number }[]): number {
  let m = 0;
  for (const { row, classIndex } of rows)
    for (const v of [
      attr.predictions[row]?.[classIndex],
      attr.row_base_values?.[row]?.[classIndex] ?? attr.base_values[classIndex],
    ])
      if (v !== undefined && Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return m;
}

/** One row's units for one target (a position in its targets), coloured on `colours` (default: the row's own). */
export function textRowView(
  attr: Attribution,
  row: number,
  target: number,
  colours?: ColourScale,
): TextRowView | undefined {
  const tokens = attr.tokens?.[row];
  const classIndex = attr.targets?.[row]?.[target];
  const perUnit = attr.values[row];
  if (!tokens || classIndex === undefined || !perUnit || perUnit.length !== tokens.length) return undefined;
  const className = classNames(attr)[classIndex] ?? String(classIndex);
  const values = perUnit.map((v) => v[target]);
  const { scale, floor } = colours ?? flooredScale([values], outputSize(attr, [{ row, classIndex }]));
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
      shade: divergingShade(value, scale, floor),
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
    scale,
    floor,
  };
}

/** A row that was not explained toward the shown class: its words uncoloured, saying so. */
function unexplainedRow(attr: Attribution, row: number, classIndex: number): TextRowView | undefined {
  const tokens = attr.tokens?.[row];
  if (!tokens) return undefined;
  const className = classNames(attr)[classIndex] ?? String(classIndex);
  const labels = unitLabels(tokens);
  return {
    row,
    dataRow: attr.rows[row] ?? row,
    classIndex,
    className,
    units: unitLayout(tokens).map((u, index) => ({
      index,
      ...u,
      label: labels[index],
      value: NaN,
      shade: { sign: 'zero', strength: 0 },
      tooltip: [`"${u.text}" (word ${index + 1})`, `not explained toward ${className}`],
    })),
    total: NaN,
    base: attr.row_base_values?.[row]?.[classIndex] ?? attr.base_values[classIndex],
    prediction: attr.predictions[row]?.[classIndex] ?? NaN,
    scale: 0,
    floor: 0,
  };
}

/**
 * The classes a text explanation can show for every row, by class index: those explained for the most rows
 * first chosen, then the one most rows predict (their first target), then the lowest index. Labels say when
 * a class was explained for only some texts.
 */
export function textClassPicker(attr: Attribution, selected?: number): ClassPicker {
  const names = classNames(attr);
  const explained = new Map<number, number>();
  const predicted = new Map<number, number>();
  for (const targets of attr.targets ?? []) {
    for (const c of targets) explained.set(c, (explained.get(c) ?? 0) + 1);
    if (targets.length) predicted.set(targets[0], (predicted.get(targets[0]) ?? 0) + 1);
  }
  const rows = attr.targets?.length ?? 0;
  const classes = [...explained.keys()].sort((a, b) => a - b);
  const options = classes.map((c) => {
    const n = explained.get(c) ?? 0;
    const label = names[c] ?? String(c);
    return { index: c, label: n < rows ? `${label} (${n} of ${rows} texts)` : label };
  });
  const rank = (c: number) => [explained.get(c) ?? 0, predicted.get(c) ?? 0, -c];
  const best = [...classes].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
  })[0];
  const pick = selected !== undefined && explained.has(selected) ? selected : (best ?? 0);
  return { options, selected: pick, visible: options.length > 1 };
}

/**
 * Every row toward one class, one under another on one colour scale with a noise floor (shap's text plot);
 * a row that did not explain that class is shown uncoloured and says so.
 */
export function textRowsView(attr: Attribution, classIndex: number): TextRowView[] {
  const explained = attr.rows
    .map((_, r) => ({ row: r, classIndex, target: targetOf(attr, r, classIndex) }))
    .filter((p): p is { row: number; classIndex: number; target: number } => p.target !== undefined);
  const colours = flooredScale(
    explained.map(({ row, target }) => (attr.values[row] ?? []).map((v) => v[target])),
    outputSize(attr, explained),
  );
  return attr.rows
    .map((_, r) => {
      const target = targetOf(attr, r, classIndex);
      return target === undefined ? unexplainedRow(attr, r, classIndex) : textRowView(attr, r, target, colours);
    })
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
