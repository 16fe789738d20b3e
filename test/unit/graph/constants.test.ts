import assert from 'node:assert/strict';
import { GraphService } from '../../../src/engine/graph/graphService';
import { loadModelGraph } from '../../../src/engine/graph/loadModelGraph';
import { AttributeType, DataType } from '../../../src/engine/onnx/schema';
import { encodeModel, floatTensor, graph, int64Tensor, node, valueInfo, writeGenerated } from '../onnx/build';

/**
 * x[2, 3] -> Reshape(x, shape) -> Add(., bias) -> Mul(., scale) -> y, where shape, bias and scale come from
 * Constant nodes (a tensor, a tensor, a value_float); a fourth Constant is itself the graph output k.
 */
function writeModel(): string {
  const scale = {
    ...node('Constant', [], ['scale']),
    attribute: [{ name: 'value_float', type: AttributeType.FLOAT, f: 0.5 }],
  };
  const g = graph({
    nodes: [
      node('Constant', [], ['shape'], { value: { tensor: int64Tensor('', [2], [3, 2]) } }, 'shape_const'),
      node('Constant', [], ['bias'], { value: { tensor: floatTensor('', [2], [1, -3]) } }),
      scale,
      node('Reshape', ['x', 'shape'], ['r'], {}, 'reshape'),
      node('Add', ['r', 'bias'], ['a'], {}, 'add'),
      node('Mul', ['a', 'scale'], ['y'], {}, 'mul'),
      node('Constant', [], ['k'], { value: { tensor: floatTensor('', [1], [7]) } }, 'kept'),
    ],
    inputs: [valueInfo('x', DataType.FLOAT, [2, 3])],
    outputs: [valueInfo('y', DataType.FLOAT, [3, 2]), valueInfo('k', DataType.FLOAT, [1])],
  });
  return writeGenerated('constants_folded.onnx', encodeModel(g));
}

describe('Constant nodes in the graph', () => {
  it('are drawn inside their consumers like initializers, listed in the consumer details with their values', async () => {
    const service = new GraphService(loadModelGraph);
    const { graphId, index } = await service.open(writeModel());
    const view = service.view(graphId, []);
    const labels = view.nodes.map((n) => n.label).sort();
    // Only the Constant that is a graph output stays a box of its own.
    assert.deepEqual(labels, ['Add', 'Constant', 'Mul', 'Reshape', 'k', 'x', 'y'].sort());
    assert.deepEqual(
      index.map((e) => e.op),
      ['Reshape', 'Add', 'Mul', 'Constant'],
    );
    const byName = (name: string) => index.find((e) => e.name === name)!.id;
    const drawn = new Set(view.nodes.map((n) => n.id));
    for (const e of view.edges) assert.ok(drawn.has(e.source) && drawn.has(e.target), `${e.source} -> ${e.target}`);
    // Edges: x->Reshape, Reshape->Add, Add->Mul, Mul->y, kept->k; nothing from a folded Constant.
    assert.equal(view.edges.length, 5);

    const reshape = service.details(graphId, byName('reshape'));
    assert.deepEqual(
      reshape.weights.map((w) => [w.name, w.dtype, w.dims, w.bytes, w.location]),
      [['shape', 'int64', [2], 16, "Constant node 'shape_const' in the model file"]],
    );
    assert.equal(reshape.inputs.find((i) => i.name === 'shape')?.type, 'int64');
    const [bias] = service.details(graphId, byName('add')).weights;
    assert.deepEqual(
      [bias.name, bias.dims, bias.stats?.min, bias.stats?.max, bias.stats?.count],
      ['bias', [2], -3, 1, 2],
    );
    const [scale] = service.details(graphId, byName('mul')).weights;
    assert.deepEqual([scale.name, scale.dtype, scale.dims, scale.bytes], ['scale', 'float32', [], 4]);
  });
});
