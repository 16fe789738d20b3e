/**
 * Occlusion (Zeiler and Fergus 2014, "Visualizing and understanding convolutional networks"): mask a square
 * window at each position and record the drop f(x) - f(x without the window).
 *
 * The map per cell: each window's drop is shared over its cells in proportion to their pixels (the window's
 * drop per pixel, times the cell's pixels), and a cell gets the mean of its shares over the windows covering
 * it. So the map is in the units of a Shapley map (a segment's own contribution, not a whole window's): for an
 * additive model whose per-pixel terms are constant over the windows covering a cell, the cell gets its own
 * term. It is not a Shapley
 * method: the map need not sum to f(x) - f(masked).
 */
import type { OcclusionGrid } from '../features/occlusionGrid';
import { segmentSizes } from '../features/pixelGroups';
import type { GroupValues, RowProblem } from '../shapley/types';

export { occlusionDefaults, occlusionGrid } from '../features/occlusionGrid';

export function occlusionExplainer(
  grid: OcclusionGrid,
  pixelsPerCell: Int32Array = segmentSizes(grid.segmentOfPixel, grid.cells),
): (p: RowProblem) => Promise<GroupValues> {
  const g = grid.cells;
  const w = grid.windows.length;
  // Every window masked in one batch: all cells kept but the window's.
  const masks = new Uint8Array(w * g).fill(1);
  grid.windows.forEach((cells, k) => cells.forEach((cell) => (masks[k * g + cell] = 0)));
  const share = grid.windows.map((cells) => {
    let pixels = 0;
    for (const cell of cells) pixels += pixelsPerCell[cell];
    return Float64Array.from(cells, (cell) => (pixels > 0 ? pixelsPerCell[cell] / pixels : 1 / cells.length));
  });
  const covering = new Int32Array(g);
  for (const cells of grid.windows) for (const cell of cells) covering[cell]++;
  return async (p) => {
    if (p.vf.groups.count !== g) throw new Error(`occlusion: ${p.vf.groups.count} groups for ${g} grid cells`);
    const c = p.vf.columns;
    const masked = await p.vf.values(p.x, masks, w);
    const values = new Float64Array(g * c);
    for (let k = 0; k < w; k++) {
      const cells = grid.windows[k];
      for (let t = 0; t < cells.length; t++) {
        const o = cells[t] * c;
        for (let j = 0; j < c; j++) values[o + j] += share[k][t] * (p.full[j] - masked[k * c + j]);
      }
    }
    for (let cell = 0; cell < g; cell++) {
      if (covering[cell] === 0) continue;
      for (let j = 0; j < c; j++) values[cell * c + j] /= covering[cell];
    }
    return values;
  };
}
