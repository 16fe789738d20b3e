/**
 * A sequence's features: consecutive windows of time steps, each covering every feature (or channel)
 * at its steps; a hierarchy of contiguous halves for partition and pairs of windows for occlusion.
 */
import { elementAt, type SequenceLayout } from '../../data/sequence/layout';
import type { FeatureGroups } from '../shapley/coalitionValues';
import { sequenceHierarchy, type Hierarchy } from '../features/hierarchy';
import { occlusionGrid, type OcclusionGrid } from '../features/occlusionGrid';

export interface SequenceGrid {
  layout: SequenceLayout;
  length: number;
  features: number;
}

/** issue 10: a window of T/32 steps by default, at least one. */
export function defaultWindow(length: number): number {
  return Math.max(1, Math.round(length / 32));
}

/** [start, end) steps of each window of `window` steps (the last one may be shorter). */
export function windowSpans(length: number, window: number): [number, number][] {
  const w = Math.max(1, Math.min(length, Math.floor(window)));
  return Array.from({ length: Math.ceil(length / w) }, (_, i) => [i * w, Math.min(length, (i + 1) * w)]);
}

export interface SequenceWindows {
  spans: [number, number][];
  groups: FeatureGroups;
  /** Steps per window. */
  sizes: Int32Array;
  hierarchy: Hierarchy;
  /** Occlusion slides a patch of two windows one window at a time. */
  occlusion: OcclusionGrid;
}

export function sequenceWindows(grid: SequenceGrid, window: number): SequenceWindows {
  const spans = windowSpans(grid.length, window);
  const groupOf = new Int32Array(grid.length * grid.features);
  spans.forEach(([start, end], w) => {
    for (let t = start; t < end; t++)
      for (let f = 0; f < grid.features; f++) groupOf[elementAt(grid.layout, grid.length, grid.features, t, f)] = w;
  });
  return {
    spans,
    groups: { count: spans.length, groupOf },
    sizes: Int32Array.from(spans, ([s, e]) => e - s),
    hierarchy: sequenceHierarchy(spans.length),
    occlusion: occlusionGrid(1, spans.length, 2, 1),
  };
}

/** Each window's value spread evenly over its steps: a flat T array that sums to the window values. */
export function spreadOverSteps(
  values: ArrayLike<number>,
  spans: readonly [number, number][],
  length: number,
): number[] {
  const out = new Array<number>(length).fill(0);
  spans.forEach(([s, e], w) => {
    for (let t = s; t < e; t++) out[t] = values[w] / (e - s);
  });
  return out;
}
