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

/** Features whose triples are candidates (the ones whose units vary most): C(16, 3) = 560 triples. */
const CANDIDATE_FEATURES = 16;
/** Ridge on the triples' normal matrix, as a share of its mean diagonal (measured: 0.1 beats 0.01 and 1). */
const RIDGE = 0.1;
/** A triple joins when it removes more than log(candidates) residual variances (a risk-inflation bound). */
const ENTRY = 1;
/** At most this many triples (bounds the time per row). */
const MAX_TRIPLES = 64;

/**
 * The units with the fitted control variates subtracted (same layout: pair-major, then feature, then column):
 * their mean is the estimate and their spread its standard error.
 */
export function controlledUnits(
  unit: Float64Array,
  positions: readonly Int32Array[],
  n: number,
  m: number,
  c: number,
): Float64Array {
  const width = m * c;
  const mean = new Float64Array(width);
  for (let o = 0; o < n; o++) for (let z = 0; z < width; z++) mean[z] += unit[o * width + z] / n;
  // r: the units less their means (the intercepts); each column scaled by its total spread.
  const r = new Float64Array(n * width);
  const scale = new Float64Array(c);
  const spread = new Float64Array(m);
  for (let o = 0; o < n; o++)
    for (let z = 0; z < width; z++) {
      const e = unit[o * width + z] - mean[z];
      r[o * width + z] = e;
      scale[z % c] += e * e;
    }
  for (let o = 0; o < n; o++)
    for (let z = 0; z < width; z++)
      if (scale[z % c] > 0) spread[Math.floor(z / c)] += r[o * width + z] ** 2 / scale[z % c];
  const features = Array.from({ length: m }, (_, i) => i)
    .filter((i) => spread[i] > 0)
    .sort((a, b) => spread[b] - spread[a])
    .slice(0, CANDIDATE_FEATURES)
    .sort((a, b) => a - b);
  const out = Float64Array.from(unit.subarray(0, n * width));
  if (features.length < 3 || n < 3) return out;
  const triples = triplesOf(features);
  const candidates = triples.length / 3;
  // Per candidate and member (3), per pair: Z - 2/3, and the same centred over the pairs (for the fit).
  const raw = new Float64Array(candidates * 3 * n);
  const centred = new Float64Array(candidates * 3 * n);
  const norm = new Float64Array(candidates);
  for (let t = 0; t < candidates; t++)
    for (let a = 0; a < 3; a++) {
      const i = triples[3 * t + a];
      const b = triples[3 * t + ((a + 1) % 3)];
      const d = triples[3 * t + ((a + 2) % 3)];
      const at = (t * 3 + a) * n;
      let sum = 0;
      for (let o = 0; o < n; o++) {
        const p = positions[o];
        const z = 2 * (p[b] < p[i] ? 1 : -1) * (p[d] < p[i] ? 1 : -1) - 2 / 3;
        raw[at + o] = z;
        sum += z;
      }
      for (let o = 0; o < n; o++) {
        centred[at + o] = raw[at + o] - sum / n;
        norm[t] += centred[at + o] ** 2;
      }
    }
  const chosen: number[] = [];
  let coef = new Float64Array(0);
  const dof = () => n * features.length - features.length - chosen.length;
  const taken = new Uint8Array(candidates);
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
          for (let o = 0; o < n; o++) dot += centred[at + o] * r[o * width + i * c + j];
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
    for (let z = 0; z < r.length; z++) if (scale[z % c] > 0) rss += r[z] ** 2 / scale[z % c];
    if (best < 0 || bestGain <= (ENTRY * Math.log(candidates) * rss) / dof()) break;
    taken[best] = 1;
    chosen.push(best);
    coef = fit(chosen, triples, centred, unit, mean, n, m, c);
    residual(r, unit, mean, chosen, coef, triples, centred, n, m, c);
  }
  chosen.forEach((t, q) => {
    for (let a = 0; a < 3; a++) {
      const i = triples[3 * t + a];
      const at = (t * 3 + a) * n;
      for (let o = 0; o < n; o++)
        for (let j = 0; j < c; j++) out[o * width + i * c + j] -= coef[q * c + j] * raw[at + o];
    }
  });
  return out;
}

/** Ridge least squares of the centred units on the chosen triples' centred Z: one coefficient per triple and column. */
function fit(
  chosen: number[],
  triples: Int32Array,
  centred: Float64Array,
  unit: Float64Array,
  mean: Float64Array,
  n: number,
  m: number,
  c: number,
): Float64Array {
  const q = chosen.length;
  const a = new Float64Array(q * q);
  const b = new Float64Array(q * c);
  for (let u = 0; u < q; u++) {
    const tu = chosen[u];
    for (let v = 0; v <= u; v++) {
      const tv = chosen[v];
      let s = 0;
      for (let x = 0; x < 3; x++)
        for (let y = 0; y < 3; y++) {
          if (triples[3 * tu + x] !== triples[3 * tv + y]) continue;
          const p = (tu * 3 + x) * n;
          const r = (tv * 3 + y) * n;
          for (let o = 0; o < n; o++) s += centred[p + o] * centred[r + o];
        }
      a[u * q + v] = s;
      a[v * q + u] = s;
    }
    for (let x = 0; x < 3; x++) {
      const i = triples[3 * tu + x];
      const p = (tu * 3 + x) * n;
      for (let o = 0; o < n; o++)
        for (let j = 0; j < c; j++) b[u * c + j] += centred[p + o] * (unit[(o * m + i) * c + j] - mean[i * c + j]);
    }
  }
  let trace = 0;
  for (let u = 0; u < q; u++) trace += a[u * q + u];
  for (let u = 0; u < q; u++) a[u * q + u] += (RIDGE * trace) / q;
  return solveSymmetric(a, q, b, c);
}

/** r = the centred units less the fitted triples' part. */
function residual(
  r: Float64Array,
  unit: Float64Array,
  mean: Float64Array,
  chosen: number[],
  coef: Float64Array,
  triples: Int32Array,
  centred: Float64Array,
  n: number,
  m: number,
  c: number,
): void {
  const width = m * c;
  for (let o = 0; o < n; o++) for (let z = 0; z < width; z++) r[o * width + z] = unit[o * width + z] - mean[z];
  chosen.forEach((t, q) => {
    for (let x = 0; x < 3; x++) {
      const i = triples[3 * t + x];
      const p = (t * 3 + x) * n;
      for (let o = 0; o < n; o++)
        for (let j = 0; j < c; j++) r[(o * m + i) * c + j] -= coef[q * c + j] * centred[p + o];
    }
  });
}
