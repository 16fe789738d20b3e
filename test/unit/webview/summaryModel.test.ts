import assert from 'node:assert/strict';
import path from 'node:path';
import { readModelFile } from '../../../src/engine/onnx/loadFile';
import { summarize } from '../../../src/engine/onnx/summary';
import { flopsText, summaryView } from '../../../webview/explain/summaryModel';

describe('Overview summary view model', () => {
  it('states the structure of a real model; op counts add up to the node total', async () => {
    const { model } = await readModelFile(path.resolve(__dirname, '../../fixtures/models/cnn_digits28.onnx'));
    const s = summarize(model);
    const v = summaryView(s, 100);
    const facts = Object.fromEntries(v.facts);
    assert.equal(facts['Opsets'], 'ai.onnx 13');
    assert.match(facts['Parameters'], /^52,138 in initializers/);
    assert.equal(
      v.ops.reduce((a, o) => a + o.count, 0),
      s.total_nodes,
    );
    assert.ok(
      v.ops.every((o, i) => i === 0 || v.ops[i - 1].count >= o.count),
      'most frequent first',
    );
    assert.deepEqual(
      v.dtypes.map((d) => [d.dtype, d.elements]),
      [['fp32', 52138]],
    );
  });

  it('says for which free-dim sizes the FLOPs were counted, and when a size of 1 makes them meaningless', () => {
    const f = { total: 10, macs: 5, not_estimated: 0, not_estimated_nodes: [], symbolic_dims_as_one: [] };
    assert.equal(
      flopsText({ ...f, assumed_dims: { batch: 1, height: 224, width: 224 } }),
      '10 FLOPs (5 MACs) for batch = 1, height = 224, width = 224',
    );
    assert.equal(
      flopsText({ ...f, assumed_dims: { batch: 1, width: 1 } }),
      '10 FLOPs (5 MACs) for batch = 1, width = 1 (set width in the free-dimension fields above for a realistic count)',
    );
    assert.equal(
      flopsText({ ...f, symbolic_dims_as_one: ['seq'], assumed_dims: {} }),
      '10 FLOPs (5 MACs); seq counted as 1',
    );
  });
});
