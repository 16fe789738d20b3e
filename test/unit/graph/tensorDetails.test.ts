import assert from 'node:assert/strict';
import { GraphService } from '../../../src/engine/graph/graphService';
import { loadModelGraph } from '../../../src/engine/graph/loadModelGraph';
import { typeText } from '../../../src/engine/onnx/decodeType';
import { DataType } from '../../../src/engine/onnx/schema';
import { encodeModel, floatTensor, graph, node, valueInfo, writeGenerated } from '../onnx/build';

/**
 * x[batch, 3] feeds two MatMuls sharing the weight W and, implicitly, both branches of an If;
 * h is a graph output that Relu also reads; E lives in an external file.
 */
function writeModel(): string {
  const bin = new Uint8Array(8 + 8);
  bin.set(new Uint8Array(Float32Array.from([7, 8]).buffer), 8);
  writeGenerated('tensor_details_e.bin', bin);
  const external = {
    name: 'E',
    dims: [2],
    data_type: DataType.FLOAT,
    data_location: 1,
    external_data: [
      { key: 'location', value: 'tensor_details_e.bin' },
      { key: 'offset', value: '8' },
      { key: 'length', value: '8' },
    ],
  };
  const branch = (op: string, out: string) =>
    graph({ name: out, nodes: [node(op, ['x'], [out])], outputs: [valueInfo(out, DataType.FLOAT, null)] });
  const g = graph({
    nodes: [
      node('MatMul', ['x', 'W'], ['h'], {}, 'first'),
      node('Relu', ['h'], ['r']),
      node('MatMul', ['x', 'W'], ['h2'], {}, 'second'),
      node('Add', ['r', 'h2'], ['s']),
      node('Add', ['s', 'E'], ['y']),
      node(
        'If',
        ['c'],
        ['z'],
        { then_branch: { graph: branch('Identity', 't') }, else_branch: { graph: branch('Neg', 'e') } },
        'choose',
      ),
    ],
    inputs: [valueInfo('x', DataType.FLOAT, ['batch', 3]), valueInfo('c', DataType.BOOL, [])],
    outputs: [
      valueInfo('y', DataType.FLOAT, ['batch', 2]),
      valueInfo('h', DataType.FLOAT, null),
      valueInfo('z', DataType.FLOAT, null),
    ],
    initializers: [floatTensor('W', [3, 2], [1, 0, 0, 2, -1, 0]), external],
  });
  return writeGenerated('tensor_details.onnx', encodeModel(g));
}

async function open() {
  const service = new GraphService(loadModelGraph);
  const { graphId, index } = await service.open(writeModel());
  const opId = (name: string) => index.find((e) => e.name === name)!.id;
  return { service, graphId, index, opId, details: (id: string) => service.details(graphId, id) };
}

