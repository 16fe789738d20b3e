// A third-party text model end to end: optimum's 2-layer DistilBERT (near-random weights) with a stock
// bert-base-uncased tokenizer.json, through the engine jobs the CLI and the panel run and the built CLI.
// Its logits barely move with the text, so what is checked is the flow: the tokenizer's ids against the
// vocabulary, predictions and bases against onnxruntime run directly, exact values against brute force,
// efficiency for every method, and evaluation metrics against the model's own logits. A model additive in
// the same vocabulary's tokens, built here, gives the flow numbers that move: each word's closed-form value.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTokenizer } from '../../../../src/engine/data/text/tokenizer';
import { runEvaluateJob } from '../../../../src/engine/evaluate/evaluateJob';
import { runExplainJob } from '../../../../src/engine/commands/explainJob';
import { OrtBackend } from '../../../../src/engine/runtime/ortBackend';
import type { Attribution } from '../../../../src/protocol/attributionTypes';
import type { ClassificationEvaluation } from '../../../../src/protocol/evaluationTypes';
import type { ExplainSettings } from '../../../../src/protocol/explainTypes';
import { DataType } from '../../../../src/engine/onnx/schema';
import { diskEnvironment, tinyDistilbert } from '../../../support/tinyDistilbert';
import { encodeModel, floatTensor, graph, int64Tensor, node, seeded, valueInfo } from '../../onnx/build';
import { shapleyByOrderings } from '../agnostic/reference';

const ROOT = path.resolve(__dirname, '../../../..');
const MODEL = tinyDistilbert('model.onnx');
const tokenizerJson = JSON.parse(readFileSync(tinyDistilbert('tokenizer.json'), 'utf8')) as {
  model: { vocab: Record<string, number> };
};
const VOCAB = tokenizerJson.model.vocab;
const tokenizer = loadTokenizer(tokenizerJson, undefined, 'tokenizer.json');

/** BERT uncased's words: lower-cased runs of letters and digits, each punctuation mark alone. */
const words = (s: string) => s.toLowerCase().match(/[a-z0-9]+|[^\sa-z0-9]/g) ?? [];

/** WordPiece by hand: the longest prefix in the vocabulary, then the longest "##" continuation, and so on. */
function wordPiece(word: string): number[] {
  const ids: number[] = [];
  for (let start = 0; start < word.length;) {
    let end = word.length;
    while (end > start && VOCAB[(start ? '##' : '') + word.slice(start, end)] === undefined) end--;
    if (end === start) return [VOCAB['[UNK]']];
    ids.push(VOCAB[(start ? '##' : '') + word.slice(start, end)]);
    start = end;
  }
  return ids;
}

/** The model's logits for token-id rows of one length, run by onnxruntime directly (everything attended). */
async function logitsOf(rows: number[][]): Promise<number[][]> {
  const t = rows[0].length;
  const backend = await OrtBackend.create(MODEL);
  try {
    const out = await backend.run(
      {
        input_ids: { type: 'int64', dims: [rows.length, t], data: BigInt64Array.from(rows.flat(), (v) => BigInt(v)) },
        attention_mask: { type: 'int64', dims: [rows.length, t], data: new BigInt64Array(rows.length * t).fill(1n) },
      },
      ['logits'],
    );
    const z = out.logits.data as Float32Array;
    return rows.map((_, r) => [z[2 * r], z[2 * r + 1]]);
  } finally {
    await backend.dispose();
  }
}

function assertClose(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
}

/** Each row's values sum to f(x) - f(every unit hidden), per explained class. */
function assertEfficient(a: Attribution, tolerance = 1e-5): void {
  a.values.forEach((row, r) =>
    a.targets![r].forEach((t, k) => {
      const sum = row.reduce((s, v) => s + v[k], 0);
      assertClose(sum, a.predictions[r][t] - a.row_base_values![r][t], tolerance, `row ${r} class ${t}`);
    }),
  );
}

