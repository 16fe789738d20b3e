/** How far apart neighbours on a rank must be. */
import type { LayeredGraph } from './proper';

export interface Spacing {
  nodeSeparation: number;
  edgeSeparation: number;
}

/** Minimum distance between the centres of u and v when they are neighbours on a rank. */
export function separation(g: LayeredGraph, spacing: Spacing, u: number, v: number): number {
  const dummies = (u >= g.realCount ? 1 : 0) + (v >= g.realCount ? 1 : 0);
  const gap =
    dummies === 0
      ? spacing.nodeSeparation
      : dummies === 2
        ? spacing.edgeSeparation
        : (spacing.nodeSeparation + spacing.edgeSeparation) / 2;
  return (g.width[u] + g.width[v]) / 2 + gap;
}
