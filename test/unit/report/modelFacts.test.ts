import assert from 'node:assert/strict';
import path from 'node:path';
import { readModelFile } from '../../../src/engine/onnx/loadFile';
import { summarize } from '../../../src/engine/onnx/summary';
import { modelFactTables } from '../../../webview/report/modelFacts';

const rawJson = /[{}"]|\[object/;

describe("the report's model tables", () => {
  it('a real model: facts, inputs and outputs with types and shapes, opsets, operators and weights as tables', async () => {
    const { model } = await readModelFile(path.resolve(__dirname, '../../fixtures/models/cnn_digits28.onnx'));
    const s = summarize(model);
    const tables = modelFactTables(s as unknown as Record<string, unknown>);
    const byId = Object.fromEntries(tables.map((t) => [t.id, t]));
    assert.deepEqual(Object.keys(byId), ['model-summary', 'model-io', 'model-opsets', 'model-ops', 'model-weights']);
    for (const t of tables)
      for (const row of t.rows) {
        assert.equal(row.length, t.columns.length || 2, `${t.id}: ${row.join(' | ')}`);
        for (const cell of row) assert.ok(!rawJson.test(cell), `${t.id}: raw JSON in '${cell}'`);
      }
    assert.deepEqual(byId['model-io'].rows, [
      ['input', 'image', 'float32', '[batch, 1, 28, 28]'],
      ['output', 'logits', 'float32', '[batch, 10]'],
    ]);
    assert.deepEqual(byId['model-opsets'].rows, [['ai.onnx', '13']]);
    // The histogram's rows add up to every node.
    const counted = byId['model-ops'].rows.reduce((a, r) => a + Number(r[1].replace(/,/g, '')), 0);
    assert.equal(counted, s.total_nodes);
    // 52,138 float32 values x 4 bytes = 208,552 B = 203.7 KB.
    assert.deepEqual(byId['model-weights'].rows, [['fp32', '8', '52,138', '203.7 KB']]);
    const facts = Object.fromEntries(byId['model-summary'].rows);
    assert.match(facts['Parameters'], /^52,138 in initializers/);
    assert.match(facts['Compute'], /^[\d,]+ FLOPs \([\d,]+ MACs\)/);
  });

  it('a summary of another shape still reads as text, nested values as key: value pairs', () => {
    const [t] = modelFactTables({ file: 'm.onnx', opsets: { 'ai.onnx': 17 }, sizes: [1, 2], note: null });
    assert.deepEqual(t.rows, [
      ['file', 'm.onnx'],
      ['opsets', 'ai.onnx: 17'],
      ['sizes', '1, 2'],
      ['note', '—'],
    ]);
  });
});
