// Occlusion over a grid of stride-sized cells: windows cover the image, every window is masked in one
// batch, and the map is the closed form of shared window drops.

import assert from 'node:assert/strict';
import { segmentSizes } from '../../../../src/engine/explain/features/pixelGroups';
import {
  occlusionDefaults,
  occlusionExplainer,
  occlusionGrid,
} from '../../../../src/engine/explain/occlusion/occlusion';
import { seededRandom } from '../../../../src/engine/explain/random';
import { lookupProblem, modelProblem } from './problems';

describe('occlusion', () => {
  it('defaults: a window of an eighth of the shorter side, stride half of it', () => {
    assert.deepEqual(occlusionDefaults(224, 224), { window: 28, stride: 14 });
    assert.deepEqual(occlusionDefaults(28, 28), { window: 4, stride: 2 });
    assert.deepEqual(occlusionDefaults(480, 640), { window: 60, stride: 30 });
    assert.deepEqual(occlusionDefaults(5, 5), { window: 2, stride: 1 });
  });

  it('windows are squares of whole cells that cover every cell, for sizes that do and do not divide', () => {
    for (const [h, w, window, stride] of [
      [16, 16, 4, 2],
      [17, 23, 4, 2],
      [28, 28, 6, 3],
      [10, 7, 30, 2],
      [9, 9, 3, 3],
      [224, 224, 28, 14],
    ]) {
      const grid = occlusionGrid(h, w, window, stride);
      const rows = Math.ceil(h / stride);
      const cols = Math.ceil(w / stride);
      assert.equal(grid.cells, rows * cols);
      grid.segmentOfPixel.forEach((cell, p) => {
        const [y, x] = [Math.floor(p / w), p % w];
        assert.equal(cell, Math.floor(y / stride) * cols + Math.floor(x / stride));
      });
      const covered = new Uint8Array(grid.cells);
      const span = Math.max(1, Math.round(window / stride));
      const [spanY, spanX] = [Math.min(span, rows), Math.min(span, cols)];
      for (const cells of grid.windows) {
        cells.forEach((c) => (covered[c] = 1));
        // A square block of span x span consecutive cells.
        const r0 = Math.floor(cells[0] / cols);
        const c0 = cells[0] % cols;
        assert.equal(cells.length, spanY * spanX);
        cells.forEach((c) => assert.ok(Math.floor(c / cols) - r0 < spanY && (c % cols) - c0 < spanX && c % cols >= c0));
      }
      assert.ok(
        covered.every((c) => c === 1),
        `${h}x${w} window ${window} stride ${stride}`,
      );
      assert.equal(grid.windows.length, (rows - spanY + 1) * (cols - spanX + 1));
    }
  });

  it('a model that sums one 4x4 block of pixels: the block cells hold the largest values, as the closed form', async () => {
    const [h, w] = [16, 16];
    const grid = occlusionGrid(h, w, 4, 2);
    const rng = seededRandom(5);
    const x = Float64Array.from({ length: h * w }, () => 1 + rng());
    const inBlock = (p: number) => Math.floor(p / w) >= 6 && Math.floor(p / w) < 10 && p % w >= 6 && p % w < 10;
    const p = await modelProblem(
      x,
      new Float64Array(h * w),
      { count: grid.cells, groupOf: grid.segmentOfPixel },
      1,
      (row, out) => {
        out[0] = 0;
        for (let e = 0; e < row.length; e++) if (inBlock(e)) out[0] += row[e];
      },
    );
    const values = await occlusionExplainer(grid)(p);
    // The block is cells (3..4, 3..4) of the 8x8 grid of 2x2 cells.
    const block = [3 * 8 + 3, 3 * 8 + 4, 4 * 8 + 3, 4 * 8 + 4];
    const ranked = [...values.keys()].sort((a, b) => values[b] - values[a]);
    assert.deepEqual(ranked.slice(0, 4).sort(), [...block].sort());
    // Closed form: a window's drop is the sum of x over its block pixels; a quarter of it to each of its
    // four 2x2 cells; a cell's value is the mean over the windows covering it.
    const cellOf = (p: number) => grid.segmentOfPixel[p];
    for (let cell = 0; cell < 64; cell++) {
      const covering = grid.windows.filter((cells) => cells.includes(cell));
      let expected = 0;
      for (const cells of covering) {
        let drop = 0;
        x.forEach((v, e) => (drop += inBlock(e) && cells.includes(cellOf(e)) ? v : 0));
        expected += drop / 4 / covering.length;
      }
      assert.ok(Math.abs(values[cell] - expected) < 1e-4, `cell ${cell}: ${values[cell]} vs ${expected}`);
    }
  });

  it('one vf.values call for every window; cells shared by pixel count; a flat additive map is its own terms', async () => {
    // 6x6 pixels, cells of 4 (the last row and column of cells are 2 pixels wide), window = 1 cell:
    // each cell's value is its own drop, whatever its size.
    const grid = occlusionGrid(6, 6, 4, 4);
    const pixels = segmentSizes(grid.segmentOfPixel, grid.cells);
    assert.deepEqual([...pixels], [16, 8, 8, 4]);
    const terms = [3, -1, 0.5, 2];
    const { p, calls } = lookupProblem(4, 2, (mask) => {
      const s = terms.reduce((a, t, i) => a + t * mask[i], 0);
      return [s, 10 - s];
    });
    const values = await occlusionExplainer(grid, pixels)(p);
    assert.equal(calls.count, 1);
    assert.equal(calls.coalitions, grid.windows.length);
    terms.forEach((t, i) => {
      assert.ok(Math.abs(values[i * 2] - t) < 1e-12);
      assert.ok(Math.abs(values[i * 2 + 1] + t) < 1e-12);
    });
    // Windows of 2x2 cells over a per-pixel constant additive model: every cell gets exactly its term.
    const big = occlusionGrid(12, 12, 4, 2);
    const size = segmentSizes(big.segmentOfPixel, big.cells);
    const flat = lookupProblem(big.cells, 1, (mask) => [mask.reduce((a, m, i) => a + 0.5 * size[i] * m, 0)]);
    const map = await occlusionExplainer(big)(flat.p);
    map.forEach((v, i) => assert.ok(Math.abs(v - 0.5 * size[i]) < 1e-12));
  });
});
