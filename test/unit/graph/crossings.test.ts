import * as assert from 'node:assert/strict';
import { layoutGraph, type GraphLayout } from '../../../src/engine/graph/layout';
import { geometricCrossings, randomGraph, segments } from './layoutChecks';
import { randomInt, seededRandom } from './networkGraphs';

/** The layered graph behind a drawing: items per rank (nodes and bend points) and the segments between them. */
function layeredGraph(layout: GraphLayout): { rows: number[][]; links: [number, number, number][] } {
  const rows = new Map<number, number[]>();
  const add = (r: number, x: number): void => {
    const row = rows.get(r) ?? [];
    if (!row.includes(x)) row.push(x);
    rows.set(r, row);
  };
  const segs = segments(layout);
  for (const n of layout.nodes) add(n.rank, n.x);
  for (const [r, a, b] of segs) {
    add(r, a);
    add(r + 1, b);
  }
  const rankCount = Math.max(...layout.nodes.map((n) => n.rank)) + 1;
  const sorted = Array.from({ length: rankCount }, (_, r) => (rows.get(r) ?? []).sort((a, b) => a - b));
  const links = segs.map(([r, a, b]): [number, number, number] => [r, sorted[r].indexOf(a), sorted[r + 1].indexOf(b)]);
  return { rows: sorted.map((row) => row.map((_, i) => i)), links };
}

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

/** Minimum and mean crossings over every ordering of every rank (the mean is that of a random ordering). */
function bruteForce(rows: number[][], links: [number, number, number][]): { min: number; mean: number } {
  const choices = rows.map(permutations);
  let min = Infinity;
  let sum = 0;
  let count = 0;
  const pick: number[][] = [];
  const visit = (r: number): void => {
    if (r === rows.length) {
      let c = 0;
      for (let i = 0; i < links.length; i++) {
        for (let j = i + 1; j < links.length; j++) {
          const [ri, ai, bi] = links[i];
          const [rj, aj, bj] = links[j];
          if (ri !== rj) continue;
          if ((pick[ri][ai] - pick[ri][aj]) * (pick[ri + 1][bi] - pick[ri + 1][bj]) < 0) c++;
        }
      }
      min = Math.min(min, c);
      sum += c;
      count++;
      return;
    }
    for (const p of choices[r]) {
      pick[r] = p;
      visit(r + 1);
    }
  };
  visit(0);
  return { min, mean: sum / count };
}

describe('crossing reduction', () => {
  it('is never worse than the optimum allows and beats random orderings, checked by brute force', () => {
    const random = seededRandom(3);
    let ours = 0;
    let randomMean = 0;
    let optimal = 0;
    let graphs = 0;
    let matchedOptimum = 0;
    while (graphs < 40) {
      const n = randomInt(random, 4, 8);
      const input = randomGraph(random, n, randomInt(random, n, 2 * n));
      const layout = layoutGraph(input);
      const { rows, links } = layeredGraph(layout);
      // Keep the enumeration small: at most 5 items on a rank and 20,000 orderings in all.
      const orderings = rows.reduce((p, row) => p * permutations(row).length, 1);
      if (rows.some((row) => row.length > 5) || orderings > 20000) continue;
      const { min, mean } = bruteForce(rows, links);
      const got = geometricCrossings(layout);
      assert.ok(got >= min, 'the brute force found the minimum');
      ours += got;
      randomMean += mean;
      optimal += min;
      graphs++;
      if (got === min) matchedOptimum++;
    }
    assert.ok(ours <= randomMean / 2, `ours ${ours}, random orderings ${randomMean.toFixed(1)}`);
    assert.ok(
      matchedOptimum >= graphs * 0.75,
      `optimal on ${matchedOptimum} of ${graphs} (total ${ours} vs ${optimal})`,
    );
  });
});