describe('a third-party text model: tiny DistilBERT (SST-2 head) with the bert-base-uncased tokenizer', function () {
  this.timeout(120_000);
  const env = diskEnvironment();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-distilbert-'));
  const SENTENCE = 'The movie was good, not unbelievable.';
  // The raw logits ('logits raw'), which the references below compute; probabilities: logitsOutput.test.ts.
  const explain = (s: Partial<ExplainSettings>) =>
    runExplainJob(env, MODEL, { data: '', method: 'auto', output: 'logits raw', text: { sentence: SENTENCE }, ...s });
  after(async () => {
    await env.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("the tokenizer gives bert-base-uncased's ids: [CLS] words' WordPiece ids [SEP]", () => {
    assert.equal(Object.keys(VOCAB).length, 30522);
    const known = { '[PAD]': 0, '[UNK]': 100, '[CLS]': 101, '[SEP]': 102, '[MASK]': 103, the: 1996, movie: 3185 };
    for (const [token, id] of Object.entries(known)) assert.equal(VOCAB[token], id, token);
    for (const s of [SENTENCE, 'Tokenization of UNFATHOMABLE jargon!', 'An über-long, 1990s film.']) {
      const e = tokenizer.encode(s, 512);
      const expected = [101, ...words(s.normalize('NFD').replace(/\p{M}/gu, '')).flatMap(wordPiece), 102];
      assert.deepEqual(e.ids, expected, s);
    }
    const e = tokenizer.encode('the movie', 512);
    assert.deepEqual(e.ids, [101, 1996, 3185, 102]);
    assert.ok(tokenizer.encode('tokenization', 512).ids.length > 3, 'a word of several pieces');
    assert.deepEqual(tokenizer.mask, { id: 103, token: '[MASK]' });
  });

  it('exact over words: the prediction, base and values are those of onnxruntime run directly and brute force', async () => {
    const { attribution: a } = await explain({ method: 'auto' });
    assert.equal(a.kind, 'text');
    assert.equal(a.method, 'exact');
    const units = words(SENTENCE);
    assert.deepEqual(a.tokens, [units]);
    assert.deepEqual(a.output_columns, ['NEGATIVE', 'POSITIVE']);
    // The reference builds every coalition's row itself: a hidden word's pieces become [MASK].
    const pieces = units.map(wordPiece);
    const m = units.length;
    const rows = Array.from({ length: 1 << m }, (_, z) => [
      101,
      ...pieces.flatMap((p, u) => (z & (1 << u) ? p : p.map(() => 103))),
      102,
    ]);
    const logits = await logitsOf(rows);
    a.predictions[0].forEach((p, c) => assertClose(p, logits[(1 << m) - 1][c], 1e-6, `prediction ${c}`));
    a.row_base_values![0].forEach((b, c) => assertClose(b, logits[0][c], 1e-6, `base ${c}`));
    const f = (z: Float64Array) => logits[Array.from(z).reduce((s, v, u) => s + (v ? 1 << u : 0), 0)];
    const reference = shapleyByOrderings(f, new Float64Array(m).fill(1), [new Float64Array(m)]);
    a.targets![0].forEach((c, k) =>
      reference.forEach((phi, u) => assertClose(a.values[0][u][k], phi[c], 1e-6, `${units[u]} class ${c}`)),
    );
    assertEfficient(a);
  });

  for (const method of ['partition', 'kernel', 'permutation'] as const) {
    it(`${method} over words: values sum to f(x) - f(all hidden), for both classes`, async () => {
      const { attribution: a } = await explain({ method, classes: 2, seed: 3 });
      assert.equal(a.method, method);
      assert.deepEqual([...a.targets![0]].sort(), [0, 1]);
      assert.equal(a.values[0].length, words(SENTENCE).length);
      assertEfficient(a);
    });
  }

  it('tokens as units: one value per WordPiece token, efficient', async () => {
    const { attribution: a } = await explain({
      method: 'exact',
      text: { sentence: 'Tokenization works', units: 'tokens' },
    });
    assert.deepEqual(a.tokens, [['token', '##ization', 'works']]);
    assertEfficient(a);
  });

  it("evaluation on labelled .jsonl and .csv: metrics equal those of the model's own logits", async () => {
    const texts = [
      'A wonderful, moving film.',
      'Dull and far too long.',
      'I loved every minute of it!',
      'The plot made no sense at all',
      'Brilliant acting, weak script.',
      'Not worth the ticket.',
    ];
    const labels = [1, 0, 1, 0, 1, 0];
    // Each text alone, unpadded: the reference's probabilities.
    const probs: number[][] = [];
    for (const t of texts) {
      const [z] = await logitsOf([tokenizer.encode(t, 512).ids]);
      const e = z.map((v) => Math.exp(v - Math.max(...z)));
      probs.push(e.map((v) => v / (e[0] + e[1])));
    }
    const predicted = probs.map((p) => (p[1] > p[0] ? 1 : 0));
    const confusion = [0, 1].map((y) =>
      [0, 1].map((c) => labels.filter((l, i) => l === y && predicted[i] === c).length),
    );
    const logLoss = -labels.reduce((s, y, i) => s + Math.log(probs[i][y]), 0) / labels.length;
    const jsonl = path.join(tmp, 'reviews.jsonl');
    writeFileSync(jsonl, texts.map((text, i) => JSON.stringify({ text, label: labels[i] })).join('\n'));
    const csv = path.join(tmp, 'reviews.csv');
    const names = ['NEGATIVE', 'POSITIVE'];
    writeFileSync(csv, ['review,sentiment', ...texts.map((t, i) => `"${t}",${names[labels[i]]}`)].join('\n'));
    for (const [data, label] of [
      [jsonl, 'label'],
      [csv, 'sentiment'],
    ]) {
      const e = (await runEvaluateJob(env, MODEL, { data, label })) as ClassificationEvaluation;
      assert.deepEqual(e.classes, names);
      assert.deepEqual(e.labels, labels, data);
      assert.deepEqual(e.predicted, predicted, data);
      assert.deepEqual(e.confusion_matrix, confusion, data);
      assertClose(e.accuracy, predicted.filter((c, i) => c === labels[i]).length / labels.length, 1e-12, 'accuracy');
      assertClose(e.log_loss, logLoss, 1e-6, 'log loss');
      e.positive_probability!.forEach((p, i) => assertClose(p, probs[i][1], 1e-6, `P(positive) of text ${i}`));
    }
  });

  it('the built CLI (dist/cli.js) explains a sentence with the tokenizer beside the model', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'dist', 'cli.js'), 'explain', MODEL, '--text', SENTENCE, '--method', 'partition', '--json'],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    const a = JSON.parse(r.stdout) as Attribution;
    assert.equal(a.method, 'partition');
    assert.deepEqual(a.tokens, [words(SENTENCE)]);
    assert.deepEqual(a.output_columns, ['NEGATIVE', 'POSITIVE']);
    assertEfficient(a);
  });
});

