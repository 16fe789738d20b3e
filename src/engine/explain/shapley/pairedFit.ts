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
import { factorSymmetric, solveFactored } from '../linalg';

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

/** The row-independent part of a fit: the design matrix, its factored normal matrix and each pair's leverage. */
export interface PreparedFit {
  design: PairDesign;
  triples: Int32Array;
  p: number;
  x: Float64Array;
  last: Float64Array;
  factor: Float64Array;
  /** L^T (p x m), coefficients to values, and A^-1 L^T. */
  lt: Float64Array;
  h: Float64Array;
  /** Per pair: 1 / (1 - leverage) (HC3, MacKinnon & White 1985: a fitted pair's residual is too small). */
  inflate: Float64Array;
  /** Per pair, its row of X H (count x m): the same for every explained row, so computed once when first needed. */
  xh?: Float64Array;
}

/** X H, each pair's influence on the m values, shared by every row that uses this fit. */
function pairInfluence(f: PreparedFit): Float64Array {
  if (f.xh) return f.xh;
  const { x, p, h } = f;
  const { m, count } = f.design;
  const xh = new Float64Array(count * m);
  for (let k = 0; k < count; k++) {
    const row = x.subarray(k * p, (k + 1) * p);
    for (let r = 0; r < p; r++) {
      if (row[r] === 0) continue;
      for (let i = 0; i < m; i++) xh[k * m + i] += row[r] * h[r * m + i];
    }
  }
  return (f.xh = xh);
}

export function prepareFit(design: PairDesign, triples: Int32Array = new Int32Array(0)): PreparedFit {
  const { m, count } = design;
  const t = triples.length / 3;
  // Free parameters: a_0 .. a_{m-2} and the triples' c_T; a_{m-1} = dN - their sum.
  const p = m - 1 + t;
  const x = new Float64Array(count * p);
  const last = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const mask = design.masks.subarray(k * m, (k + 1) * m);
    const yl = 2 * mask[m - 1] - 1;
    last[k] = yl;
    const row = x.subarray(k * p, (k + 1) * p);
    for (let i = 0; i < m - 1; i++) row[i] = 2 * mask[i] - 1 - yl;
    for (let q = 0; q < t; q++) {
      const y3 =
        (2 * mask[triples[3 * q]] - 1) * (2 * mask[triples[3 * q + 1]] - 1) * (2 * mask[triples[3 * q + 2]] - 1);
      row[m - 1 + q] = y3 - yl;
    }
  }
  const a = new Float64Array(p * p);
  // About half of a row's entries are 0 (y_i = y_last): accumulate over the others only.
  const nonzero = new Int32Array(p);
  for (let k = 0; k < count; k++) {
    const w = design.weights[k];
    const row = x.subarray(k * p, (k + 1) * p);
    let n = 0;
    for (let i = 0; i < p; i++) if (row[i] !== 0) nonzero[n++] = i;
    for (let u = 0; u < n; u++) {
      const i = nonzero[u];
      const wi = w * row[i];
      const ai = i * p;
      for (let v = 0; v <= u; v++) a[ai + nonzero[v]] += wi * row[nonzero[v]];
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) a[j * p + i] = a[i * p + j];
  const factor = factorSymmetric(a, p);
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
  const inflate = new Float64Array(count).fill(1);
  const z = new Float64Array(p);
  for (let k = 0; k < count; k++) {
    if (design.stratum[k] < 0) continue;
    const row = x.subarray(k * p, (k + 1) * p);
    // Leverage w_k x_k^T A^-1 x_k = w_k |L^-1 x_k|^2 with A = L L^T.
    let lev = 0;
    for (let i = 0; i < p; i++) {
      let s = row[i];
      const fi = i * p;
      for (let q = 0; q < i; q++) s -= factor[fi + q] * z[q];
      z[i] = s / factor[fi + i];
      lev += z[i] * z[i];
    }
    inflate[k] = 1 / Math.max(0.05, 1 - design.weights[k] * lev);
  }
  return { design, triples, p, x, last, factor, lt, h: solveFactored(factor, p, lt, m), inflate };
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

/** The row's part: the right-hand side, the coefficients, the values and their standard errors. */
export function solvePrepared(f: PreparedFit, d: Float64Array, dN: Float64Array, c: number): PairFit {
  const { design, p, x, last, lt } = f;
  const { m, count } = design;
  const values = new Float64Array(m * c);
  const stdErrors = new Float64Array(m * c);
  const b = new Float64Array(p * c);
  for (let k = 0; k < count; k++) {
    const w = design.weights[k];
    const row = x.subarray(k * p, (k + 1) * p);
    for (let j = 0; j < c; j++) {
      const target = w * (d[k * c + j] - dN[j] * last[k]);
      for (let i = 0; i < p; i++) b[i * c + j] += row[i] * target;
    }
  }
  const theta = solveFactored(f.factor, p, b, c);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < c; j++) {
      let s = i === m - 1 ? 2 * dN[j] : 0;
      for (let r = 0; r < p; r++) s += lt[r * m + i] * theta[r * c + j];
      values[i * c + j] = s;
    }
  sandwich(f, theta, d, dN, c, stdErrors);
  return { values, stdErrors };
}

