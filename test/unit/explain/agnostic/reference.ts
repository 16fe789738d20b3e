// Independent float64 references for the model-agnostic methods: Shapley values as the mean of
// marginal contributions over every ordering of the features (no coalition weights involved).

export type RowFunction = (row: Float64Array) => number[];

/** v(S) = weighted mean over background rows of f(x_S, b_rest), straight from the definition. */
export function coalitionValue(f: RowFunction, x: Float64Array, bg: Float64Array[], w: number[], s: Set<number>) {
  const total = w.reduce((a, b) => a + b, 0);
  let acc: number[] | undefined;
  bg.forEach((b, k) => {
    const row = Float64Array.from(b, (v, i) => (s.has(i) ? x[i] : v));
    const y = f(row);
    acc ??= y.map(() => 0);
    y.forEach((v, j) => (acc![j] += (w[k] / total) * v));
  });
  return acc!;
}

/** Shapley values by averaging over all M! orderings; [feature][column]. */
export function shapleyByOrderings(
  f: RowFunction,
  x: Float64Array,
  bg: Float64Array[],
  w: number[] = bg.map(() => 1),
  link: (v: number) => number = (v) => v,
): number[][] {
  const m = x.length;
  const cache = new Map<string, number[]>();
  const v = (s: Set<number>) => {
    const key = [...s].sort((a, b) => a - b).join(',');
    if (!cache.has(key)) cache.set(key, coalitionValue(f, x, bg, w, s).map(link));
    return cache.get(key)!;
  };
  let phi: number[][] | undefined;
  let orderings = 0;
  const visit = (order: number[]) => {
    orderings++;
    const s = new Set<number>();
    for (const i of order) {
      const before = v(s);
      s.add(i);
      const after = v(s);
      phi ??= Array.from({ length: m }, () => before.map(() => 0));
      after.forEach((a, j) => (phi![i][j] += a - before[j]));
    }
  };
  permute([...Array(m).keys()], 0, visit);
  return phi!.map((r) => r.map((p) => p / orderings));
}

function permute(a: number[], k: number, visit: (order: number[]) => void): void {
  if (k === a.length) return visit(a);
  for (let i = k; i < a.length; i++) {
    [a[k], a[i]] = [a[i], a[k]];
    permute(a, k + 1, visit);
    [a[k], a[i]] = [a[i], a[k]];
  }
}

export function maxAbsDiff(a: number[][], b: number[][]): number {
  let d = 0;
  a.forEach((r, i) => r.forEach((v, j) => (d = Math.max(d, Math.abs(v - b[i][j])))));
  return d;
}
