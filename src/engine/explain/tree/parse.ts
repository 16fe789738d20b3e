/** One entry point from an ONNX node (op type + decoded attributes) to a TreeEnsemble. */

import { TreeModelError } from './attributes';
import { parseLegacyEnsemble } from './parseLegacy';
import { parseTreeEnsembleV5 } from './parseV5';
import type { TreeAttributes, TreeEnsemble } from './types';

export const TREE_OP_TYPES = ['TreeEnsembleClassifier', 'TreeEnsembleRegressor', 'TreeEnsemble'] as const;

export function isTreeEnsembleOp(opType: string, domain = 'ai.onnx.ml'): boolean {
  return domain === 'ai.onnx.ml' && (TREE_OP_TYPES as readonly string[]).includes(opType);
}

export function parseTreeEnsemble(opType: string, attrs: TreeAttributes): TreeEnsemble {
  if (opType === 'TreeEnsembleClassifier' || opType === 'TreeEnsembleRegressor')
    return parseLegacyEnsemble(opType, attrs);
  if (opType === 'TreeEnsemble') return parseTreeEnsembleV5(attrs);
  throw new TreeModelError(`${opType} is not a tree ensemble operator`);
}
