/** Beeswarm: one dot per explained row and feature, x = attribution, colour = the feature's value (shap.plots.beeswarm). */
import type { Attribution } from '../../../src/protocol/attributionTypes';
import {
  OTHER_FEATURE,
  classNames,
  finiteExtent,
  formatNumber,
  meanAbsolute,
  orderByDescending,
  robustNormaliser,
} from './common';

export interface BeeswarmDot {
  /** Position in the Attribution's rows; dataRow is the row in the data file. */
  row: number;
  dataRow: number;
  feature: string;
  featureIndex: number;
  value: number;
  featureValue: number;
  featureValueText: string;
  /** Feature value on 0 (low) .. 1 (high), or null (missing, or an aggregate lane). */
  colour: number | null;
  /** Lane index, 0 = most important (drawn at the top). */
  lane: number;
  /** Vertical offset within the lane, -1..1 (1 = the lane's half height). */
  offset: number;
}

export interface BeeswarmLane {
  feature: string;
  featureIndex: number;
  importance: number;
}

export interface BeeswarmView {
  kind: 'beeswarm';
  className: string;
  lanes: BeeswarmLane[];
  dots: BeeswarmDot[];
  xDomain: [number, number];
}

export interface BeeswarmOptions {
  classIndex: number;
  /** Lanes shown; the remaining features are summed into one last lane. Default: all. */
  maxFeatures?: number;
  /** Horizontal bins of the swarm: dots closer than one bin stack vertically. */
  bins?: number;
}

export function beeswarm(attr: Attribution, options: BeeswarmOptions): BeeswarmView {
  const c = options.classIndex;
  const importance = meanAbsolute(attr, c);
  const order = orderByDescending(importance);
  const max = options.maxFeatures ?? order.length;
  const shown = order.length <= max + 1 ? order : order.slice(0, max);
  const rest = order.slice(shown.length);
  const lanes: BeeswarmLane[] = shown.map((f) => ({
    feature: attr.feature_names[f],
    featureIndex: f,
    importance: importance[f],
  }));
  if (rest.length) {
    const sum = rest.reduce((s, f) => s + importance[f], 0);
    lanes.push({ feature: `Sum of ${rest.length} other features`, featureIndex: OTHER_FEATURE, importance: sum });
  }
  const perLane: BeeswarmDot[][] = [];
  lanes.forEach((lane, laneIndex) => {
    const dots: BeeswarmDot[] = [];
    perLane.push(dots);
    const f = lane.featureIndex;
    const column = f >= 0 ? attr.feature_values.map((r) => r[f]) : [];
    const colourOf = f >= 0 ? robustNormaliser(column) : () => null;
    attr.values.forEach((rowValues, row) => {
      const value = f >= 0 ? rowValues[f][c] : rest.reduce((s, g) => s + rowValues[g][c], 0);
      const featureValue = f >= 0 ? column[row] : NaN;
      dots.push({
        row,
        dataRow: attr.rows[row] ?? row,
        feature: lane.feature,
        featureIndex: f,
        value,
        featureValue,
        featureValueText: f >= 0 ? formatNumber(featureValue) : '',
        colour: colourOf(featureValue),
        lane: laneIndex,
        offset: 0,
      });
    });
  });
  const dots = perLane.flat();
  const xDomain = finiteExtent(dots.map((d) => d.value));
  for (const laneDots of perLane) swarm(laneDots, xDomain, options.bins ?? 100);
  return { kind: 'beeswarm', className: classNames(attr)[c], lanes, dots, xDomain };
}

/** Binned swarm: within a lane, dots sharing an x bin alternate above and below the centre line. */
function swarm(laneDots: BeeswarmDot[], [lo, hi]: [number, number], bins: number): void {
  const width = hi - lo || 1;
  const sorted = [...laneDots].sort((a, b) => a.value - b.value || a.row - b.row);
  const filled = new Map<number, number>();
  const layers = new Map<BeeswarmDot, number>();
  let deepest = 0;
  for (const d of sorted) {
    const bin = Number.isFinite(d.value) ? Math.min(bins - 1, Math.floor(((d.value - lo) / width) * bins)) : -1;
    const k = filled.get(bin) ?? 0;
    filled.set(bin, k + 1);
    // k = 0, 1, 2, 3, 4 -> 0, +1, -1, +2, -2
    const layer = k === 0 ? 0 : (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2);
    layers.set(d, layer);
    deepest = Math.max(deepest, Math.abs(layer));
  }
  for (const d of laneDots) d.offset = (layers.get(d) ?? 0) / (deepest + 1);
}
