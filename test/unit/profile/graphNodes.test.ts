import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readModel } from '../../../src/engine/onnx/reader';
import { OnnxReadError } from '../../../src/engine/onnx/types';
import { weightTensors } from '../../../src/engine/onnx/summary';
import { DataType } from '../../../src/engine/onnx/schema';
import { graphNodes } from '../../../src/engine/profile/graphNodes';
import { encodeModel, graph, node, valueInfo, writeGenerated } from '../onnx/build';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const committed = () =>
  ['models', 'models/trees'].flatMap((dir) =>
    readdirSync(path.join(FIXTURES, dir))
      .filter((f) => f.endsWith('.onnx'))
      .map((f) => path.join(FIXTURES, dir, f)),
  );

/** A model whose one initializer lives in a file beside it (written here, so the test needs no other test's files). */
function externalModel(): string {
  const bin = new Uint8Array(32);
  bin.set(new Uint8Array(Float32Array.from([1.5, -2, 0, 4]).buffer), 16);
  writeGenerated('graph-nodes-external.bin', bin);
  const w = {
    name: 'w',
    dims: [4],
    data_type: DataType.FLOAT,
    data_location: 1,
    external_data: [
      { key: 'location', value: 'graph-nodes-external.bin' },
      { key: 'offset', value: '16' },
      { key: 'length', value: '16' },
    ],
  };
  const bytes = encodeModel(
    graph({
      nodes: [node('Identity', ['w'], ['y'])],
      outputs: [valueInfo('y', DataType.FLOAT, null)],
      initializers: [w],
    }),
  );
  return writeGenerated('graph-nodes-external.onnx', bytes);
}

describe("profile: the model's node list", () => {
  it('reads the same main-graph nodes, external weights and metadata as the full reader, for every fixture model', () => {
    const models = [...committed(), externalModel()];
    assert.ok(models.length > 25, `${models.length} models`);
    let external = 0;
    for (const file of models) {
      const bytes = readFileSync(file);
      const full = readModel(bytes, { modelPath: file });
      const lean = graphNodes(bytes);
      const name = path.basename(file);
      assert.deepEqual(
        lean.nodes,
        full.graph.nodes.map((n) => ({ name: n.name, op: n.op, inputs: n.inputs, outputs: n.outputs })),
        name,
      );
      assert.deepEqual(lean.metadata, full.info.metadata, name);
      const fullExternal = weightTensors(full).some(({ tensor }) => tensor.storage.kind === 'external');
      assert.equal(lean.external, fullExternal, name);
      if (lean.external) external++;
    }
    assert.ok(external >= 1, 'a model with external weights is among them');
  });

  it("a file that is not a model gets the full reader's message", () => {
    const bytes = new TextEncoder().encode('hello, this is text');
    assert.throws(
      () => graphNodes(bytes),
      (e: Error) => e instanceof OnnxReadError && /^not a valid ONNX model: /.test(e.message),
    );
    assert.throws(() => graphNodes(new Uint8Array(0)), /empty/);
  });
});
