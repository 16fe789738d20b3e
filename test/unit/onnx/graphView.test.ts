import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { graphJson, nodeScope, type GraphJson } from '../../../src/engine/onnx/graphView';
import { readModel } from '../../../src/engine/onnx/reader';
import { DataType } from '../../../src/engine/onnx/schema';
import { inferModelShapes } from '../../../src/engine/onnx/shapes';
import { summarize } from '../../../src/engine/onnx/summary';
import { thirdPartyModel } from '../../support/thirdPartyModels';
import { encodeModel, graph, node, valueInfo, writeGenerated } from './build';

/** Structural invariants of one graph's JSON (and its subgraphs'). */
function checkGraph(g: GraphJson): void {
  const ids = new Set(g.nodes.map((n) => n.id));
  for (const e of g.edges) {
    assert.ok(ids.has(e.source) || e.source.startsWith('input:'), e.source);
    assert.ok(ids.has(e.target) || e.target.startsWith('output:'), e.target);
  }
  const members = g.groups.flatMap((x) => x.nodeIds);
  assert.deepEqual([...members].sort(), [...ids].sort(), 'every node sits in exactly one group');
  const byId = new Map(g.groups.map((x) => [x.id, x]));
  for (const group of g.groups)
    assert.equal(
      group.nodeCount,
      group.nodeIds.length + group.children.reduce((s, c) => s + byId.get(c)!.nodeCount, 0),
      group.id,
    );
  for (const n of g.nodes) for (const s of n.subgraphs) checkGraph(s.graph);
}

describe('onnx graph JSON', () => {
  it('groups nodes by name scope', () => {
    assert.deepEqual(nodeScope('/encoder/layer.3/attention/MatMul'), ['encoder', 'layer.3', 'attention']);
    assert.deepEqual(nodeScope('model.layers.0.mlp.Gemm'), ['model', 'layers', '0', 'mlp']);
    assert.deepEqual(nodeScope('Conv_73'), []);
    const names = [
      '/encoder/layer.0/attn/MatMul',
      '/encoder/layer.0/attn/Softmax',
      '/encoder/layer.1/attn/MatMul',
      '/encoder/layer.1/attn/Softmax',
      '/head/Gemm',
    ];
    const nodes = names.map((n, i) => node('Relu', [i ? `t${i - 1}` : 'x'], [`t${i}`], {}, n));
    const g = graphJson(
      readModel(
        encodeModel(
          graph({
            nodes,
            inputs: [valueInfo('x', DataType.FLOAT, [1, 4])],
            outputs: [valueInfo('t4', DataType.FLOAT, null)],
          }),
        ),
      ),
    );
    checkGraph(g);
    const encoder = g.groups.find((x) => x.path.join('/') === 'encoder')!;
    assert.equal(encoder.nodeCount, 4);
    assert.equal(encoder.children.length, 2);
    // '/head' holds one node: no group of its own.
    assert.ok(!g.groups.some((x) => x.name === 'head'));
    assert.deepEqual(g.edges.at(-1), { id: 'e5', source: 'n4', target: 'output:t4', tensor: 't4', shape: [1, 4] });
  });

  it('keeps every edge and subgraph of Silero VAD consistent', async () => {
    const model = readModel(readFileSync(await thirdPartyModel('silero_vad_v5')));
    const g = graphJson(model);
    checkGraph(g);
    let count = 0;
    const visit = (x: GraphJson): void => x.nodes.forEach((n) => (count++, n.subgraphs.forEach((s) => visit(s.graph))));
    visit(g);
    assert.equal(count, summarize(model).total_nodes);
  });

  it('handles a 20,000-node chain, with the input shape reaching the last edge', () => {
    const n = 20_000;
    const nodes = Array.from({ length: n }, (_, i) =>
      node(i % 2 ? 'Relu' : 'Sigmoid', [i ? `t${i - 1}` : 'x'], [`t${i}`], {}, `/block${Math.floor(i / 100)}/op${i}`),
    );
    const bytes = encodeModel(
      graph({
        nodes,
        inputs: [valueInfo('x', DataType.FLOAT, ['batch', 64])],
        outputs: [valueInfo(`t${n - 1}`, DataType.FLOAT, null)],
      }),
    );
    writeGenerated('chain20000.onnx', bytes);
    const model = readModel(bytes);
    assert.equal(summarize(model).nodes, n);
    assert.deepEqual(inferModelShapes(model).main.get(`t${n - 1}`)?.shape, ['batch', 64]);
    const g = graphJson(model);
    assert.equal(g.edges.length, n + 1);
    assert.equal(g.groups.length, 1 + n / 100);
    checkGraph(g);
  });
});