/** logits = bias + the attended tokens' rows of a seeded [30522, 2] table (multiples of 1/64): additive in tokens. */
function additiveOverVocab(file: string): { weights: Float32Array; bias: number[] } {
  const random = seeded(5);
  const n = Object.keys(VOCAB).length;
  const weights = Float32Array.from({ length: 2 * n }, () => Math.round(128 * random() - 64) / 64);
  const bias = [0.25, -0.25];
  const g = graph({
    nodes: [
      node('Gather', ['table', 'input_ids'], ['rows']),
      node('Cast', ['attention_mask'], ['attended'], { to: DataType.FLOAT }),
      node('Unsqueeze', ['attended', 'last'], ['attended3']),
      node('Mul', ['rows', 'attended3'], ['kept']),
      node('ReduceSum', ['kept', 'sequence_axis'], ['sum'], { keepdims: 0 }),
      node('Add', ['sum', 'bias'], ['logits']),
    ],
    inputs: [
      valueInfo('input_ids', DataType.INT64, ['batch', 'sequence']),
      valueInfo('attention_mask', DataType.INT64, ['batch', 'sequence']),
    ],
    outputs: [valueInfo('logits', DataType.FLOAT, ['batch', 2])],
    initializers: [
      floatTensor('table', [n, 2], weights),
      floatTensor('bias', [2], bias),
      int64Tensor('last', [1], [-1]),
      int64Tensor('sequence_axis', [1], [1]),
    ],
  });
  writeFileSync(file, encodeModel(g));
  return { weights, bias };
}

describe('a model additive in bert-base-uncased tokens: the text flow gives each word its closed-form value', function () {
  this.timeout(120_000);
  const env = diskEnvironment();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-bert-additive-'));
  const model = path.join(tmp, 'additive.onnx');
  const { weights: W } = additiveOverVocab(model);
  const SENTENCE = 'Tokenization of UNFATHOMABLE jargon was good!';
  after(async () => {
    await env.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  for (const method of ['exact', 'partition', 'kernel'] as const) {
    it(`${method}: a word's value is its pieces' weights minus [MASK]'s each, and the values sum to f(x) - f(all hidden)`, async () => {
      const { attribution: a } = await runExplainJob(env, model, {
        data: '',
        method,
        classes: 2,
        output: 'logits raw',
        text: { sentence: SENTENCE, tokenizer: tinyDistilbert('tokenizer.json') },
      });
      assert.equal(a.method, method);
      const units = words(SENTENCE);
      assert.deepEqual(a.tokens, [units]);
      a.targets![0].forEach((c, k) => {
        units.forEach((u, i) => {
          const expected = wordPiece(u).reduce((s, id) => s + W[2 * id + c] - W[2 * 103 + c], 0);
          assertClose(a.values[0][i][k], expected, 1e-5, `${u} class ${c}`);
        });
      });
      assertEfficient(a);
    });
  }
});
