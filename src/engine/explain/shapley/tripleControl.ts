/**
 * Control variates for antithetic permutation sampling (Goldwasser & Hooker 2023; regression-adjusted Monte Carlo,
 * Witter et al. 2025). A pair's unit for feature i is d(P + i) - d(P), d the odd part of v; additive and pairwise
 * effects give constant units, so the spread comes from odd interactions of order three and up. For a triple
 * T = {i, b, c} the game y_i y_b y_c (y = +1 inside the coalition, -1 outside) has unit Z = 2 y_b y_c on the
 * prefix before i and Shapley value 2/3 for each member: unit - coef * (Z - 2/3) keeps the mean and, with the
 * coefficient fitted, removes the part of the spread that triple explains. Triples are chosen greedily (orthogonal
 * matching pursuit, Pati et al. 1993) among the features whose units vary most, and fitted by ridge least squares
 * on every feature's units at once (one coefficient per triple, shared by its three members).
 * Kept exactly: efficiency (a triple's three Z - 2/3 sum to 0 along every order), and 0 for a feature whose units
 * are all 0 (it is in no triple).
 */
import { solveSymmetric } from '../linalg';
import { triplesOf } from './pairedFit';
import { meanAndError } from './standardError';

/** Features whose triples are candidates (the ones whose units vary most): C(16, 3) = 560 triples. */
const CANDIDATE_FEATURES = 16;
/**
 * Features whose units carry less than this share of the variance are in no triple: an ignored feature's units
 * are 0 up to rounding (a coalition's mean summed in two batches), and a triple would move it off 0.
 */
const MIN_SPREAD = 1e-9;
/** A column whose units' standard errors are below this share of its largest value varies only by rounding. */
const ROUNDING = 1e-9;
/** Ridge on the triples' normal matrix, as a share of its mean diagonal (measured: 0.1 beats 0.01 and 1). */
const RIDGE = 0.1;
/** A triple joins when it removes more than log(candidates) residual variances (a risk-inflation bound). */
const ENTRY = 1;
/** At most this many triples (bounds the time per row). */
const MAX_TRIPLES = 64;
/** Pairs the choice of triples looks at, at most (the fit uses all; bounds the time with many pairs). */
const SELECT_PAIRS = 64;
/** Groups of pairs for the cross-fit (each pair alone up to this many pairs; bounds the time). */
const CROSS_FIT_GROUPS = 10;

/**
 * The values (the units' means less the fitted control variates' sample deviations) and their standard errors.
 * Units are pair-major, then feature, then column.
 */
