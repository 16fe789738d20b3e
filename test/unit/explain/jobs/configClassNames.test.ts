// Class names from Hugging Face's config.json (id2label) beside the model or one folder up, when neither the
// sidecar nor the ONNX metadata names them: the same names in explain plans, explanations and evaluations.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runEvaluateJob } from '../../../../src/engine/evaluate/evaluateJob';
import { planExplainJob, runExplainJob } from '../../../../src/engine/commands/explainJob';
import type { ExplainSettings } from '../../../../src/protocol/explainTypes';
import { diskEnvironment, tinyDistilbert } from '../../../support/tinyDistilbert';

const config = JSON.parse(readFileSync(tinyDistilbert('config.json'), 'utf8')) as { id2label: Record<string, string> };
/** The names in index order, read straight from the file (the fixture says 0: NEGATIVE, 1: POSITIVE). */
const EXPECTED = Object.keys(config.id2label)
  .sort((a, b) => Number(a) - Number(b))
  .map((k) => config.id2label[k]);

describe('class names from config.json (Hugging Face exports)', function () {
  this.timeout(60_000);
  const env = diskEnvironment();
  let tmp: string;
  const sentence: ExplainSettings = { data: '', method: 'exact', text: { sentence: 'A fine film.' } };

  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-hf-config-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));
  after(() => env.close());

  it('the tiny DistilBERT reports its id2label names in the plan and the explanation', async () => {
    assert.deepEqual(EXPECTED, ['NEGATIVE', 'POSITIVE']);
    const plan = await planExplainJob(env, tinyDistilbert('model.onnx'), sentence);
    assert.deepEqual(plan.outputColumns, EXPECTED);
    const { attribution } = await runExplainJob(env, tinyDistilbert('model.onnx'), sentence);
    assert.deepEqual(attribution.output_columns, EXPECTED);
  });

  it('evaluation names the classes and reads labels given as those names', async () => {
    const data = path.join(tmp, 'reviews.jsonl');
    const rows = [
      { text: 'a wonderful film', sentiment: 'POSITIVE' },
      { text: 'dull and far too long', sentiment: 'NEGATIVE' },
    ];
    writeFileSync(data, rows.map((r) => JSON.stringify(r)).join('\n'));
    const e = await runEvaluateJob(env, tinyDistilbert('model.onnx'), { data, label: 'sentiment' });
    assert.ok('classes' in e);
    assert.deepEqual(e.classes, EXPECTED);
    assert.deepEqual(e.labels, [1, 0]);
  });

  it('finds config.json one folder up from onnx/model.onnx (the optimum and Transformers.js layout)', async () => {
    mkdirSync(path.join(tmp, 'onnx'));
    const model = path.join(tmp, 'onnx', 'model.onnx');
    copyFileSync(tinyDistilbert('model.onnx'), model);
    copyFileSync(tinyDistilbert('config.json'), path.join(tmp, 'config.json'));
    copyFileSync(tinyDistilbert('tokenizer.json'), path.join(tmp, 'tokenizer.json'));
    const plan = await planExplainJob(env, model, sentence);
    assert.deepEqual(plan.outputColumns, EXPECTED);
    // One beside the model comes first.
    writeFileSync(path.join(tmp, 'onnx', 'config.json'), JSON.stringify({ id2label: { 0: 'bad', 1: 'good' } }));
    assert.deepEqual((await planExplainJob(env, model, sentence)).outputColumns, ['bad', 'good']);
  });

  it("the sidecar's names win over config.json", async () => {
    const plan = await planExplainJob(env, tinyDistilbert('model.onnx'), { ...sentence, classNames: ['neg', 'pos'] });
    assert.deepEqual(plan.outputColumns, ['neg', 'pos']);
  });

  it('a config.json without id2label, or naming another number of classes, leaves the indices', async () => {
    const model = path.join(tmp, 'model.onnx');
    copyFileSync(tinyDistilbert('model.onnx'), model);
    copyFileSync(tinyDistilbert('tokenizer.json'), path.join(tmp, 'tokenizer.json'));
    writeFileSync(path.join(tmp, 'config.json'), JSON.stringify({ model_type: 'distilbert' }));
    assert.deepEqual((await planExplainJob(env, model, sentence)).outputColumns, ['0', '1']);
    writeFileSync(path.join(tmp, 'config.json'), JSON.stringify({ id2label: { 0: 'a', 1: 'b', 2: 'c' } }));
    assert.deepEqual((await planExplainJob(env, model, sentence)).outputColumns, ['0', '1']);
  });

  it('a broken id2label is named with its file and field, not a stack trace', async () => {
    const model = path.join(tmp, 'model.onnx');
    copyFileSync(tinyDistilbert('model.onnx'), model);
    copyFileSync(tinyDistilbert('tokenizer.json'), path.join(tmp, 'tokenizer.json'));
    const cases: [unknown, RegExp][] = [
      [{ 0: 'NEGATIVE', 2: 'POSITIVE' }, /config\.json: id2label has no class 1/],
      [{ 0: 'NEGATIVE', one: 'POSITIVE' }, /config\.json: id2label key "one" is not a class index/],
      [{ 0: 'NEGATIVE', 1: 7 }, /config\.json: id2label\["1"\] is not a string/],
      [['NEGATIVE', 'POSITIVE'], /config\.json: id2label is not an object/],
    ];
    for (const [id2label, message] of cases) {
      writeFileSync(path.join(tmp, 'config.json'), JSON.stringify({ id2label }));
      await assert.rejects(planExplainJob(env, model, sentence), message);
    }
    // With the sidecar's names the broken file is never needed.
    assert.deepEqual((await planExplainJob(env, model, { ...sentence, classNames: ['neg', 'pos'] })).outputColumns, [
      'neg',
      'pos',
    ]);
  });
});
