/** How onnxruntime turns summed leaf votes into output columns (before post_transform). */

import type { Aggregate, OutputColumn, PostTransform } from './types';

export function isPostTransform(s: string): s is PostTransform {
  return s === 'NONE' || s === 'SOFTMAX' || s === 'LOGISTIC' || s === 'SOFTMAX_ZERO' || s === 'PROBIT';
}

export function isAggregate(s: string): s is Aggregate {
  return s === 'SUM' || s === 'AVERAGE' || s === 'MIN' || s === 'MAX';
}

/** Regressors and TreeEnsemble: column k = aggregated raw score k (divided by the tree count for AVERAGE) + base k. */
export function regressorColumns(
  nTargets: number,
  base: ArrayLike<number>,
  aggregate: Aggregate,
  nTrees: number,
): OutputColumn[] {
  const scale = aggregate === 'AVERAGE' ? 1 / Math.max(nTrees, 1) : 1;
  return Array.from({ length: nTargets }, (_, k) => ({ target: k, scale, offset: base[k] ?? 0 }));
}

export interface ClassifierVotes {
  nClasses: number;
  classIds: ArrayLike<number>;
  classWeights: ArrayLike<number>;
  base: ArrayLike<number>;
  postTransform: PostTransform;
}

export interface OutputMap {
  columns: OutputColumn[];
  /** The transform ORT then applies to the columns. */
  transform: PostTransform;
}

/**
 * Classifier columns as onnxruntime's TreeEnsembleClassifier writes them (checked against ORT 1.30):
 * in the binary case whose votes are all for class 0, one score s gives [-s, s] then LOGISTIC, or with
 * any other transform no transform at all on [1 - s, s] (non-negative weights) or [-s, s] (mixed signs),
 * except PROBIT: [probit(s), 0].
 */
export function classifierOutputs(v: ClassifierVotes): OutputMap {
  const general = (): OutputMap => ({
    columns: Array.from({ length: v.nClasses }, (_, k) => ({ target: k, scale: 1, offset: v.base[k] ?? 0 })),
    transform: v.postTransform,
  });
  if (v.nClasses !== 2) return general();
  let votesFor1 = false;
  let nonNegative = true;
  for (let i = 0; i < v.classIds.length; i++) {
    if (v.classIds[i] === 1) votesFor1 = true;
    if (v.classWeights[i] < 0) nonNegative = false;
  }
  if (votesFor1) {
    if (v.base.length !== 2) return general();
    // With two base values ORT keeps class 0's score only: [-(b1 + s0), b1 + s0] (assumes every leaf votes for class 1).
    const columns = [
      { target: 0, scale: -1, offset: -v.base[1] },
      { target: 0, scale: 1, offset: v.base[1] },
    ];
    return { columns, transform: v.postTransform };
  }
  if (v.base.length === 2) return general();
  const b = v.base.length === 1 ? v.base[0] : 0;
  const positive = { target: 0, scale: 1, offset: b };
  if (v.postTransform === 'PROBIT')
    return { columns: [positive, { target: -1, scale: 0, offset: 0 }], transform: 'PROBIT' };
  if (v.postTransform === 'LOGISTIC')
    return { columns: [{ target: 0, scale: -1, offset: -b }, positive], transform: 'LOGISTIC' };
  const negative = nonNegative ? { target: 0, scale: -1, offset: 1 - b } : { target: 0, scale: -1, offset: -b };
  return { columns: [negative, positive], transform: 'NONE' };
}