/**
 * Var(phi) = sum over sampled strata of (1 - f_h) n_h / (n_h - 1) sum over clusters of (U_c - mean U)^2, where
 * U_c sums w_k (L A^-1 x_k) e_k over the cluster's pairs (the fit's influence), e_k the pair's residual
 * divided by 1 - h_k, its leverage.
 */
function sandwich(
  f: PreparedFit,
  theta: Float64Array,
  d: Float64Array,
  dN: Float64Array,
  c: number,
  out: Float64Array,
): void {
  const { design, x, p, last } = f;
  const { m, count } = design;
  const strata = design.fraction.length;
  if (strata === 0) return;
  // Cluster totals per (cluster, feature, column), gathered by cluster id.
  const clusterIndex = new Map<number, number>();
  const clusterStratum: number[] = [];
  for (let k = 0; k < count; k++) {
    if (design.stratum[k] < 0 || clusterIndex.has(design.cluster[k])) continue;
    clusterIndex.set(design.cluster[k], clusterStratum.length);
    clusterStratum.push(design.stratum[k]);
  }
  const nc = clusterStratum.length;
  if (nc === 0) return;
  const u = new Float64Array(nc * m * c);
  const xh = pairInfluence(f);
  const e = new Float64Array(c);
  for (let k = 0; k < count; k++) {
    if (design.stratum[k] < 0) continue;
    const row = x.subarray(k * p, (k + 1) * p);
    const inflate = f.inflate[k];
    for (let j = 0; j < c; j++) {
      let fit = 0;
      for (let r = 0; r < p; r++) fit += row[r] * theta[r * c + j];
      e[j] = (d[k * c + j] - dN[j] * last[k] - fit) * inflate;
    }
    const g = xh.subarray(k * m, (k + 1) * m);
    const at = clusterIndex.get(design.cluster[k])! * m * c;
    const w = design.weights[k];
    for (let i = 0; i < m; i++) for (let j = 0; j < c; j++) u[at + i * c + j] += w * g[i] * e[j];
  }
  const n = new Float64Array(strata);
  const mean = new Float64Array(strata * m * c);
  clusterStratum.forEach((s, q) => {
    n[s]++;
    for (let z = 0; z < m * c; z++) mean[s * m * c + z] += u[q * m * c + z];
  });
  for (let s = 0; s < strata; s++) for (let z = 0; z < m * c; z++) mean[s * m * c + z] /= Math.max(1, n[s]);
  const variance = new Float64Array(m * c);
  clusterStratum.forEach((s, q) => {
    if (n[s] < 2) return;
    const scale = ((1 - design.fraction[s]) * n[s]) / (n[s] - 1);
    for (let z = 0; z < m * c; z++) {
      const dev = u[q * m * c + z] - mean[s * m * c + z];
      variance[z] += scale * dev * dev;
    }
  });
  for (let z = 0; z < m * c; z++) out[z] = Math.sqrt(variance[z]);
}
