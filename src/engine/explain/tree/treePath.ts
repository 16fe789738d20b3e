/**
 * Whether a graph output is a tree ensemble's output, exactly: TreeSHAP explains the ensemble's scores,
 * so it answers for a graph output only when nothing between them changes the numbers. Followed:
 * Identity, Cast to float or double (widening or the same type), and ZipMap (the same scores keyed
 * by class); any other op (Mul, Add, a second model...) is not, and the caller falls back or refuses.
 */
import type { ModelGraph, Node } from '../../onnx/types';
import { isTreeEnsembleOp } from './parse';

/** ONNX TensorProto.DataType FLOAT and DOUBLE. */
const CAST_EXACT = new Set([1, 11]);

export const FOLLOWED_OPS = 'Identity, Cast to float or double, and ZipMap';

export type TreePath =
  { ok: true; node: Node; output: string; through: string[] } | { ok: false; reason: string; node?: Node };

/** The ensemble's scores: a classifier's second output (probabilities or scores), else its only one. */
export function scoreOutput(node: Node): string {
  return node.outputs[node.op === 'TreeEnsembleClassifier' ? 1 : 0] ?? node.outputs[0];
}

function follows(n: Node): boolean {
  if (n.domain === '' || n.domain === 'ai.onnx') {
    if (n.op === 'Identity') return true;
    if (n.op === 'Cast') {
      const to = n.attributes.find((a) => a.name === 'to');
      return to?.type === 'int' && CAST_EXACT.has(to.value);
    }
  }
  return n.op === 'ZipMap' && n.domain === 'ai.onnx.ml';
}

/** Traces `output` back to a tree ensemble fed by a graph input, through the ops that keep its numbers. */
export function treePathTo(model: ModelGraph, output: string): TreePath {
  const g = model.graph;
  const producer = new Map<string, Node>();
  for (const n of g.nodes) for (const o of n.outputs) if (o) producer.set(o, n);
  const inputs = new Set(g.inputs.map((i) => i.name));
  const through: string[] = [];
  let name = output;
  for (let steps = 0; steps <= g.nodes.length; steps++) {
    const n = producer.get(name);
    if (!n) return { ok: false, reason: `'${output}' does not come from a tree ensemble` };
    if (isTreeEnsembleOp(n.op, n.domain)) {
      if (name !== scoreOutput(n)) {
        return { ok: false, node: n, reason: `'${output}' is the classifier's label, not its scores` };
      }
      if (!inputs.has(n.inputs[0])) {
        return {
          ok: false,
          node: n,
          reason: `the tree ensemble behind '${output}' reads '${n.inputs[0]}', not a model input`,
        };
      }
      return { ok: true, node: n, output, through };
    }
    if (!follows(n)) {
      const step = `${n.op}${n.name ? ` '${n.name}'` : ''}`;
      const fromTrees = upstreamEnsemble(n, producer);
      return {
        ok: false,
        node: fromTrees,
        reason: fromTrees
          ? `'${output}' is computed from the trees' output through ${step}, which TreeSHAP does not follow ` +
            `(it follows ${FOLLOWED_OPS})`
          : `'${output}' is computed by ${step}, not by a tree ensemble`,
      };
    }
    through.push(n.op);
    name = n.inputs[0];
  }
  return { ok: false, reason: `'${output}' is computed in a cycle` };
}

/** A tree ensemble somewhere upstream of n, for the message (breadth-first, bounded by the graph). */
function upstreamEnsemble(start: Node, producer: Map<string, Node>): Node | undefined {
  const seen = new Set<Node>([start]);
  const queue = [start];
  while (queue.length) {
    const n = queue.shift()!;
    if (isTreeEnsembleOp(n.op, n.domain)) return n;
    for (const i of n.inputs) {
      const p = producer.get(i);
      if (p && !seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
  return undefined;
}

/**
 * The output an explanation explains when none is named: the first floating-point tensor output, as
 * the model-agnostic methods choose; a model whose scores leave only through ZipMap explains that output.
 */
export function defaultExplainedOutput(model: ModelGraph): string | undefined {
  const outputs = model.graph.outputs;
  const float = outputs.find(
    (o) => o.type?.kind === 'tensor' && ['float32', 'float64', 'float16'].includes(o.type.elemType),
  );
  if (float) return float.name;
  return outputs.find((o) => treePathTo(model, o.name).ok)?.name;
}
