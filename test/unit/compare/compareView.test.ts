import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { runCompareJob } from '../../../src/engine/compare/compareJob';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import type { InferenceBackend } from '../../../src/engine/runtime/backend';
import { metricPairs } from '../../../src/protocol/compareHeadline';
import type { Evaluation, Interval } from '../../../src/protocol/evaluationTypes';
import { compareView, formatNumber, metricRow, relativeChange } from '../../../webview/compare/model';
import { validateCompareMessage } from '../../../src/protocol/validateCompare';

const ROOT = path.resolve(__dirname, '../../..');
const model = (name: string) => path.join(ROOT, 'test', 'fixtures', 'models', name);

/** The fields of a binary classification's evaluation the headline reads (the rest are not looked at). */
function evaluation(accuracy: number, logLoss: number, ci: Record<string, Interval>): Evaluation {
  const headline = { accuracy, balanced_accuracy: accuracy, f1_macro: accuracy, f1_weighted: accuracy };
  return {
    task: 'classification',
    classes: ['x', 'y'],
    ...headline,
    roc_auc: null,
    log_loss: logLoss,
    brier: 0.1,
    ci,
  } as unknown as Evaluation;
}

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

    // With data and a label: the metrics get their own table, one row per headline metric of the task.
    const a = evaluation(0.9, 0.3, { accuracy: { low: 0.85, high: 0.95 } });
    const withData = compareView({
      ...r,
      data: { file: 'd.csv', rows: 10, batch: 64 },
      label: 'y',
      metrics_a: a,
      metrics_b: a,
    });
    assert.equal(withData.data!.metricsTitle, "Metrics against 'y' (95% bootstrap intervals)");
    assert.deepEqual(
      withData.data!.metrics.map((m) => [m.label, m.changed]),
      [
        ['Accuracy', false],
        ['Balanced accuracy', false],
        ['F1 (macro)', false],
        ['F1 (weighted)', false],
        ['ROC AUC', false],
        ['Log loss', false],
        ['Brier score', false],
      ],
    );
  });

  it("metrics side by side: B against A in each metric's direction, and changes beyond both intervals", () => {
    const a = evaluation(0.9, 0.3, { accuracy: { low: 0.85, high: 0.95 }, log_loss: { low: 0.25, high: 0.35 } });
    const b = evaluation(0.8, 0.31, { accuracy: { low: 0.75, high: 0.84 }, log_loss: { low: 0.26, high: 0.36 } });
    const pairs = metricPairs({ metrics_a: a, metrics_b: b });
    const by = (key: string) => pairs.find((p) => p.key === key)!;
    // Accuracy fell, past both intervals; log loss rose (worse, lower is better) inside them; Brier is equal.
    assert.deepEqual([by('accuracy').verdict, by('accuracy').beyondIntervals], ['worse', true]);
    assert.deepEqual([by('log_loss').verdict, by('log_loss').beyondIntervals], ['worse', false]);
    assert.equal(by('brier').verdict, 'same');
    assert.equal(by('roc_auc').verdict, undefined);
    assert.equal(metricPairs({ metrics_a: b, metrics_b: a }).find((p) => p.key === 'log_loss')!.verdict, 'better');
    assert.deepEqual(metricRow(by('accuracy')), {
      label: 'Accuracy',
      a: '0.9000 [0.8500, 0.9500]',
      b: '0.8000 [0.7500, 0.8400]',
      changed: true,
      change: '-0.1000 worse, beyond both intervals',
      verdict: 'worse',
    });
    assert.deepEqual(metricRow(by('roc_auc')), { label: 'ROC AUC', a: 'n/a', b: 'n/a', changed: false });
    assert.deepEqual(metricPairs({}), []);
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
