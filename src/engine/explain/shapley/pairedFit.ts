/**
 * KernelSHAP's weighted least squares on complement pairs, with a standard error per value.
 * A pair (S, N\S) enters through d = (v(S) - v(N\S)) / 2, the odd part of v in y = 2z - 1: the even part has
 * Shapley value 0, so paired sampling loses nothing. d is fitted on y_i (value 2a_i each) and, optionally, on
 * the triple products y_i y_j y_k of chosen features (value 2c/3 to each of the three), under the constraint
 * that the fit meets v(N) - v(empty) (efficiency). Any basis holding the linear terms gives the exact values
 * when every coalition is fitted (the residual is orthogonal to the additive games), so the triples only remove
 * the third-order part of the sampling error: the regression adjustment of Witter et al. 2025 and the
 * polynomial KernelSHAP of Fumagalli et al. 2025, with a basis whose Shapley values are closed forms.
 * Standard errors: the linearised (sandwich) variance of the fit under stratified sampling without replacement
 * of clusters of pairs (Cochran 1977, ch. 5 and 9; a cluster is a pair, or the pairs of one permutation).
 */
import { factorSymmetric } from '../linalg';

export interface PairDesign {
  m: number;
  /** Pairs, each given by its S side (`m` bytes; the partner is the complement). */
  count: number;
  masks: Uint8Array;
  /** Per pair: its share of the Shapley kernel's mass (the sum over the pairs of a stratum is the stratum's mass). */
  weights: Float64Array;
  /** Per pair: its sampling stratum, or -1 when the pair's stratum is enumerated (no sampling error). */
  stratum: Int32Array;
  /** Per pair: the cluster it was drawn with (clusters are the sampling units). */
  cluster: Int32Array;
  /** Per stratum: the fraction of its clusters drawn (finite-population correction). */
  fraction: Float64Array;
}

export interface PairFit {
  /** [group][column] values, summing to dN * 2 per column. */
  values: Float64Array;
  /** [group][column] standard errors (0 for a fit with no sampled pairs). */
  stdErrors: Float64Array;
}

/** Triples of `features` (ascending index lists), the basis's third-order terms. */
export function triplesOf(features: ArrayLike<number>): Int32Array {
  const f = Array.from(features).sort((a, b) => a - b);
  const out: number[] = [];
  for (let a = 0; a < f.length; a++)
    for (let b = a + 1; b < f.length; b++) for (let c = b + 1; c < f.length; c++) out.push(f[a], f[b], f[c]);
  return Int32Array.from(out);
}

/**
 * The row-independent part of a fit. Each pair's design row is sparse with one sign: x_k = s_k 1_{S_k}, where
 * S_k holds the terms whose sign differs from the last feature's (y_i - y_last and y_ijk - y_last are 0 or
 * -2 y_last), so every product below is a sum over S_k instead of a dense dot product.
 */
export interface PreparedFit {
  design: PairDesign;
  triples: Int32Array;
  p: number;
  /** Per pair: y of the last feature, and s_k = -2 y_last. */
  last: Float64Array;
  sign: Float64Array;
  /** S_k as index lists: pair k's terms are index[start[k] .. start[k + 1]). */
  start: Int32Array;
  index: Int32Array;
  /** The same by term (term i's pairs are pairs[termStart[i] .. termStart[i + 1])), for gathering X^T W r. */
  termStart: Int32Array;
  pairs: Int32Array;
  /** Per pair: w_k s_k. */
  weightSign: Float64Array;
  /** A^-1 (p x p, symmetric). */
  inverse: Float64Array;
  /** L^T (p x m), coefficients to values. */
  lt: Float64Array;
  /** Per pair: 1 / (1 - leverage) (HC3, MacKinnon & White 1985: a fitted pair's residual is too small). */
  inflate: Float64Array;
  /** Per pair, its row of X A^-1 L^T (count x m): its influence on the values; computed when first needed. */
  xh?: Float64Array;
  /** Per pair, its cluster's number among the sampled clusters (-1: enumerated), and each cluster's stratum. */
  clusters?: { clusterOf: Int32Array; clusterStratum: Int32Array };
  /** Scratch arrays for a row's fit, made on first use. */
  workspace?: Workspace;
}

interface Workspace {
  w: number;
  r: Float64Array;
  t: Float64Array;
  b: Float64Array;
  theta: Float64Array;
  /** Cluster totals (clusters x m x w). */
  u: Float64Array;
}

