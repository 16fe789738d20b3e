/** Background summarisation: small sets whole, larger ones by weighted k-means or a seeded sample. */

export interface Rows {
  values: Float64Array;
  rows: number;
  cols: number;
}

export interface Background extends Rows {
  /** Per row: cluster sizes for k-means, 1 otherwise (the engine may use them or weigh rows uniformly). */
  weights: Float64Array;
  method: 'all' | 'kmeans' | 'sample';
  /** For 'all' and 'sample': the source row of each background row. */
  sourceRows?: Int32Array;
}

export interface SummariseOptions {
  /** Rows kept (default 100); a set this small or smaller is used whole. */
  backgroundSize?: number;
  method?: 'kmeans' | 'sample';
  /** Uniform in [0, 1), seeded by the caller. */
  random: () => number;
  maxIterations?: number;
}

export function summariseBackground(m: Rows, options: SummariseOptions): Background {
  const size = options.backgroundSize ?? 100;
  if (!(size >= 1)) throw new Error(`background size ${size} should be at least 1`);
  if (m.rows <= size) {
    return {
      ...m,
      values: m.values.slice(),
      weights: new Float64Array(m.rows).fill(1),
      method: 'all',
      sourceRows: Int32Array.from({ length: m.rows }, (_, i) => i),
    };
  }
  if (options.method === 'sample') {
    const picked = sampleRows(m.rows, size, options.random);
    return { ...takeRows(m, picked), weights: new Float64Array(size).fill(1), method: 'sample', sourceRows: picked };
  }
  const km = kMeans(m, size, options.random, options.maxIterations);
  return { values: km.centres, rows: size, cols: m.cols, weights: km.sizes, method: 'kmeans' };
}

/** k distinct indices of 0..n-1, by a partial Fisher-Yates shuffle (without replacement). */
export function sampleRows(n: number, k: number, random: () => number): Int32Array {
  if (k > n) throw new Error(`cannot sample ${k} rows from ${n}`);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order.slice(0, k);
}

export function takeRows(m: Rows, rows: ArrayLike<number>): Rows {
  const values = new Float64Array(rows.length * m.cols);
  for (let i = 0; i < rows.length; i++)
    values.set(m.values.subarray(rows[i] * m.cols, (rows[i] + 1) * m.cols), i * m.cols);
  return { values, rows: rows.length, cols: m.cols };
}

export interface KMeansResult {
  centres: Float64Array;
  /** Rows in each cluster. */
  sizes: Float64Array;
  assignment: Int32Array;
  iterations: number;
}

function sqDist(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = a[ai + j] - b[bi + j];
    s += t * t;
  }
  return s;
}

/** k-means++ seeding (Arthur & Vassilvitskii 2007): each next centre drawn with probability proportional to D(x)^2. */
function seedCentres(m: Rows, k: number, random: () => number): Float64Array {
  const d = m.cols;
  const centres = new Float64Array(k * d);
  const dist = new Float64Array(m.rows).fill(Infinity);
  let pick = Math.floor(random() * m.rows);
  for (let c = 0; c < k; c++) {
    centres.set(m.values.subarray(pick * d, (pick + 1) * d), c * d);
    let total = 0;
    for (let i = 0; i < m.rows; i++) {
      dist[i] = Math.min(dist[i], sqDist(m.values, i * d, centres, c * d, d));
      total += dist[i];
    }
    if (total === 0)
      pick = Math.floor(random() * m.rows); // every row already is a centre
    else {
      let r = random() * total;
      pick = m.rows - 1;
      for (let i = 0; i < m.rows; i++) {
        r -= dist[i];
        if (r < 0) {
          pick = i;
          break;
        }
      }
    }
  }
  return centres;
}

/** Lloyd's algorithm from k-means++ seeds, until assignments stop changing; an emptied cluster takes the farthest row. */
export function kMeans(m: Rows, k: number, random: () => number, maxIterations = 100): KMeansResult {
  if (k < 1 || k > m.rows) throw new Error(`k = ${k} for ${m.rows} rows`);
  const d = m.cols;
  const centres = seedCentres(m, k, random);
  const assignment = new Int32Array(m.rows).fill(-1);
  const sizes = new Float64Array(k);
  const nearest = new Float64Array(m.rows);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = false;
    for (let i = 0; i < m.rows; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const dd = sqDist(m.values, i * d, centres, c * d, d);
        if (dd < bestD) {
          bestD = dd;
          best = c;
        }
      }
      nearest[i] = bestD;
      if (assignment[i] !== best) {
        assignment[i] = best;
        changed = true;
      }
    }
    if (!changed) break;
    centres.fill(0);
    sizes.fill(0);
    for (let i = 0; i < m.rows; i++) {
      const c = assignment[i];
      sizes[c]++;
      for (let j = 0; j < d; j++) centres[c * d + j] += m.values[i * d + j];
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) {
        let far = 0;
        for (let i = 1; i < m.rows; i++) if (nearest[i] > nearest[far]) far = i;
        nearest[far] = 0;
        centres.set(m.values.subarray(far * d, (far + 1) * d), c * d);
        continue;
      }
      for (let j = 0; j < d; j++) centres[c * d + j] /= sizes[c];
    }
  }
  sizes.fill(0);
  for (let i = 0; i < m.rows; i++) sizes[assignment[i]]++;
  return { centres, sizes, assignment, iterations };
}

/** mulberry32: a small seeded PRNG for reproducible sampling and seeding. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