export function controlledMeans(
  unit: Float64Array,
  positions: readonly Int32Array[],
  n: number,
  m: number,
  c: number,
): { values: Float64Array; stdErrors: Float64Array } {
  const width = m * c;
  const plain = meanAndError(unit, n, width);
  // Candidates: triples of the features whose units vary most (each column scaled by its total variance). A column
  // whose units vary only by rounding (additive and pairwise effects only) takes no part.
  const scale = new Float64Array(c);
  const size = new Float64Array(c);
  for (let z = 0; z < width; z++) {
    scale[z % c] += plain.stdErrors[z] ** 2;
    size[z % c] = Math.max(size[z % c], Math.abs(plain.values[z]));
  }
  const active = Uint8Array.from(scale, (s, j) => (Math.sqrt(s) > ROUNDING * size[j] ? 1 : 0));
  for (let j = 0; j < c; j++) if (!active[j]) scale[j] = 0;
  const spread = new Float64Array(m);
  for (let z = 0; z < width; z++)
    if (scale[z % c] > 0) spread[Math.floor(z / c)] += plain.stdErrors[z] ** 2 / scale[z % c];
  const features = Array.from({ length: m }, (_, i) => i)
    .filter((i) => spread[i] > MIN_SPREAD * c)
    .sort((a, b) => spread[b] - spread[a])
    .slice(0, CANDIDATE_FEATURES)
    .sort((a, b) => a - b);
  if (features.length < 3 || n < 3) return plain;
  const triples = triplesOf(features);
  // Per candidate and member (3), per pair: Z - 2/3.
  const raw = new Float64Array(triples.length * n);
  for (let t = 0; t < triples.length / 3; t++)
    for (let a = 0; a < 3; a++) {
      const i = triples[3 * t + a];
      const b = triples[3 * t + ((a + 1) % 3)];
      const d = triples[3 * t + ((a + 2) % 3)];
      for (let o = 0; o < n; o++) {
        const p = positions[o];
        raw[(t * 3 + a) * n + o] = 2 * (p[b] < p[i] ? 1 : -1) * (p[d] < p[i] ? 1 : -1) - 2 / 3;
      }
    }
  const problem: Problem = { unit, raw, triples, n, m, c, features: features.length, active };
  // The units less the triples' fitted Z (- 2/3), with the triples chosen and fitted on the pairs in `keep`.
  const correct = (into: Float64Array, keep: Uint8Array, apply: (o: number) => boolean) => {
    const { chosen, coef } = pursue(problem, keep);
    chosen.forEach((t, q) => {
      for (let a = 0; a < 3; a++) {
        const i = triples[3 * t + a];
        for (let o = 0; o < n; o++)
          if (apply(o))
            for (let j = 0; j < c; j++) into[o * width + i * c + j] -= coef[q * c + j] * raw[(t * 3 + a) * n + o];
      }
    });
    return chosen.length;
  };
  const fitted = Float64Array.from(unit.subarray(0, n * width));
  if (correct(fitted, new Uint8Array(n).fill(1), () => true) === 0) return plain;
  // The error: the spread of cross-fitted units (each group's corrected by triples chosen and fitted on the other
  // groups' pairs); the in-sample fit's own residuals are too small (it chose the triples that fit them).
  const groups = Math.min(n, CROSS_FIT_GROUPS);
  const crossed = Float64Array.from(unit.subarray(0, n * width));
  for (let g = 0; g < groups; g++)
    correct(
      crossed,
      Uint8Array.from({ length: n }, (_, o) => (o % groups === g ? 0 : 1)),
      (o) => o % groups === g,
    );
  return { values: meanAndError(fitted, n, width).values, stdErrors: meanAndError(crossed, n, width).stdErrors };
}

interface Problem {
  unit: Float64Array;
  raw: Float64Array;
  triples: Int32Array;
  n: number;
  m: number;
  c: number;
  /** Candidate features (the degrees of freedom spent on their intercepts). */
  features: number;
  /** Per column: 1 when its units vary by more than rounding. */
  active: Uint8Array;
}

