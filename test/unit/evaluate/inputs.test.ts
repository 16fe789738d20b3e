// Evaluation of an image model on a folder per class and of a text model on a label column, through the CLI with
// real onnxruntime: metrics equal those computed by brute force from each picture's or text's own prediction
// (onnxruntime's logits per digit image; the additive text model's closed form), over more rows than one block.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli';
import { loadTokenizer } from '../../../src/engine/data/text/tokenizer';
import { IMAGE_BLOCK } from '../../../src/engine/inputs/labelled/labelledImages';
import { TEXT_BLOCK } from '../../../src/engine/inputs/labelled/labelledText';
import { seededRandom } from '../../../src/engine/explain/random';
import type { ClassificationEvaluation } from '../../../src/protocol/evaluationTypes';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-eval-inputs-'));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s + '\n') });
  return { code, out, err };
}

async function evaluate(args: string[]): Promise<ClassificationEvaluation> {
  const { code, out, err } = await cli(['evaluate', ...args]);
  assert.equal(code, 0, err);
  return JSON.parse(out) as ClassificationEvaluation;
}

const softmax = (z: number[]) => {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const argmax = (v: number[]) => v.indexOf(Math.max(...v));

/** Accuracy, confusion matrix and log loss (probabilities clipped at float64's epsilon, as sklearn's) row by row. */
function bruteForce(labels: number[], probs: number[][], k: number) {
  const cm = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let right = 0;
  let loss = 0;
  labels.forEach((y, i) => {
    const p = argmax(probs[i]);
    cm[y][p]++;
    if (p === y) right++;
    loss -= Math.log(Math.max(probs[i][y], 2.220446049250313e-16));
  });
  return { accuracy: right / labels.length, cm, logLoss: loss / labels.length };
}

function close(actual: number, expected: number, tol: number, what: string) {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

describe('evaluate: an image model on a folder per class', function () {
  this.timeout(60_000);
  const ref = JSON.parse(readFileSync(path.join(FIXTURES, 'images', 'digits', 'ref.json'), 'utf8')) as {
    files: string[];
    labels: number[];
    logits: number[][];
  };
  const names = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  const sidecar = path.join(tmp, 'digits.lens.json');
  writeFileSync(
    sidecar,
    JSON.stringify({ image: { preset: 'unit', channels: 'L', size: [28, 28] }, classNames: names }),
  );

  /** Copies of the six digits into class folders: some in their own class, some deliberately in another. */
  function labelledFolder(copies: number): { folder: string; truth: Map<string, number> } {
    const folder = mkdtempSync(path.join(tmp, 'digits-'));
    const truth = new Map<string, number>();
    const random = seededRandom(5);
    for (let i = 0; i < copies; i++) {
      const j = i % ref.files.length;
      // A third of the pictures are filed under a wrong class; folders are named or numbered.
      const label = random() < 1 / 3 ? Math.floor(random() * 10) : ref.labels[j];
      const dir = path.join(folder, label % 2 === 0 ? names[label] : String(label));
      mkdirSync(dir, { recursive: true });
      const name = `${String(i).padStart(4, '0')}_${ref.files[j]}`;
      copyFileSync(path.join(FIXTURES, 'images', 'digits', ref.files[j]), path.join(dir, name));
      truth.set(name, label);
    }
    return { folder, truth };
  }

  it(`metrics equal those of each picture's own logits, over more pictures than a block (${IMAGE_BLOCK})`, async () => {
    const copies = IMAGE_BLOCK + 40;
    const { folder, truth } = labelledFolder(copies);
    const e = await evaluate([
      path.join(FIXTURES, 'models', 'cnn_digits28.onnx'),
      '--data',
      folder,
      '--sidecar',
      sidecar,
    ]);
    assert.equal(e.rows, copies);
    assert.deepEqual(e.classes, names);
    // Rows in the order explaining lists the folder: class folders by name, files by name.
    const listed = [...truth.keys()].sort((a, b) => {
      const fa = truth.get(a)! % 2 === 0 ? names[truth.get(a)!] : String(truth.get(a));
      const fb = truth.get(b)! % 2 === 0 ? names[truth.get(b)!] : String(truth.get(b));
      return fa < fb ? -1 : fa > fb ? 1 : a < b ? -1 : 1;
    });
    const labels = listed.map((f) => truth.get(f)!);
    const probs = listed.map((f) => softmax(ref.logits[ref.files.indexOf(f.slice(5))]));
    assert.deepEqual(e.labels, labels);
    assert.deepEqual(e.predicted, probs.map(argmax));
    const b = bruteForce(labels, probs, 10);
    assert.ok(b.accuracy > 0.4 && b.accuracy < 0.9, `a mix of right and wrong: ${b.accuracy}`);
    assert.equal(e.accuracy, b.accuracy);
    assert.deepEqual(e.confusion_matrix, b.cm);
    close(e.log_loss, b.logLoss, 1e-5, 'log loss');
    e.support.forEach((s, k) => assert.equal(s, labels.filter((y) => y === k).length));
    assert.deepEqual(e.errors.cohorts, []);
    assert.match(e.errors.unavailable ?? '', /cnn_digits28\.onnx reads pictures: error cohorts and rules are trees/);
  });

  it('a subfolder that is no class is an error naming it; so is a picture outside the class folders', async () => {
    const { folder } = labelledFolder(6);
    mkdirSync(path.join(folder, 'cat'));
    copyFileSync(path.join(FIXTURES, 'images', 'digits', ref.files[0]), path.join(folder, 'cat', 'x.png'));
    const model = path.join(FIXTURES, 'models', 'cnn_digits28.onnx');
    let r = await cli(['evaluate', model, '--data', folder, '--sidecar', sidecar]);
    assert.equal(r.code, 2);
    assert.match(r.err, /the subfolder "cat" is not a class: subfolders are named as the classes \(zero, one/);
    const { folder: loose } = labelledFolder(6);
    copyFileSync(path.join(FIXTURES, 'images', 'digits', ref.files[0]), path.join(loose, 'stray.png'));
    r = await cli(['evaluate', model, '--data', loose, '--sidecar', sidecar]);
    assert.equal(r.code, 2);
    assert.match(r.err, /stray\.png is not in a class folder/);
  });

  it('rules say they are not available for an image model', async () => {
    const { folder } = labelledFolder(6);
    const model = path.join(FIXTURES, 'models', 'cnn_digits28.onnx');
    const r = await cli(['rules', model, '--data', folder, '--sidecar', sidecar]);
    assert.equal(r.code, 2);
    assert.match(r.err, /cnn_digits28\.onnx reads pictures: rules are a tree over a table's features/);
  });
});

describe('evaluate: a text model on a label column', function () {
  this.timeout(60_000);
  const textDir = path.join(FIXTURES, 'text');
  const { weights, bias } = JSON.parse(readFileSync(path.join(textDir, 'additive.weights.json'), 'utf8')) as {
    weights: Record<string, number>;
    bias: number;
  };
  const tokenizer = loadTokenizer(
    JSON.parse(readFileSync(path.join(textDir, 'tokenizer.json'), 'utf8')),
    undefined,
    'tokenizer.json',
  );
  const words = [
    'the',
    'movie',
    'was',
    'great',
    'boring',
    'not',
    'good',
    'really',
    'awful',
    'unbelievable',
    'loved',
    'it',
    'zebra',
    'dull',
    'fun',
    '!',
    ',',
  ];
  const random = seededRandom(11);
  // Texts of many lengths (so several padded lengths), more of them than one block.
  const texts = Array.from({ length: TEXT_BLOCK + 76 }, () =>
    Array.from({ length: 1 + Math.floor(random() * 12) }, () => words[Math.floor(random() * words.length)]).join(' '),
  );
  /** The additive model's logit of class 1 for one text alone: bias + its tokens' weights (no padding). */
  const logit = (t: string) => tokenizer.encode(t, 512).tokens.reduce((s, tok) => s + weights[tok], bias);
  const scores = texts.map(logit);
  // Labels follow the model's sign, a quarter of them flipped.
  const labels = scores.map((z) => ((z > 0 ? 1 : 0) ^ (random() < 0.25 ? 1 : 0)) as number);
  const probs = scores.map((z) => softmax([-z, z]));

  it('metrics equal those of each text scored alone (closed form), from a .csv with class names', async () => {
    const csv = path.join(tmp, 'reviews.csv');
    const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
    writeFileSync(
      csv,
      ['id,review,sentiment', ...texts.map((t, i) => `${i},${quote(t)},${labels[i] ? 'pos' : 'neg'}`)].join('\n'),
    );
    const side = path.join(tmp, 'additive.lens.json');
    writeFileSync(side, JSON.stringify({ classNames: ['neg', 'pos'] }));
    const e = await evaluate([
      path.join(textDir, 'additive.onnx'),
      '--data',
      csv,
      '--label',
      'sentiment',
      '--sidecar',
      side,
    ]);
    assert.equal(e.rows, texts.length);
    assert.deepEqual(e.labels, labels);
    assert.deepEqual(e.predicted, probs.map(argmax));
    const b = bruteForce(labels, probs, 2);
    assert.equal(e.accuracy, b.accuracy);
    assert.deepEqual(e.confusion_matrix, b.cm);
    close(e.log_loss, b.logLoss, 1e-6, 'log loss');
    e.positive_probability!.forEach((p, i) => close(p, probs[i][1], 1e-6, `P(pos) of text ${i}`));
    // ROC AUC by pairs: a positive above a negative counts 1, a tie 1/2.
    let pairs = 0;
    let above = 0;
    labels.forEach((y, i) => {
      if (y !== 1) return;
      labels.forEach((y2, j) => {
        if (y2 !== 0) return;
        pairs++;
        above += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      });
    });
    close(e.roc_auc!, above / pairs, 1e-9, 'ROC AUC');
    assert.match(e.errors.unavailable ?? '', /additive\.onnx reads texts/);
  });

  it('reads class indices from a .jsonl label field, and names a line without a label', async () => {
    const jsonl = path.join(tmp, 'reviews.jsonl');
    writeFileSync(jsonl, texts.map((t, i) => JSON.stringify({ text: t, y: labels[i] })).join('\n'));
    const e = await evaluate([path.join(textDir, 'additive.onnx'), '--data', jsonl, '--label', 'y']);
    assert.deepEqual(e.labels, labels);
    assert.deepEqual(e.classes, ['negative', 'positive'], "the model's metadata names");
    assert.equal(e.accuracy, bruteForce(labels, probs, 2).accuracy);
    const broken = path.join(tmp, 'broken.jsonl');
    writeFileSync(broken, [JSON.stringify({ text: 'good', y: 1 }), JSON.stringify({ text: 'bad' })].join('\n'));
    const r = await cli(['evaluate', path.join(textDir, 'additive.onnx'), '--data', broken, '--label', 'y']);
    assert.equal(r.code, 2);
    assert.match(r.err, /broken\.jsonl: line 2: has no label/);
    const rules = await cli(['rules', path.join(textDir, 'additive.onnx'), '--data', jsonl, '--label', 'y']);
    assert.equal(rules.code, 2);
    assert.match(rules.err, /additive\.onnx reads texts: rules are a tree over a table's features/);
  });
});
