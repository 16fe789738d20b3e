/** Deletion and insertion curves of one map as a chart sees them, with the areas and what they mean. */
import type { FaithfulnessCurves } from '../../../../src/protocol/attributionTypes';
import { finiteExtent, formatNumber } from '../../models/common';

export interface CurveSeries {
  id: 'deletion' | 'insertion';
  label: string;
  points: { fraction: number; value: number }[];
  area: number;
  randomArea: number;
}

export interface CurvesView {
  className: string;
  /** What the x axis counts: the picture's segments, a text's words, a sequence's windows. */
  xLabel: string;
  series: CurveSeries[];
  yDomain: [number, number];
  /** The areas with the random order's beside them. */
  areasText: string;
  /** How to read the curves, always shown. */
  meaning: string;
  /** What these curves say about this map. */
  verdict: string;
}

export const CURVES_MEANING =
  'Deletion falls faster than random = the map points at what the model uses; insertion rising faster says the same.';

/** Lower deletion area and higher insertion area than a random order are both signs of a faithful map. */
export function curvesVerdict(c: FaithfulnessCurves): string {
  const deletion = c.deletion_area < c.random_deletion_area;
  const insertion = c.insertion_area > c.random_insertion_area;
  if (deletion && insertion) return 'Both curves beat the random order: the map points at what the model uses.';
  if (deletion) return 'Deletion beats the random order, insertion does not: the map is partly faithful.';
  if (insertion) return 'Insertion beats the random order, deletion does not: the map is partly faithful.';
  return 'Neither curve beats the random order: this map may not show what the model uses.';
}

export function curvesView(c: FaithfulnessCurves, className: string, parts = 'the picture'): CurvesView {
  const n = Math.min(c.fractions.length, c.deletion.length, c.insertion.length);
  const pts = (ys: number[]) => Array.from({ length: n }, (_, i) => ({ fraction: c.fractions[i], value: ys[i] }));
  const series: CurveSeries[] = [
    {
      id: 'deletion',
      label: 'deletion',
      points: pts(c.deletion),
      area: c.deletion_area,
      randomArea: c.random_deletion_area,
    },
    {
      id: 'insertion',
      label: 'insertion',
      points: pts(c.insertion),
      area: c.insertion_area,
      randomArea: c.random_insertion_area,
    },
  ];
  const [lo, hi] = finiteExtent([...c.deletion.slice(0, n), ...c.insertion.slice(0, n)], 0.05);
  const areasText = series
    .map((s) => `${s.label} area ${formatNumber(s.area)} (random order ${formatNumber(s.randomArea)})`)
    .join(' · ');
  return {
    className,
    xLabel: `fraction of ${parts} removed / added`,
    series,
    yDomain: [lo, hi],
    areasText,
    meaning: CURVES_MEANING,
    verdict: curvesVerdict(c),
  };
}

/** Area under a curve over its fractions by the trapezoid rule, as the engine computes the areas it reports. */
export function trapezoidArea(fractions: readonly number[], values: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < Math.min(fractions.length, values.length); i++)
    area += ((values[i] + values[i - 1]) / 2) * (fractions[i] - fractions[i - 1]);
  return area;
}