/** The sampled clusters, numbered in order of their first pair: the same for every row using this fit. */
function clustersOf(f: PreparedFit): NonNullable<PreparedFit['clusters']> {
  if (f.clusters) return f.clusters;
  const { stratum, cluster, count } = f.design;
  const number = new Map<number, number>();
  const clusterOf = new Int32Array(count).fill(-1);
  const strata: number[] = [];
  for (let k = 0; k < count; k++) {
    if (stratum[k] < 0) continue;
    let q = number.get(cluster[k]);
    if (q === undefined) {
      q = strata.length;
      number.set(cluster[k], q);
      strata.push(stratum[k]);
    }
    clusterOf[k] = q;
  }
  return (f.clusters = { clusterOf, clusterStratum: Int32Array.from(strata) });
}

/** X A^-1 L^T, each sampled pair's influence on the m values, shared by every row that uses this fit. */
function pairInfluence(f: PreparedFit): Float64Array {
  if (f.xh) return f.xh;
  const { p, lt, inverse, start, index, sign } = f;
  const { m, count, stratum } = f.design;
  // H = A^-1 L^T (p x m), through L^T's few non-zeros per row.
  const h = new Float64Array(p * m);
  for (let r = 0; r < p; r++)
    for (let i = 0; i < m; i++) {
      const l = lt[r * m + i];
      if (l === 0) continue;
      for (let q = 0; q < p; q++) h[q * m + i] += inverse[q * p + r] * l;
    }
  const xh = new Float64Array(count * m);
  for (let k = 0; k < count; k++) {
    if (stratum[k] < 0) continue;
    const out = xh.subarray(k * m, (k + 1) * m);
    for (let u = start[k]; u < start[k + 1]; u++) {
      const at = index[u] * m;
      for (let i = 0; i < m; i++) out[i] += h[at + i];
    }
    for (let i = 0; i < m; i++) out[i] *= sign[k];
  }
  return (f.xh = xh);
}

