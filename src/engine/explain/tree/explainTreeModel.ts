/**
 * Explains a model that holds an ONNX-ML tree ensemble with exact TreeSHAP: finds the ensemble,
 * checks it reads the model input directly, and returns attributions in the protocol's form.
 */
import type { Attribution } from '../../../protocol/attributionTypes';
import type { Background, Rows } from '../../data/background';
import { readTensorValues } from '../../onnx/tensorValues';
import type { ModelGraph, Node } from '../../onnx/types';
import { treeEnsembleFromNode } from './fromNode';
import { isTreeEnsembleOp } from './parse';
import { nestedValues, treeShap, treeShapSupport, type CancelToken, type TreeShapSupport } from './treeShap';
import { defaultExplainedOutput, scoreOutput, treePathTo } from './treePath';

export interface TreeExplainInput {
  model: ModelGraph;
  bytes: Uint8Array;
  featureNames: string[];
  /** Indices of the explained rows in the data file, and their values. */
  rowIndices: number[];
  rows: Rows;
  background: Background;
  /** The explained output (default: as treeSupport chooses). */
  output?: string;
  cancel?: CancelToken;
  progress?: (done: number, total: number) => void;
}

export interface TreeExplanation {
  attribution: Attribution;
  /** Said to the user when the values explain the margin rather than the output. */
  notes: string[];
}

/** The tree ensemble node fed straight from a graph input, if the model has one. */
export function findTreeEnsemble(model: ModelGraph): Node | undefined {
  const inputs = new Set(model.graph.inputs.map((i) => i.name));
  return model.graph.nodes.find((n) => isTreeEnsembleOp(n.op, n.domain) && inputs.has(n.inputs[0]));
}

/**
 * Whether TreeSHAP applies to the explained output (`output`, else the one the other methods would
 * explain), and whether it is exact for the output or only for the margin before a transform. Not
 * supported when the output is not the trees' own output through ops that keep its numbers.
 */
export function treeSupport(model: ModelGraph, bytes: Uint8Array, output?: string) {
  const first = findTreeEnsemble(model);
  if (!first) return undefined;
  const outputName = output ?? defaultExplainedOutput(model) ?? scoreOutput(first);
  const path = treePathTo(model, outputName);
  const node = path.ok ? path.node : first;
  const ensemble = treeEnsembleFromNode(node, (t) => {
    const v = readTensorValues(t, bytes, model.modelDir);
    if (Array.isArray(v)) throw new Error(`tensor '${t.name}' holds strings, not numbers`);
    return v as ArrayLike<number> | ArrayLike<bigint>;
  });
  const support: TreeShapSupport = path.ok ? treeShapSupport(ensemble) : { ok: false, reason: path.reason };
  return { node, ensemble, outputName, support, through: path.ok ? path.through : [] };
}

export function explainTreeModel(input: TreeExplainInput): TreeExplanation {
  const found = treeSupport(input.model, input.bytes, input.output);
  if (!found) throw new Error('the model holds no tree ensemble fed directly by a model input; use another method');
  const { ensemble, support, outputName } = found;
  if (!support.ok) throw new Error(`TreeSHAP does not apply: ${support.reason}`);
  const t0 = performance.now();
  // onnxruntime compares a double input in double; float and integer inputs meet the thresholds as float32.
  const inputInfo = input.model.graph.inputs.find((i) => i.name === found.node.inputs[0])?.type;
  const float64Input = inputInfo?.kind === 'tensor' && inputInfo.elemType === 'float64';
  const r = treeShap(ensemble, input.rows, input.background, {
    backgroundWeights: input.background.weights,
    float32Inputs: !float64Input,
    cancel: input.cancel,
    progress: input.progress,
  });
  const seconds = (performance.now() - t0) / 1000;
  const columns = Array.from({ length: r.columns }, (_, c) => String(ensemble.classLabels?.[c] ?? c));
  const feature_values: number[][] = [];
  const predictions: number[][] = [];
  for (let i = 0; i < r.rows; i++) {
    feature_values.push(Array.from(input.rows.values.subarray(i * input.rows.cols, (i + 1) * input.rows.cols)));
    predictions.push(Array.from(r.margins.subarray(i * r.columns, (i + 1) * r.columns)));
  }
  const notes = r.note ? [r.note] : [];
  notes.push(
    ...(r.exactFor === 'margin'
      ? [
          `'${outputName}' applies ${r.transform} after the trees: TreeSHAP explains the raw score (margin) before it, ` +
            'exactly; use the kernel or exact method to explain the transformed output.',
        ]
      : []),
  );
  return {
    attribution: {
      method: 'tree',
      output: r.exactFor === 'margin' ? `${outputName} (margin before ${r.transform})` : outputName,
      output_columns: columns,
      feature_names: input.featureNames,
      rows: input.rowIndices,
      feature_values,
      values: nestedValues(r),
      base_values: Array.from(r.baseValues),
      predictions,
      evaluations: 0,
      seconds,
      link: 'identity',
    },
    notes,
  };
}