describe('details of graph inputs, outputs and initializers', () => {
  it('every drawn node that is not a group has details, whatever its kind', async () => {
    const { service, graphId, details } = await open();
    const all = service.view(graphId, ['§choose']);
    const drawn = all.nodes.filter((n) => !n.expandable);
    assert.ok(drawn.some((n) => n.id === 'in:x') && drawn.some((n) => n.id === 'out:y'));
    for (const n of drawn) {
      const d = details(n.id);
      assert.equal(d.id, n.id);
      const expected = n.category === 'input' ? 'input' : n.category === 'output' ? 'output' : 'operator';
      assert.equal(d.kind, expected, n.id);
    }
  });

  it('a graph input: name, element type, shape with symbolic dims, and every consumer at any depth', async () => {
    const { details, index, opId } = await open();
    const x = details('in:x');
    assert.equal(x.name, 'x');
    assert.deepEqual(x.weights, []);
    assert.equal(x.tensor?.type, 'float32');
    assert.equal(x.tensor?.shape, '[batch, 3]');
    assert.deepEqual(x.tensor?.producers, []);
    const inBranches = index.filter((e) => e.op === 'Identity' || e.op === 'Neg').map((e) => e.id);
    assert.equal(inBranches.length, 2);
    assert.deepEqual(
      x.tensor?.consumers.map((c) => c.id).sort(),
      [opId('first'), opId('second'), ...inBranches].sort(),
    );
    const first = x.tensor!.consumers.find((c) => c.id === opId('first'))!;
    assert.deepEqual(first, { id: opId('first'), label: 'MatMul', name: 'first' });
    const c = details('in:c');
    assert.equal(c.tensor?.type, 'bool');
    assert.equal(c.tensor?.shape, '[]', 'a scalar has an empty shape, not an unknown one');
    assert.deepEqual(
      c.tensor?.consumers.map((l) => l.label),
      ['If'],
    );
  });

  it('a graph output: its producer, and the nodes that also read it', async () => {
    const { details, opId } = await open();
    const h = details('out:h');
    assert.equal(h.kind, 'output');
    assert.equal(h.tensor?.shape, '[batch, 2]', 'propagated through MatMul');
    assert.deepEqual(
      h.tensor?.producers.map((p) => p.id),
      [opId('first')],
    );
    assert.deepEqual(
      h.tensor?.consumers.map((p) => p.label),
      ['Relu'],
    );
    const y = details('out:y');
    assert.deepEqual(
      y.tensor?.producers.map((p) => p.label),
      ['Add'],
    );
    assert.deepEqual(y.tensor?.consumers, []);
    assert.equal(details('out:z').tensor?.producers[0]?.label, 'If');
  });

  it('an initializer: a weight with dims, bytes, the operators sharing it and its statistics', async () => {
    const { details, opId } = await open();
    const w = details('init:W');
    assert.equal(w.kind, 'initializer');
    assert.equal(w.tensor?.type, 'float32');
    assert.equal(w.tensor?.shape, '[3, 2]');
    assert.deepEqual(w.tensor?.consumers.map((c) => c.id).sort(), [opId('first'), opId('second')].sort());
    assert.equal(w.weights.length, 1);
    const [weight] = w.weights;
    assert.deepEqual(
      [weight.dtype, weight.dims, weight.bytes, weight.location],
      ['float32', [3, 2], 24, 'in the model file'],
    );
    // Values 1, 0, 0, 2, -1, 0: mean 1/3, E[v²] = 1, so variance 1 - 1/9.
    const s = weight.stats!;
    assert.deepEqual([s.min, s.max, s.zeros, s.count], [-1, 2, 3, 6]);
    assert.ok(Math.abs(s.mean - 1 / 3) < 1e-12);
    assert.ok(Math.abs(s.std - Math.sqrt(8 / 9)) < 1e-12);
    const hist = weight.histogram!;
    assert.equal(hist.edges[0], -1);
    assert.equal(hist.edges[hist.edges.length - 1], 2);
    assert.equal(
      hist.counts.reduce((a, b) => a + b, 0),
      6,
    );
    // The operator's own details show the same weight the same way.
    const fromOp = details(opId('first')).weights.find((x) => x.name === 'W');
    assert.deepEqual(fromOp, weight);
  });

  it('an external initializer shows where its data is and is not read', async () => {
    const { details } = await open();
    const e = details('init:E');
    const [weight] = e.weights;
    assert.equal(weight.location, 'external: tensor_details_e.bin');
    assert.equal(weight.bytes, 8);
    assert.equal(weight.stats, undefined, 'the file exists, yet a click does not read it');
    assert.equal(weight.histogram, undefined);
    assert.deepEqual(
      e.tensor?.consumers.map((c) => c.label),
      ['Add'],
    );
  });

  it('names what is missing for an unknown input, output or initializer', async () => {
    const { details } = await open();
    assert.throws(() => details('in:nope'), /No graph input named 'nope'/);
    assert.throws(() => details('out:x'), /No graph output named 'x'/);
    assert.throws(() => details('init:nope'), /No initializer named 'nope'/);
    assert.throws(() => details('n99'), /No node with id 'n99'/);
  });

  it('writes container types around their element type', () => {
    assert.equal(typeText({ kind: 'tensor', elemType: 'int64', shape: null }), 'int64');
    assert.equal(
      typeText({ kind: 'sequence', elem: { kind: 'tensor', elemType: 'float32', shape: null } }),
      'sequence<float32>',
    );
    assert.equal(
      typeText({ kind: 'map', keyType: 'int64', value: { kind: 'tensor', elemType: 'float32', shape: null } }),
      'map<int64, float32>',
    );
  });
});
