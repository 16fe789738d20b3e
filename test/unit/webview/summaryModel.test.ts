import assert from 'node:assert/strict';
import path from 'node:path';
import { readModelFile } from '../../../src/engine/onnx/loadFile';
import { summarize } from '../../../src/engine/onnx/summary';
import { summaryView } from '../../../webview/explain/summaryModel';

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
});
