// Text explanations end to end through the CLI's job (real onnxruntime, a real tokenizer.json): a model additive
// in its tokens gets its closed form from every Shapley method and both maskers, exact equals brute force on a
// model whose words interact, LIME's text defaults, the data formats, the JSON's shape and one-line errors.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { main } from '../../../../src/cli';
import type { Attribution } from '../../../../src/protocol/attributionTypes';
import { OrtBackend } from '../../../../src/engine/runtime/ortBackend';
import { planExplainJob } from '../../../../src/engine/commands/explainJob';
import { shapleyByOrderings } from '../agnostic/reference';

const TEXT = path.resolve(__dirname, '../../../fixtures/text');
const fixture = (f: string) => path.join(TEXT, f);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-text-'));
const tokenizerJson = JSON.parse(readFileSync(fixture('tokenizer.json'), 'utf8')) as object;
const library = new Tokenizer(tokenizerJson, {});
const { weights: W, bias: BIAS } = JSON.parse(readFileSync(fixture('additive.weights.json'), 'utf8')) as {
  weights: Record<string, number>;
  bias: number;
};
const SENTENCES = readFileSync(fixture('sentences.txt'), 'utf8').trim().split('\n');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s + '\n') });
  return { code, out, err };
}

/** On the raw logits ('logits raw'), where the additive closed form holds (probabilities would be their softmax). */
async function explain(args: string[], output = 'logits raw'): Promise<Attribution> {
  const { code, out, err } = await cli(['explain', ...args, '--output', output, '--json']);
  assert.equal(code, 0, err);
  return JSON.parse(out) as Attribution;
}

function sidecar(name: string, body: object): string {
  const file = path.join(tmp, name);
  writeFileSync(file, JSON.stringify(body));
  return file;
}

/** Words as a reader splits them (runs of letters, each punctuation mark alone), lower-cased as BERT uncased. */
const words = (s: string) => s.toLowerCase().match(/[a-z]+|[^\sa-z]/g) ?? [];

/** The closed form: a unit's tokens each add w[token] - w[what it becomes hidden] to logit 1 (and minus that to logit 0). */
function closedForm(unit: string, hidden: number): number {
  return library.tokenize(unit).reduce((s, t) => s + W[t] - hidden, 0);
}

function assertClose(actual: number, expected: number, tolerance: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
}

/** Each row's values sum to prediction - the row's base, per target. */
function assertEfficient(a: Attribution, tolerance = 1e-5): void {
  a.values.forEach((row, r) => {
    a.targets![r].forEach((t, k) => {
      const sum = row.reduce((s, v) => s + v[k], 0);
      assertClose(sum, a.predictions[r][t] - a.row_base_values![r][t], tolerance, `row ${r} target ${t}`);
    });
  });
}

/** Every unit of every row against the closed form, for whichever logit each row explains. */
function assertClosedForm(a: Attribution, hidden: number, tolerance = 1e-5): void {
  a.values.forEach((row, r) => {
    a.targets![r].forEach((t, k) => {
      row.forEach((v, u) => {
        const expected = (t === 1 ? 1 : -1) * closedForm(a.tokens![r][u], hidden);
        assertClose(v[k], expected, tolerance, `row ${r} unit ${u} '${a.tokens![r][u]}' target ${t}`);
      });
    });
  });
}

