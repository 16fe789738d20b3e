/** Pure TypeScript prediction of a tree ensemble's raw scores and margins (the output before post_transform). */

import { NodeMode, type FeatureMatrix, type TreeEnsemble } from './types';

/** Whether a value takes the true branch; NaN follows nodes_missing_value_tracks_true, else IEEE comparison. */
export function goesTrue(e: TreeEnsemble, node: number, v: number): boolean {
  if (v !== v && e.missingTracksTrue[node] === 1) return true;
  const t = e.threshold[node];
  switch (e.mode[node]) {
    case NodeMode.Leq:
      return v <= t;
    case NodeMode.Lt:
      return v < t;
    case NodeMode.Gte:
      return v >= t;
    case NodeMode.Gt:
      return v > t;
    case NodeMode.Eq:
      return v === t;
    case NodeMode.Neq:
      return v !== t;
    case NodeMode.Member: {
      for (let j = e.memberStart[node]; j < e.memberStart[node + 1]; j++) if (e.memberValues[j] === v) return true;
      return false;
    }
    default:
      return false;
  }
}

/** The leaf a row reaches from a root; `at` is the row's offset in `values`. */
export function leafOf(e: TreeEnsemble, root: number, values: Float64Array, at: number): number {
  let node = root;
  while (e.mode[node] !== NodeMode.Leaf) {
    node = goesTrue(e, node, values[at + e.feature[node]]) ? e.trueChild[node] : e.falseChild[node];
  }
  return node;
}

/** Round to float32 when the model sees float32 inputs, so comparisons match onnxruntime's. */
export function modelInputs(m: FeatureMatrix, float32Inputs: boolean): Float64Array {
  if (!float32Inputs) return m.values;
  const out = new Float64Array(m.values.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.fround(m.values[i]);
  return out;
}

/** Aggregated raw scores [row][raw target]: votes summed (SUM, AVERAGE before scaling) or min/max (0 without votes). */
export function evaluateRaw(e: TreeEnsemble, m: FeatureMatrix, float32Inputs = true): Float64Array {
  const values = modelInputs(m, float32Inputs);
  const k = e.rawTargets;
  const out = new Float64Array(m.rows * k);
  const extreme = e.aggregate === 'MIN' || e.aggregate === 'MAX';
  const seen = new Uint8Array(k);
  for (let r = 0; r < m.rows; r++) {
    const o = r * k;
    seen.fill(0);
    for (const root of e.treeRoots) {
      const leaf = leafOf(e, root, values, r * m.cols);
      for (let j = e.voteStart[leaf]; j < e.voteStart[leaf + 1]; j++) {
        const t = e.voteTarget[j];
        const w = e.voteWeight[j];
        if (!extreme) out[o + t] += w;
        else if (!seen[t]) out[o + t] = w;
        else out[o + t] = e.aggregate === 'MIN' ? Math.min(out[o + t], w) : Math.max(out[o + t], w);
        seen[t] = 1;
      }
    }
  }
  return out;
}

/** Output columns from raw scores: offset + scale * raw[target]. */
export function columnsFromRaw(e: TreeEnsemble, raw: Float64Array, rows: number): Float64Array {
  const c = e.columns.length;
  const out = new Float64Array(rows * c);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < c; j++) {
      const col = e.columns[j];
      out[r * c + j] = col.offset + (col.target >= 0 ? col.scale * raw[r * e.rawTargets + col.target] : 0);
    }
  }
  return out;
}

/** The margin [row][output column]: what the runtime computes before post_transform. */
export function evaluateMargin(e: TreeEnsemble, m: FeatureMatrix, float32Inputs = true): Float64Array {
  return columnsFromRaw(e, evaluateRaw(e, m, float32Inputs), m.rows);
}

/** The runtime's output from margins, for the transforms ORT applies plainly (PROBIT is left out). */
export function applyTransform(e: TreeEnsemble, margins: Float64Array): Float64Array {
  const c = e.columns.length;
  const out = Float64Array.from(margins);
  switch (e.transform) {
    case 'NONE':
      return out;
    case 'LOGISTIC':
      for (let i = 0; i < out.length; i++) out[i] = 1 / (1 + Math.exp(-out[i]));
      return out;
    case 'SOFTMAX':
    case 'SOFTMAX_ZERO':
      for (let r = 0; r < out.length / c; r++) softmaxRow(out, r * c, c, e.transform === 'SOFTMAX_ZERO');
      return out;
    default:
      throw new Error(`post_transform ${e.transform} is not evaluated here`);
  }
}

/** SOFTMAX_ZERO leaves exact zeros at zero (ORT's definition). */
function softmaxRow(v: Float64Array, at: number, n: number, keepZeros: boolean): void {
  let max = -Infinity;
  for (let j = 0; j < n; j++) max = Math.max(max, v[at + j]);
  let sum = 0;
  for (let j = 0; j < n; j++) {
    const x = keepZeros && v[at + j] === 0 ? 0 : Math.exp(v[at + j] - max);
    v[at + j] = x;
    sum += x;
  }
  for (let j = 0; j < n; j++) v[at + j] /= sum;
}
