import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { runCompareJob } from '../../../src/engine/compare/compareJob';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import type { InferenceBackend } from '../../../src/engine/runtime/backend';
import { compareView, formatNumber, relativeChange } from '../../../webview/compare/model';
import { validateCompareMessage } from '../../../src/protocol/validateCompare';

const ROOT = path.resolve(__dirname, '../../..');
const model = (name: string) => path.join(ROOT, 'test', 'fixtures', 'models', name);

describe('compare panel: view model and messages', function () {
  this.timeout(60_000);

  it('marks exactly the rows where A and B differ, with B relative to A', async () => {
    const sessions: InferenceBackend[] = [];
    const env = {
      readFile: (f: string) => readFile(f),
      backend: async (p: string) => {
        const b = await OrtBackend.create(p);
        sessions.push(b);
        return b;
      },
    };
    const r = await runCompareJob(env, model('mlp_wine.onnx'), model('mlp_wine_int8.onnx'));
    for (const s of sessions) await s.dispose();
    const v = compareView(r);
    const row = (label: string) => v.facts.find((f) => f.label === label)!;
    assert.deepEqual(row('Size on disk (bytes)'), {
      label: 'Size on disk (bytes)',
      a: '7,900',
      b: '5,094',
      changed: true,
      change: relativeChange({ a: 7900, b: 5094 }),
    });
    assert.equal(row('Size on disk (bytes)').change, '-35.5%');
    assert.equal(row('FLOPs').changed, false);
    assert.equal(row('int8 weight bytes').change, 'new');
    assert.equal(row('Inputs').changed, false);
    assert.equal(v.compatible, true);
    assert.deepEqual(
      v.ops.filter((o) => o.change !== 'same').map((o) => o.op),
      ['Mul', 'Add', 'Cast', 'DynamicQuantizeLinear', 'MatMulInteger', 'Gemm'],
    );
    assert.equal(v.data, undefined);
  });

  it('formats numbers for the table', () => {
    assert.equal(formatNumber(1536), '1,536');
    assert.equal(formatNumber(0.25), '0.2500');
    assert.equal(formatNumber(4.5e-5), '4.50e-5');
    assert.equal(formatNumber(null), 'n/a');
    assert.equal(relativeChange({ a: 2, b: 2 }), undefined);
  });

  it('refuses malformed requests from the webview', () => {
    assert.equal(validateCompareMessage('compare/run', { data: 'wine.csv', label: 'cultivar' }), undefined);
    assert.match(validateCompareMessage('compare/run', { data: '' })!, /data must be a file path/);
    assert.match(validateCompareMessage('compare/run', { data: 'x.csv', evil: 1 })!, /unknown parameter 'evil'/);
    assert.match(validateCompareMessage('compare/export', { format: 'exe' })!, /format/);
    assert.match(validateCompareMessage('compare/delete', {})!, /Unknown request/);
  });
});