describe('text explanations (CLI job, real onnxruntime, a real tokenizer.json)', function () {
  this.timeout(120_000);

  it('auto picks exact for short texts; the words, values, bases and predictions follow the closed form', async () => {
    const a = await explain([fixture('additive.onnx'), '--data', fixture('sentences.txt')]);
    assert.equal(a.kind, 'text');
    assert.equal(a.method, 'exact');
    assert.deepEqual(a.rows, [0, 1, 2, 3, 4]);
    assert.deepEqual(a.output_columns, ['negative', 'positive']);
    assert.deepEqual(
      a.tokens,
      SENTENCES.map((s) => words(s)),
    );
    assert.equal(a.tokens![2][1], 'unbelievable'); // three sub-tokens, one unit
    SENTENCES.forEach((s, r) => {
      const ids = library.encode(s).tokens;
      const score = BIAS + ids.reduce((acc, t) => acc + W[t], 0);
      assertClose(a.predictions[r][1], score, 1e-5, `prediction ${r}`);
      // Every word hidden: [CLS] [MASK]... [SEP], padding unattended.
      const empty = BIAS + W['[CLS]'] + W['[SEP]'] + (ids.length - 2) * W['[MASK]'];
      assertClose(a.row_base_values![r][1], empty, 1e-5, `base ${r}`);
      assert.deepEqual(a.targets![r], [score >= 0 ? 1 : 0]);
    });
    assertClosedForm(a, W['[MASK]']);
    assertEfficient(a);
    assert.equal(a.faithfulness!.length, 5);
    assert.equal(a.values[1].length, a.tokens![1].length);
  });

  for (const method of ['partition', 'kernel', 'permutation'] as const) {
    it(`${method} gives the closed form too (an additive model has no interactions to approximate)`, async () => {
      const a = await explain([fixture('additive.onnx'), '--data', fixture('sentences.txt'), '--method', method]);
      assert.equal(a.method, method);
      assertClosedForm(a, W['[MASK]'], 1e-4);
      assertEfficient(a, 1e-4);
    });
  }

  it("the pad masker (sidecar text.masker) hides a word with attention 0: its value is its tokens' weights", async () => {
    const side = sidecar('pad.lens.json', { text: { masker: 'pad', tokenizer: fixture('tokenizer.json') } });
    const a = await explain([fixture('additive.onnx'), '--data', fixture('sentences.txt'), '--sidecar', side]);
    assertClosedForm(a, 0);
    assertEfficient(a);
    SENTENCES.forEach((_, r) => assertClose(a.row_base_values![r][1], BIAS + W['[CLS]'] + W['[SEP]'], 1e-5, `${r}`));
  });

  it('--units tokens attributes sub-tokens one by one', async () => {
    const a = await explain([
      fixture('additive.onnx'),
      '--text',
      'An unbelievable, boring story.',
      '--units',
      'tokens',
    ]);
    assert.deepEqual(a.tokens, [['an', 'un', '##believ', '##able', ',', 'boring', 'story', '.']]);
    a.tokens![0].forEach((t, u) =>
      assertClose(a.values[0][u][0], (a.targets![0][0] === 1 ? 1 : -1) * (W[t] - W['[MASK]']), 1e-5, t),
    );
  });

  it('exact equals brute force over every ordering of the words on a model whose words interact', async () => {
    const text = 'Really awful ending and dull characters.';
    const a = await explain(
      [fixture('interacting.onnx'), '--text', text, '--tokenizer', fixture('tokenizer.json'), '--classes', '2'],
      'scores',
    );
    assert.equal(a.method, 'exact');
    const units = words(text);
    assert.deepEqual(a.tokens, [units]);
    // The reference builds its own rows: each word's tokens from the library, hidden ones as [MASK].
    const pieces = units.map((u) => library.tokenize(u).map((t) => library.token_to_id(t)!));
    const cls = library.token_to_id('[CLS]')!;
    const sep = library.token_to_id('[SEP]')!;
    const mask = library.token_to_id('[MASK]')!;
    const m = units.length;
    const rows: number[][] = [];
    for (let z = 0; z < 1 << m; z++) {
      rows.push([cls, ...pieces.flatMap((p, u) => (z & (1 << u) ? p : p.map(() => mask))), sep]);
    }
    const t = rows[0].length;
    const backend = await OrtBackend.create(fixture('interacting.onnx'));
    const out = await backend.run(
      {
        input_ids: { type: 'int64', dims: [rows.length, t], data: BigInt64Array.from(rows.flat(), (v) => BigInt(v)) },
        attention_mask: { type: 'int64', dims: [rows.length, t], data: new BigInt64Array(rows.length * t).fill(1n) },
      },
      ['scores'],
    );
    await backend.dispose();
    const scores = out.scores.data as Float32Array;
    const f = (z: Float64Array) => {
      const index = Array.from(z).reduce((s, v, u) => s + (v ? 1 << u : 0), 0);
      return [scores[2 * index], scores[2 * index + 1]];
    };
    const reference = shapleyByOrderings(f, new Float64Array(m).fill(1), [new Float64Array(m)]);
    a.targets![0].forEach((col, k) =>
      reference.forEach((phi, u) => assertClose(a.values[0][u][k], phi[col], 1e-5, `${units[u]} column ${col}`)),
    );
    assert.deepEqual([...a.targets![0]].sort(), [0, 1]);
    assertEfficient(a);
  });

  it("lime uses the lime package's text defaults and ranks the planted words as the closed form does", async () => {
    const a = await explain([fixture('additive.onnx'), '--text', SENTENCES[1], '--method', 'lime']);
    assert.equal(a.method, 'lime');
    const m = a.tokens![0].length;
    // The prediction, the fully masked text, 5,000 samples (the row itself first, known) and the curves' inner points.
    assert.equal(a.evaluations, 1 + 1 + 4999 + 8 * (m - 1));
    const expected = a.tokens![0].map((u) => (a.targets![0][0] === 1 ? 1 : -1) * closedForm(u, W['[MASK]']));
    const got = a.values[0].map((v) => v[0]);
    const rank = (xs: number[]) => xs.map((x) => xs.filter((y) => y < x).length);
    assert.deepEqual(rank(got), rank(expected));
    got.forEach((g, u) => assertClose(g, expected[u], 0.05 * Math.max(...expected.map(Math.abs)), a.tokens![0][u]));
  });

  it('reads .jsonl and .csv text columns, and a sidecar beside the model with data, rows and text settings', async () => {
    const fromJsonl = await explain([fixture('additive.onnx'), '--data', fixture('sentences.jsonl'), '--rows', '1-2']);
    const fromCsv = await explain([fixture('additive.onnx'), '--data', fixture('sentences.csv'), '--rows', '1-2']);
    assert.deepEqual(fromJsonl.values, fromCsv.values);
    assert.deepEqual(fromJsonl.tokens, [words(SENTENCES[1]), words(SENTENCES[2])]);
    const model = path.join(tmp, 'beside.onnx');
    copyFileSync(fixture('additive.onnx'), model);
    copyFileSync(fixture('sentences.csv'), path.join(tmp, 'reviews.csv'));
    copyFileSync(fixture('tokenizer.json'), path.join(tmp, 'tokenizer.json'));
    writeFileSync(`${model}.lens.json`, JSON.stringify({ data: 'reviews.csv', rows: '2', text: { column: 'review' } }));
    const a = await explain([model]);
    assert.deepEqual(a.values, [fromCsv.values[1]]);
  });

  it('pads to the fixed length of a model that fixes it, and cuts longer texts there (the special tokens kept)', async () => {
    const long = 'the movie was good and the acting was great and the plot was fun and the ending was good';
    const { code, out, err } = await cli([
      'explain',
      fixture('additive_fixed16.onnx'),
      '--text',
      long,
      '--tokenizer',
      fixture('tokenizer.json'),
      '--output',
      'logits raw',
      '--json',
    ]);
    assert.equal(code, 0, err);
    assert.match(err, /1 of 1 texts were cut to 16 tokens/);
    const a = JSON.parse(out) as Attribution;
    assert.deepEqual(a.tokens, [words(long).slice(0, 14)]);
    assertClosedForm(a, W['[MASK]']);
    const short = await explain([
      fixture('additive_fixed16.onnx'),
      '--text',
      'I loved it',
      '--tokenizer',
      fixture('tokenizer.json'),
    ]);
    assertClosedForm(short, W['[MASK]']);
  });

  it('plans the model rows a run takes, with kind text and the masker in the notes', async () => {
    const env = {
      readFile: (f: string) => Promise.resolve(readFileSync(f)),
      backend: (m: string) => OrtBackend.create(m),
    };
    for (const method of ['exact', 'lime'] as const) {
      const settings = {
        data: fixture('sentences.txt'),
        method,
        rows: '0-2',
        output: 'logits raw',
        text: { units: 'tokens' as const },
      };
      const plan = await planExplainJob(env, fixture('additive.onnx'), settings);
      const a = await explain([
        fixture('additive.onnx'),
        '--data',
        settings.data,
        '--method',
        method,
        '--rows',
        '0-2',
        '--units',
        'tokens',
      ]);
      assert.equal(plan.kind, 'text');
      assert.equal(plan.evaluations, a.evaluations, method);
      assert.deepEqual(plan.notes, ['hidden tokens become the mask token [MASK]']);
      assert.ok(plan.etaSeconds! > 0);
    }
  });

  it('says where it looked for a missing tokenizer, and names a wrong method or data line in one line', async () => {
    // Two folders deep, so neither the model's folder nor its parent holds a tokenizer.json.
    const model = path.join(mkdtempSync(path.join(os.tmpdir(), 'lens-alone-')), 'onnx', 'alone.onnx');
    mkdirSync(path.dirname(model));
    copyFileSync(fixture('additive.onnx'), model);
    const missing = await cli(['explain', model, '--text', 'good']);
    assert.notEqual(missing.code, 0);
    assert.match(
      missing.err,
      /alone\.onnx is a text model and needs its tokenizer: no tokenizer\.json at \S*lens-alone-\w+\/onnx\/tokenizer\.json or \S*lens-alone-\w+\/tokenizer\.json; name one with --tokenizer/,
    );
    const occlusion = await cli(['explain', fixture('additive.onnx'), '--text', 'good', '--method', 'occlusion']);
    assert.match(occlusion.err, /the occlusion method does not explain text/);
    const bad = path.join(tmp, 'bad.jsonl');
    writeFileSync(bad, '{"text": "fine"}\n{"text": ""}\n');
    const line = await cli(['explain', fixture('additive.onnx'), '--data', bad]);
    assert.match(line.err, /bad\.jsonl: line 2, field "text": is empty/);
    assert.equal(line.err.trim().split('\n').length, 1, line.err);
  });
});
