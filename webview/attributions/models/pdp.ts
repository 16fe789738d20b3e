/** Partial dependence with ICE curves (Friedman 2001; Goldstein et al. 2015 for ICE and centred c-ICE). */
import type { PartialDependence } from '../../../src/protocol/attributionTypes';
import { classNames, finiteExtent, type FeatureCurveView } from './common';

export interface IceCurve {
  row: number;
  values: number[];
}

export interface PdpView extends FeatureCurveView {
  kind: 'pdp';
  grid: number[];
  average: number[];
  ice: IceCurve[];
  centred: boolean;
}

export interface PdpOptions {
  classIndex: number;
  /** Subtract each curve's value at the first grid point so curves start at 0 (c-ICE). */
  centred?: boolean;
  /** ICE curves drawn at most (evenly spaced rows); default 100. */
  maxIce?: number;
}

export function pdpView(pd: PartialDependence, options: PdpOptions): PdpView {
  const c = options.classIndex;
  const centred = options.centred ?? false;
  const shift = (curve: number[]) => (centred ? curve.map((v) => v - curve[0]) : [...curve]);
  const max = Math.max(0, options.maxIce ?? 100);
  const n = pd.ice.length;
  const step = n > max ? n / max : 1;
  const ice: IceCurve[] = [];
  for (let k = 0; k < Math.min(n, max); k++) {
    const row = Math.floor(k * step);
    ice.push({ row, values: shift(pd.ice[row][c]) });
  }
  const average = shift(pd.average[c]);
  const names = classNames({
    output: 'output',
    output_columns: pd.output_columns,
    base_values: pd.average.map(() => 0),
  });
  return {
    kind: 'pdp',
    feature: pd.feature,
    className: names[c],
    grid: [...pd.grid],
    average,
    ice,
    centred,
    xDomain: finiteExtent(pd.grid),
    yDomain: finiteExtent([...average, ...ice.flatMap((i) => i.values)], 0.05),
  };
}
