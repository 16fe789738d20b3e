import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readModel } from '../../../src/engine/onnx/reader';
import { OnnxReadError } from '../../../src/engine/onnx/types';
import { weightTensors } from '../../../src/engine/onnx/summary';
import { graphNodes } from '../../../src/engine/profile/graphNodes';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const models = ['models', 'models/trees', 'generated'].flatMap((dir) =>
  readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.onnx') && f !== 'not-a-model.onnx')
    .map((f) => path.join(FIXTURES, dir, f)),
);

describe("profile: the model's node list", () => {
  it('reads the same main-graph nodes, external weights and metadata as the full reader, for every fixture model', () => {
    assert.ok(models.length > 30, `${models.length} models`);
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
    const bytes = readFileSync(path.join(FIXTURES, 'generated', 'not-a-model.onnx'));
    assert.throws(
      () => graphNodes(bytes),
      (e: Error) => e instanceof OnnxReadError && /^not a valid ONNX model: /.test(e.message),
    );
    assert.throws(() => graphNodes(new Uint8Array(0)), /empty/);
  });
});
