/**
 * Missing values (empty, null or NaN cells): accepted where the model handles them, refused with the
 * row and column otherwise. Handled: a tree ensemble reading the input (onnxruntime sends NaN down each
 * node's missing-value branch), or an Imputer in the graph (scikit-learn's SimpleImputer exports one).
 */
import type { ModelGraph } from '../../onnx/types';
import { isTreeEnsembleOp } from '../tree/parse';

export type MissingValuesSetting = 'auto' | 'reject' | 'allow';

export interface MissingPolicy {
  allow: boolean;
  /** Why a missing cell is refused, said after the cell's place. */
  reason: string;
}

/** What in the model handles missing values, or undefined. */
export function missingHandler(model: ModelGraph): string | undefined {
  const inputs = new Set(model.graph.inputs.map((i) => i.name));
  for (const n of model.graph.nodes) {
    if (n.op === 'Imputer' && n.domain === 'ai.onnx.ml') return 'an Imputer';
    if (isTreeEnsembleOp(n.op, n.domain) && inputs.has(n.inputs[0])) return 'a tree ensemble';
  }
  return undefined;
}

export function missingPolicy(model: ModelGraph, fileName: string, setting: MissingValuesSetting): MissingPolicy {
  const change = 'fill the cell, or set modelLens.missingValues (--missing) to allow';
  if (setting === 'allow') return { allow: true, reason: '' };
  if (setting === 'reject') return { allow: false, reason: `missing values are set to be refused; ${change}` };
  if (missingHandler(model)) return { allow: true, reason: '' };
  return {
    allow: false,
    reason: `${fileName} has no tree ensemble or Imputer to handle missing values; ${change}`,
  };
}
