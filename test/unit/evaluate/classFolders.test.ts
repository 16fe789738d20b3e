// Pictures for evaluation: a flat folder says it needs a subfolder per class, and the demo's class-folder set
// evaluates with every class's support equal to the pictures its folder holds.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli';
import type { ClassificationEvaluation } from '../../../src/protocol/evaluationTypes';
import { runBlocker } from '../../../webview/evaluation/models/runGate';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const DEMO = path.resolve(__dirname, '../../../demo/workspace');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s + '\n') });
  return { code, out, err };
}

describe('evaluating pictures by class folder', function () {
  this.timeout(60_000);
  const sidecar = path.join(DEMO, 'models', 'digits_cnn.onnx.lens.json');
  const model = path.join(DEMO, 'models', 'digits_cnn.onnx');

  it('a flat folder of pictures says it needs one subfolder per class and how many it holds', async () => {
    const flat = path.join(mkdtempSync(path.join(os.tmpdir(), 'lens-flat-')), 'digits');
    mkdirSync(flat);
    const pictures = readdirSync(path.join(FIXTURES, 'images', 'digits')).filter((f) => f.endsWith('.png'));
    for (const f of pictures) copyFileSync(path.join(FIXTURES, 'images', 'digits', f), path.join(flat, f));
    const r = await cli(['evaluate', model, '--data', flat, '--sidecar', sidecar]);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      new RegExp(
        `digits: needs one subfolder per class \\(named as the class or its index\\); it holds ${pictures.length} pictures directly`,
      ),
    );
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  });

  it("the demo's class folders evaluate: each class's support is its folder's pictures", async () => {
    const folder = path.join(DEMO, 'images', 'digits_by_class');
    const r = await cli(['evaluate', model, '--data', folder, '--sidecar', sidecar]);
    assert.equal(r.code, 0, r.err);
    const e = JSON.parse(r.out) as ClassificationEvaluation;
    const counts = e.classes.map((c) => readdirSync(path.join(folder, c)).filter((f) => f.endsWith('.png')).length);
    assert.ok(counts.every((n) => n >= 2));
    assert.deepEqual(e.support, counts);
    assert.equal(
      e.rows,
      counts.reduce((a, b) => a + b, 0),
    );
    // Each folder's pictures are named digit_<label>_...: the folder is the label.
    for (const c of e.classes) for (const f of readdirSync(path.join(folder, c))) assert.equal(f.split('_')[1], c, f);
    assert.ok(JSON.parse(readFileSync(sidecar, 'utf8')).classNames.length === 10);
  });

  it('the Evaluation form sends data whose columns could not be read on to the engine', () => {
    assert.equal(runBlocker('digits', '', undefined), undefined);
    assert.equal(runBlocker('digits_by_class', '', 'image'), undefined);
    assert.match(runBlocker('wine.csv', '', 'table') ?? '', /label column/);
    assert.match(runBlocker('', '', undefined) ?? '', /Choose labelled data/);
  });
});