export function prepareFit(design: PairDesign, triples: Int32Array = new Int32Array(0)): PreparedFit {
  const { m, count } = design;
  const t = triples.length / 3;
  // Free parameters: a_0 .. a_{m-2} and the triples' c_T; a_{m-1} = dN - their sum.
  const p = m - 1 + t;
  const last = new Float64Array(count);
  const sign = new Float64Array(count);
  const start = new Int32Array(count + 1);
  const terms: number[] = [];
  for (let k = 0; k < count; k++) {
    const mask = design.masks.subarray(k * m, (k + 1) * m);
    const yl = mask[m - 1];
    last[k] = 2 * yl - 1;
    sign[k] = -2 * last[k];
    for (let i = 0; i < m - 1; i++) if (mask[i] !== yl) terms.push(i);
    for (let q = 0; q < t; q++) {
      // The triple's product is +1 when an even number of its three features are out (mask 0).
      const odd = (mask[triples[3 * q]] ^ mask[triples[3 * q + 1]] ^ mask[triples[3 * q + 2]]) === 1;
      if (odd !== (yl === 1)) terms.push(m - 1 + q);
    }
    start[k + 1] = terms.length;
  }
  const index = Int32Array.from(terms);
  // The transpose, so X^T W r is a gather per term (a scatter per pair is about three times slower).
  const termStart = new Int32Array(p + 1);
  for (const i of terms) termStart[i + 1]++;
  for (let i = 0; i < p; i++) termStart[i + 1] += termStart[i];
  const pairs = new Int32Array(terms.length);
  const fill = termStart.slice(0, p);
  for (let k = 0; k < count; k++) for (let u = start[k]; u < start[k + 1]; u++) pairs[fill[index[u]]++] = k;
  const weightSign = Float64Array.from(sign, (sk, k) => sk * design.weights[k]);
  // A = X^T W X: each pair adds 4 w_k to the entries of S_k x S_k (lower half here, mirrored below).
  const a = new Float64Array(p * p);
  for (let k = 0; k < count; k++) {
    const w4 = 4 * design.weights[k];
    for (let u = start[k]; u < start[k + 1]; u++) {
      const ai = index[u] * p;
      for (let v = start[k]; v <= u; v++) a[ai + index[v]] += w4;
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) a[j * p + i] = a[i * p + j];
  const inverse = inverseFromFactor(factorSymmetric(a, p), p);
  // phi = L theta + 2 dN e_{m-1}: L maps coefficients to values.
  const lt = new Float64Array(p * m);
  for (let i = 0; i < m - 1; i++) {
    lt[i * m + i] = 2;
    lt[i * m + m - 1] = -2;
  }
  for (let q = 0; q < t; q++) {
    const r = (m - 1 + q) * m;
    for (let s = 0; s < 3; s++) lt[r + triples[3 * q + s]] += 2 / 3;
    lt[r + m - 1] -= 2;
  }
  // Leverage w_k x_k^T A^-1 x_k = 4 w_k (sum of A^-1 over S_k x S_k), for the sampled pairs.
  const inflate = new Float64Array(count).fill(1);
  for (let k = 0; k < count; k++) {
    if (design.stratum[k] < 0) continue;
    let sum = 0;
    for (let u = start[k]; u < start[k + 1]; u++) {
      const ri = index[u] * p;
      let off = 0;
      for (let v = start[k]; v < u; v++) off += inverse[ri + index[v]];
      sum += inverse[ri + index[u]] + 2 * off;
    }
    inflate[k] = 1 / Math.max(0.05, 1 - 4 * design.weights[k] * sum);
  }
  return { design, triples, p, last, sign, start, index, termStart, pairs, weightSign, inverse, lt, inflate };
}

/** A^-1 = L^-T L^-1 from the Cholesky factor L (row-major lower), symmetric. */
function inverseFromFactor(l: Float64Array, n: number): Float64Array {
  // L^-1, lower triangular, by forward substitution column by column.
  const li = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    li[j * n + j] = 1 / l[j * n + j];
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      const ri = i * n;
      for (let q = j; q < i; q++) s -= l[ri + q] * li[q * n + j];
      li[ri + j] = s / l[ri + i];
    }
  }
  // (L^-T L^-1)_ij = sum over q >= max(i, j) of li[q][i] li[q][j].
  const inv = new Float64Array(n * n);
  for (let q = 0; q < n; q++) {
    const row = q * n;
    for (let i = 0; i <= q; i++) {
      const v = li[row + i];
      if (v === 0) continue;
      const ri = i * n;
      for (let j = 0; j <= i; j++) inv[ri + j] += v * li[row + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) inv[j * n + i] = inv[i * n + j];
  return inv;
}

/**
 * Fits d (count x c) with the constraint sum of coefficients = dN (c), on y and the given triples.
 * Returns the Shapley values and their standard errors.
 */
export function fitPairs(
  design: PairDesign,
  d: Float64Array,
  dN: Float64Array,
  c: number,
  triples: Int32Array = new Int32Array(0),
): PairFit {
  if (design.m === 1) return { values: Float64Array.from(dN, (v) => 2 * v), stdErrors: new Float64Array(c) };
  return solvePrepared(prepareFit(design, triples), d, dN, c);
}

/**
 * The row's part: the right-hand side, the coefficients, the values and their standard errors (left at 0 with
 * `errors: false`, for a fit that only picks the leading features).
 */
export function solvePrepared(
  f: PreparedFit,
  d: Float64Array,
  dN: Float64Array,
  c: number,
  options: { errors?: boolean } = {},
): PairFit {
  const { m } = f.design;
  const values = new Float64Array(m * c);
  const stdErrors = new Float64Array(m * c);
  // Columns in blocks of four, each pass over the index lists serving all four (one column alone when c = 1).
  const w = c === 1 ? 1 : 4;
  for (let j0 = 0; j0 < c; j0 += w)
    solveBlock(f, d, dN, c, j0, w, values, options.errors === false ? undefined : stdErrors);
  return { values, stdErrors };
}

/** A fit's scratch arrays, kept with it: a row's fit is synchronous, so the rows using one fit take turns. */
function workspace(f: PreparedFit, w: number): Workspace {
  const { count, m } = f.design;
  if (f.workspace?.w === w) return f.workspace;
  const clusters = clustersOf(f).clusterStratum.length;
  return (f.workspace = {
    w,
    r: new Float64Array(count * w),
    t: new Float64Array(count * w),
    b: new Float64Array(f.p * w),
    theta: new Float64Array(f.p * w),
    u: new Float64Array(clusters * m * w),
  });
}

/**
 * Columns j0 .. j0 + w - 1 (those below c), interleaved w to a row: r_k = d_k - dN last_k (the response without
 * the constraint's part), b = X^T W r (each term gathering w_k s_k r_k over its pairs), theta = A^-1 b.
 */
function solveBlock(
  f: PreparedFit,
  d: Float64Array,
  dN: Float64Array,
  c: number,
  j0: number,
  w: number,
  values: Float64Array,
  stdErrors: Float64Array | undefined,
): void {
  const { design, p, last, inverse, lt, termStart, pairs, weightSign } = f;
  const { m, count } = design;
  const cols = Math.min(w, c - j0);
  const { r, t, b, theta } = workspace(f, w);
  // Unused columns of a block stay 0 (the arrays are reused from the last row).
  if (cols < w) {
    r.fill(0);
    t.fill(0);
  }
  for (let k = 0; k < count; k++)
    for (let j = 0; j < cols; j++) {
      r[k * w + j] = d[k * c + j0 + j] - dN[j0 + j] * last[k];
      t[k * w + j] = weightSign[k] * r[k * w + j];
    }
  if (w === 1) {
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let u = termStart[i], end = termStart[i + 1]; u < end; u++) s += t[pairs[u]];
      b[i] = s;
    }
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let q = 0, row = i * p; q < p; q++) s += inverse[row + q] * b[q];
      theta[i] = s;
    }
  } else {
    for (let i = 0; i < p; i++) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let u = termStart[i], end = termStart[i + 1]; u < end; u++) {
        const at = pairs[u] * 4;
        s0 += t[at];
        s1 += t[at + 1];
        s2 += t[at + 2];
        s3 += t[at + 3];
      }
      b[i * 4] = s0;
      b[i * 4 + 1] = s1;
      b[i * 4 + 2] = s2;
      b[i * 4 + 3] = s3;
    }
    for (let i = 0; i < p; i++) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let q = 0, row = i * p; q < p; q++) {
        const v = inverse[row + q];
        s0 += v * b[q * 4];
        s1 += v * b[q * 4 + 1];
        s2 += v * b[q * 4 + 2];
        s3 += v * b[q * 4 + 3];
      }
      theta[i * 4] = s0;
      theta[i * 4 + 1] = s1;
      theta[i * 4 + 2] = s2;
      theta[i * 4 + 3] = s3;
    }
  }
  for (let j = 0; j < cols; j++) values[(m - 1) * c + j0 + j] = 2 * dN[j0 + j];
  for (let q = 0; q < p; q++)
    for (let i = 0; i < m; i++) {
      const l = lt[q * m + i];
      if (l === 0) continue;
      for (let j = 0; j < cols; j++) values[i * c + j0 + j] += l * theta[q * w + j];
    }
  if (stdErrors) sandwich(f, theta, r, w, cols, (i, j, se) => (stdErrors[i * c + j0 + j] = se));
}

