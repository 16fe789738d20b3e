// Parameters and FLOPs of scikit-learn's ONNX-ML exports, whose weights are attributes: the expected counts come
// from protobufjs's own decode of the same bytes, walked here independently of the engine's reader.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readModel } from '../../../src/engine/onnx/reader';
import { onnxType } from '../../../src/engine/onnx/schema';
import { summarize } from '../../../src/engine/onnx/summary';

const MODELS = path.resolve(__dirname, '../../fixtures/models');

type RefAttribute = { name: string; floats?: number[]; ints?: number[]; strings?: Uint8Array[] };
type RefNode = { op_type: string; domain?: string; attribute?: RefAttribute[] };

function referenceNodes(file: string): RefNode[] {
  const M = onnxType('ModelProto');
  const model = M.toObject(M.decode(readFileSync(file)), { longs: Number, arrays: true }) as {
    graph: { node: RefNode[] };
  };
  return model.graph.node;
}

const attr = (n: RefNode, name: string) => n.attribute?.find((a) => a.name === name);
const len = (n: RefNode, name: string) => {
  const a = attr(n, name);
  return (a?.floats?.length ?? 0) + (a?.ints?.length ?? 0) + (a?.strings?.length ?? 0);
};

/** Branch thresholds, leaf weights, base values, and each tree's depth by plain recursion over node ids. */
function treeCounts(n: RefNode): { parameters: number; depthSum: number } {
  const modes = (attr(n, 'nodes_modes')?.strings ?? []).map((b) => Buffer.from(b).toString());
  const trees = attr(n, 'nodes_treeids')!.ints!;
  const ids = attr(n, 'nodes_nodeids')!.ints!;
  const yes = attr(n, 'nodes_truenodeids')!.ints!;
  const no = attr(n, 'nodes_falsenodeids')!.ints!;
  const find = (t: number, id: number) => trees.findIndex((tt, i) => tt === t && ids[i] === id);
  const depth = (i: number): number =>
    modes[i] === 'LEAF' ? 0 : 1 + Math.max(depth(find(trees[i], yes[i])), depth(find(trees[i], no[i])));
  // scikit-learn's exports number each tree's nodes from its root, 0.
  const depthSum = [...new Set(trees)].reduce((s, t) => s + depth(find(t, 0)), 0);
  const branches = modes.filter((m) => m !== 'LEAF').length;
  const leaves = len(n, 'class_weights') + len(n, 'target_weights');
  return { parameters: branches + leaves + len(n, 'base_values'), depthSum };
}

/** Expected parameters and FLOPs at one row, from the decoded attributes. */
function expected(file: string): { parameters: number; flops: number } {
  let parameters = 0;
  let flops = 0;
  for (const n of referenceNodes(file)) {
    if (n.op_type === 'Scaler') {
      parameters += len(n, 'offset') + len(n, 'scale');
      flops += 2 * len(n, 'scale');
    } else if (n.op_type === 'LinearClassifier' || n.op_type === 'LinearRegressor') {
      const coefficients = len(n, 'coefficients');
      const outputs = len(n, 'intercepts');
      // 2 x inputs x outputs per row, with inputs = coefficients / outputs.
      parameters += coefficients + outputs;
      flops += 2 * (coefficients / outputs) * outputs;
    } else if (n.op_type.startsWith('TreeEnsemble')) {
      const t = treeCounts(n);
      parameters += t.parameters;
      flops += t.depthSum;
    }
  }
  return { parameters, flops };
}

describe('onnx summary of ONNX-ML models', () => {
  for (const name of ['lr_wine', 'lr_breast_cancer', 'rf_iris', 'gbr_diabetes', 'gb_breast_cancer']) {
    it(`${name}: parameters and FLOPs from its attributes`, () => {
      const file = path.join(MODELS, `${name}.onnx`);
      const want = expected(file);
      assert.ok(want.parameters > 0 && want.flops > 0, 'the fixture holds ONNX-ML weights');
      const model = readModel(new Uint8Array(readFileSync(file)));
      const s = summarize(model);
      assert.equal(s.parameters, want.parameters);
      assert.equal(s.flops.total, want.flops);
      assert.equal(s.flops.not_estimated, 0);
      // A batch of 7 rows does 7 times the work.
      const seven = summarize(model, undefined, { defaultDimSize: 7 });
      assert.equal(seven.flops.total, 7 * want.flops);
    });
  }
});
