/** Shared pieces of the attribution view models: class names, the class picker, statistics, number text. */
import type { Attribution } from '../../../src/protocol/attributionTypes';

/** Feature index of an aggregate bar ("N other features"); of the efficiency gap ("unexplained"). */
export const OTHER_FEATURE = -1;
export const GAP_FEATURE = -2;

/** A chart of one feature against the model's output for one class (dependence, partial dependence). */
export interface FeatureCurveView {
  className: string;
  feature: string;
  xDomain: [number, number];
  yDomain: [number, number];
}

export interface ClassOption {
  index: number;
  label: string;
}

export interface ClassPicker {
  options: ClassOption[];
  selected: number;
  /** A single output column needs no picker. */
  visible: boolean;
}

/** Column names of the explained output; unnamed columns get `output[i]`. */
export function classNames(attr: Pick<Attribution, 'output' | 'output_columns' | 'base_values'>): string[] {
  const n = Math.max(attr.output_columns.length, attr.base_values.length);
  return Array.from({ length: n }, (_, i) => attr.output_columns[i] || `${attr.output}[${i}]`);
}

/** Binary classifiers open on the positive class, as shap's plots do; others on the first column. */
export function classPicker(
  attr: Pick<Attribution, 'output' | 'output_columns' | 'base_values'>,
  selected?: number,
): ClassPicker {
  const names = classNames(attr);
  const fallback = names.length === 2 ? 1 : 0;
  const pick = selected !== undefined && selected >= 0 && selected < names.length ? selected : fallback;
  return { options: names.map((label, index) => ({ index, label })), selected: pick, visible: names.length > 1 };
}

/** Mean |attribution| per feature for one output column (shap's global importance). */
export function meanAbsolute(attr: Pick<Attribution, 'values' | 'feature_names'>, classIndex: number): Float64Array {
  const out = new Float64Array(attr.feature_names.length);
  const rows = attr.values.length;
  if (rows === 0) return out;
  for (const row of attr.values) for (let f = 0; f < out.length; f++) out[f] += Math.abs(row[f][classIndex]);
  for (let f = 0; f < out.length; f++) out[f] /= rows;
  return out;
}

/** Indices sorted by a key, largest first; ties keep index order so every view is deterministic. */
export function orderByDescending(keys: ArrayLike<number>): number[] {
  return Array.from({ length: keys.length }, (_, i) => i).sort((a, b) => keys[b] - keys[a] || a - b);
}

/** Quantile by linear interpolation between order statistics (numpy's default, "type 7"). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Maps a feature's values to 0..1 between its 5th and 95th percentiles (shap's colour clipping); NaN -> null. */
export function robustNormaliser(values: readonly number[]): (v: number) => number | null {
  const finite = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  if (finite.length === 0) return () => null;
  let lo = quantile(finite, 0.05);
  let hi = quantile(finite, 0.95);
  if (hi <= lo) {
    lo = finite[0];
    hi = finite[finite.length - 1];
  }
  if (hi <= lo) return (v) => (Number.isFinite(v) ? 0.5 : null);
  return (v) => (Number.isFinite(v) ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : null);
}

/** Four significant digits, integers as they are; for labels and tooltips. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** A signed contribution as shap prints it: "+0.123" / "-0.045". */
export function formatSigned(v: number): string {
  return v > 0 ? `+${formatNumber(v)}` : formatNumber(v);
}

/** Relative closeness used for the efficiency check (sum of attributions = prediction - base). */
export function nearlyEqual(a: number, b: number, relative = 1e-6): boolean {
  return Math.abs(a - b) <= relative * Math.max(1, Math.abs(a), Math.abs(b));
}

export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** [min, max] of the finite values, widened by `pad` of the span; [-1, 1] when there are none. */
export function finiteExtent(values: Iterable<number>, pad = 0): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return [-1, 1];
  const margin = (hi - lo) * pad || (lo === hi ? Math.abs(lo) * 0.05 || 1 : 0);
  return [lo - margin, hi + margin];
}