/** Orthogonal matching pursuit over the candidate triples on the kept pairs: the chosen triples and their fit. */
function pursue(pr: Problem, keep: Uint8Array): { chosen: number[]; coef: Float64Array } {
  const { unit, raw, triples, n, m, c } = pr;
  const width = m * c;
  const candidates = triples.length / 3;
  let kept = 0;
  for (let o = 0; o < n; o++) kept += keep[o];
  // r: the kept units less their means (the intercepts), 0 elsewhere; each column scaled by its total spread.
  const mean = new Float64Array(width);
  for (let o = 0; o < n; o++) if (keep[o]) for (let z = 0; z < width; z++) mean[z] += unit[o * width + z] / kept;
  const base = new Float64Array(n * width);
  const scale = new Float64Array(c);
  for (let o = 0; o < n; o++)
    if (keep[o])
      for (let z = 0; z < width; z++) {
        base[o * width + z] = unit[o * width + z] - mean[z];
        if (pr.active[z % c]) scale[z % c] += base[o * width + z] ** 2;
      }
  const r = Float64Array.from(base);
  // Z centred over the kept pairs; the choice looks at most SELECT_PAIRS of them (evenly spaced), the fit at all.
  const centred = new Float64Array(raw.length);
  for (let k = 0; k < raw.length / n; k++) {
    let sum = 0;
    for (let o = 0; o < n; o++) sum += keep[o] * raw[k * n + o];
    for (let o = 0; o < n; o++) centred[k * n + o] = keep[o] * (raw[k * n + o] - sum / kept);
  }
  const keptPairs = Array.from({ length: n }, (_, o) => o).filter((o) => keep[o]);
  const look = keptPairs.filter(
    (_, k) => Math.floor((k * SELECT_PAIRS) / kept) !== Math.floor(((k - 1) * SELECT_PAIRS) / kept),
  );
  const norm = new Float64Array(candidates);
  for (let k = 0; k < raw.length / n; k++) for (const o of look) norm[Math.floor(k / 3)] += centred[k * n + o] ** 2;
  const chosen: number[] = [];
  let coef: Float64Array = new Float64Array(0);
  const taken = new Uint8Array(candidates);
  // The normal equations grow by a row per chosen triple.
  const gram = new Float64Array(MAX_TRIPLES * MAX_TRIPLES);
  const rhs = new Float64Array(MAX_TRIPLES * c);
  const dof = () => look.length * pr.features - pr.features - chosen.length;
  while (dof() > 0 && chosen.length < MAX_TRIPLES) {
    // The candidate that explains most of the residual (summed over the scaled columns).
    let best = -1;
    let bestGain = 0;
    for (let t = 0; t < candidates; t++) {
      if (taken[t] || norm[t] === 0) continue;
      let gain = 0;
      for (let j = 0; j < c; j++) {
        if (scale[j] === 0) continue;
        let dot = 0;
        for (let a = 0; a < 3; a++) {
          const i = triples[3 * t + a];
          const at = (t * 3 + a) * n;
          for (const o of look) dot += centred[at + o] * r[o * width + i * c + j];
        }
        gain += (dot * dot) / scale[j];
      }
      gain /= norm[t];
      if (gain > bestGain) {
        bestGain = gain;
        best = t;
      }
    }
    let rss = 0;
    for (const o of look)
      for (let z = 0; z < width; z++) if (scale[z % c] > 0) rss += r[o * width + z] ** 2 / scale[z % c];
    if (best < 0 || bestGain <= (ENTRY * Math.log(candidates) * rss) / dof()) break;
    taken[best] = 1;
    chosen.push(best);
    coef = grow(chosen, triples, centred, unit, gram, rhs, n, m, c);
    // The residual is only looked at on the chosen pairs.
    for (const o of look) r.set(base.subarray(o * width, (o + 1) * width), o * width);
    chosen.forEach((t, q) => {
      for (let a = 0; a < 3; a++) {
        const i = triples[3 * t + a];
        const at = (t * 3 + a) * n;
        for (const o of look) for (let j = 0; j < c; j++) r[(o * m + i) * c + j] -= coef[q * c + j] * centred[at + o];
      }
    });
  }
  return { chosen, coef };
}

/**
 * Adds the last chosen triple's row to the normal equations (Z centred over the kept pairs, 0 elsewhere) and
 * solves the ridge least squares: one coefficient per chosen triple and column.
 */
function grow(
  chosen: number[],
  triples: Int32Array,
  centred: Float64Array,
  unit: Float64Array,
  gram: Float64Array,
  rhs: Float64Array,
  n: number,
  m: number,
  c: number,
): Float64Array {
  const q = chosen.length;
  const u = q - 1;
  const tu = chosen[u];
  for (let v = 0; v <= u; v++) {
    let s = 0;
    for (let x = 0; x < 3; x++)
      for (let y = 0; y < 3; y++) {
        if (triples[3 * tu + x] !== triples[3 * chosen[v] + y]) continue;
        const p = (tu * 3 + x) * n;
        const r = (chosen[v] * 3 + y) * n;
        for (let o = 0; o < n; o++) s += centred[p + o] * centred[r + o];
      }
    gram[u * MAX_TRIPLES + v] = s;
    gram[v * MAX_TRIPLES + u] = s;
  }
  // The units need no centring here: Z sums to 0 over the kept pairs.
  for (let x = 0; x < 3; x++) {
    const i = triples[3 * tu + x];
    const p = (tu * 3 + x) * n;
    for (let o = 0; o < n; o++)
      if (centred[p + o] !== 0)
        for (let j = 0; j < c; j++) rhs[u * c + j] += centred[p + o] * unit[(o * m + i) * c + j];
  }
  const a = new Float64Array(q * q);
  let trace = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) a[i * q + j] = gram[i * MAX_TRIPLES + j];
    trace += a[i * q + i];
  }
  for (let i = 0; i < q; i++) a[i * q + i] += (RIDGE * trace) / q;
  return solveSymmetric(a, q, rhs.subarray(0, q * c), c);
}