/**
 * Var(phi) = sum over sampled strata of (1 - f_h) n_h / (n_h - 1) sum over clusters of (U_c - mean U)^2, where
 * U_c sums w_k (L A^-1 x_k) e_k over the cluster's pairs (the fit's influence), e_k the pair's residual
 * divided by 1 - h_k, its leverage. theta and r hold w columns interleaved, `cols` of them in use.
 */
function sandwich(
  f: PreparedFit,
  theta: Float64Array,
  r: Float64Array,
  w: number,
  cols: number,
  put: (feature: number, column: number, se: number) => void,
): void {
  const { design, sign, start, index, inflate } = f;
  const { m, count, weights } = design;
  const strata = design.fraction.length;
  if (strata === 0) return;
  const { clusterOf, clusterStratum } = clustersOf(f);
  const nc = clusterStratum.length;
  if (nc === 0) return;
  // Cluster totals per (cluster, feature, column): U_c += w_k g_k e_k over the cluster's sampled pairs.
  const width = m * w;
  const u = workspace(f, w).u.fill(0);
  const xh = pairInfluence(f);
  const e = new Float64Array(w);
  for (let k = 0; k < count; k++) {
    const cluster = clusterOf[k];
    if (cluster < 0) continue;
    const from = start[k];
    const end = start[k + 1];
    if (w === 1) {
      let fit = 0;
      for (let q = from; q < end; q++) fit += theta[index[q]];
      e[0] = fit;
    } else {
      let f0 = 0;
      let f1 = 0;
      let f2 = 0;
      let f3 = 0;
      for (let q = from; q < end; q++) {
        const at = index[q] * 4;
        f0 += theta[at];
        f1 += theta[at + 1];
        f2 += theta[at + 2];
        f3 += theta[at + 3];
      }
      e[0] = f0;
      e[1] = f1;
      e[2] = f2;
      e[3] = f3;
    }
    const scale = weights[k] * inflate[k];
    for (let j = 0; j < w; j++) e[j] = scale * (r[k * w + j] - sign[k] * e[j]);
    const at = cluster * width;
    for (let i = 0; i < m; i++) {
      const g = xh[k * m + i];
      for (let j = 0; j < w; j++) u[at + i * w + j] += g * e[j];
    }
  }
  const n = new Float64Array(strata);
  const mean = new Float64Array(strata * width);
  for (let q = 0; q < nc; q++) {
    const h = clusterStratum[q];
    n[h]++;
    for (let z = 0; z < width; z++) mean[h * width + z] += u[q * width + z];
  }
  for (let h = 0; h < strata; h++) for (let z = 0; z < width; z++) mean[h * width + z] /= Math.max(1, n[h]);
  const variance = new Float64Array(width);
  for (let q = 0; q < nc; q++) {
    const h = clusterStratum[q];
    if (n[h] < 2) continue;
    const scale = ((1 - design.fraction[h]) * n[h]) / (n[h] - 1);
    for (let z = 0; z < width; z++) {
      const dev = u[q * width + z] - mean[h * width + z];
      variance[z] += scale * dev * dev;
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < cols; j++) put(i, j, Math.sqrt(variance[i * w + j]));
}
