/** The ONNX reader's node (src/engine/onnx/types.ts) -> TreeEnsemble; tensor attributes are decoded by the caller. */

import type { Node, TensorRef } from '../../onnx/types';
import { TreeModelError } from './attributes';
import { isTreeEnsembleOp, parseTreeEnsemble } from './parse';
import type { AttributeValue, TreeEnsemble } from './types';

/** Reads a tensor attribute's values (the reader keeps tensors as byte ranges into the model bytes). */
export type TensorValues = (tensor: TensorRef) => ArrayLike<number> | ArrayLike<bigint>;

export function treeEnsembleFromNode(node: Node, tensorValues: TensorValues): TreeEnsemble {
  if (!isTreeEnsembleOp(node.op, node.domain)) {
    throw new TreeModelError(`${node.domain ? node.domain + '.' : ''}${node.op} is not an ONNX-ML tree ensemble`);
  }
  const attrs: Record<string, AttributeValue> = {};
  for (const a of node.attributes) {
    switch (a.type) {
      case 'float':
      case 'int':
      case 'string':
      case 'floats':
      case 'ints':
      case 'strings':
        attrs[a.name] = a.value;
        break;
      case 'tensor':
        attrs[a.name] = { dims: a.value.dims, data: tensorValues(a.value) };
        break;
      default:
        break; // no tree attribute has another type
    }
  }
  return parseTreeEnsemble(node.op, attrs);
}
