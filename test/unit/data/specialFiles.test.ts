// Files that never end or never answer (/dev/zero, a symlink to it, a FIFO, a folder holding one), a tokenizer.json
// that pads to a billion tokens and a text of 20,000 words: each is refused with one line naming the file (or, for
// the text, cut with a note) at once, through the engine's jobs as the CLI and the host's worker run them.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { cliEnvironment } from '../../../src/cli/jobEnv';
import { diskFolders } from '../../../src/engine/data/listDir';
import { readGuarded, SIZE_LIMITS } from '../../../src/engine/data/readGuard';
import { planExplainJob, runExplainJob } from '../../../src/engine/commands/explainJob';
import { readModelFile } from '../../../src/engine/onnx/loadFile';
import { ExplainService } from '../../../src/engine/worker/explainService';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import type { ExplainSettings } from '../../../src/protocol/explainTypes';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-special-'));
const at = (name: string) => path.join(tmp, name);

/** The environment the host's worker gives the jobs (its readFile and folders are the CLI's too). */
const env = new ExplainService((m) => OrtBackend.create(m), { progress: () => {}, partial: () => {} }).environment(
  'special-files',
  { isCancellationRequested: false },
);

/** Settings as a run asks for them: the method chosen by the engine, no data file unless given. */
const ask = (s: Partial<ExplainSettings>): ExplainSettings => ({ data: '', method: 'auto', ...s });

const fifo = (p: string) => {
  const r = spawnSync('mkfifo', [p]);
  assert.equal(r.status, 0, String(r.stderr));
};

/** Runs `job` and gives its rejection's message, with how much the process grew meanwhile. */
async function refusal(job: () => Promise<unknown>): Promise<{ message: string; grewMb: number }> {
  const before = process.memoryUsage().rss;
  let message = '';
  await job().then(
    () => assert.fail('expected a refusal'),
    (e: unknown) => (message = e instanceof Error ? e.message : String(e)),
  );
  return { message, grewMb: (process.memoryUsage().rss - before) / 2 ** 20 };
}

const WINE = path.join(FIXTURES, 'models', 'mlp_wine.onnx');
const PICTURES = path.join(FIXTURES, 'models', 'quadrant_cnn.onnx');
const TEXT_MODEL = path.join(FIXTURES, 'text', 'additive.onnx');
const TOKENIZER = JSON.parse(readFileSync(path.join(FIXTURES, 'text', 'tokenizer.json'), 'utf8')) as Record<
  string,
  unknown
>;

before(() => {
  symlinkSync('/dev/zero', at('zero.csv'));
  fifo(at('pipe.csv'));
  mkdirSync(at('pictures'));
  fifo(at('pictures/pipe.png'));
  symlinkSync('/dev/zero', at('pictures/zero.png'));
  copyFileSync(path.join(FIXTURES, 'images', 'scene_64x64.png'), at('pictures/scene.png'));
  mkdirSync(at('pictures/more'));
  mkdirSync(at('only-a-pipe'));
  fifo(at('only-a-pipe/pipe.png'));
});

after(() => rmSync(tmp, { recursive: true, force: true }));

describe('the guarded reader', function () {
  // A refusal needs no reading: a second is plenty on a busy machine; a read of /dev/zero or a FIFO never ends.
  this.timeout(2000);

  it('reads a regular file whole, its bytes as written', async () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31 + 7) % 256);
    writeFileSync(at('bytes.bin'), bytes);
    assert.deepEqual(new Uint8Array(await readGuarded(at('bytes.bin'))), bytes);
  });

  it('refuses /dev/zero, a symlink to it and a FIFO without opening them', async () => {
    for (const [file, name, what] of [
      ['/dev/zero', 'zero', 'a character device'],
      [at('zero.csv'), 'zero.csv', 'a character device'],
      [at('pipe.csv'), 'pipe.csv', 'a FIFO'],
      [tmp, path.basename(tmp), 'a directory'],
    ]) {
      const { message, grewMb } = await refusal(() => readGuarded(file));
      assert.ok(message.startsWith(`${name}: is ${what}`), message);
      assert.match(message, /not a regular file$/);
      assert.ok(grewMb < 64, `grew ${grewMb} MB`);
    }
  });

  it('refuses a file above its kind’s limit before allocating (a sparse file takes no disk)', async () => {
    const big = at('big.csv');
    writeFileSync(big, '');
    truncateSync(big, SIZE_LIMITS.table + 1);
    const { message, grewMb } = await refusal(() => readGuarded(big));
    assert.match(message, /^big\.csv: is 512\.1 MB, above the 512 MB Model Lens reads for data files$/);
    assert.ok(grewMb < 64, `grew ${grewMb} MB`);
  });

  it('lists folders without their FIFOs and devices, keeping pictures and subfolders', async () => {
    assert.deepEqual((await diskFolders.readDir(at('pictures'))).sort(), ['more', 'scene.png']);
  });

  it("is the CLI's job environment's reader", async () => {
    const cli = cliEnvironment({ stdout: () => {}, stderr: () => {} }, false);
    try {
      const { message } = await refusal(() => cli.readFile(at('pipe.csv')));
      assert.equal(message, 'pipe.csv: is a FIFO (named pipe), not a regular file');
    } finally {
      await cli.close();
    }
  });

  it('gives readModelFile the same check, in its own words', async () => {
    const { message } = await refusal(() => readModelFile(at('pipe.csv')));
    assert.match(message, /^cannot read '.*pipe\.csv': is a FIFO \(named pipe\), not a regular file$/);
  });
});

describe('bad data files through the explanation jobs', function () {
  this.timeout(10_000);

  it('a table model refuses /dev/zero, a symlink to it and a FIFO as data or background, naming the file', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ data: '/dev/zero' }, 'zero: is a character device'],
      [{ data: at('zero.csv') }, 'zero.csv: is a character device'],
      [{ data: at('pipe.csv') }, 'pipe.csv: is a FIFO'],
      [{ data: path.join(FIXTURES, 'data', 'wine.csv'), background: at('pipe.csv') }, 'pipe.csv: is a FIFO'],
    ];
    for (const [settings, expected] of cases) {
      const { message, grewMb } = await refusal(() => runExplainJob(env, WINE, ask(settings)));
      assert.ok(message.includes(expected), message);
      assert.ok(grewMb < 64, `grew ${grewMb} MB`);
    }
  });

  it('a picture folder holding a FIFO and a /dev/zero symlink explains its one picture', async () => {
    const plan = await planExplainJob(env, PICTURES, ask({ data: at('pictures') }));
    assert.equal(plan.explainedRows, 1);
  });

  it('a folder holding only a FIFO has no pictures; the FIFO named as data is refused', async () => {
    const none = await refusal(() => planExplainJob(env, PICTURES, ask({ data: at('only-a-pipe') })));
    assert.match(none.message, /only-a-pipe: is a folder with no \.png/);
    const named = await refusal(() => planExplainJob(env, PICTURES, ask({ data: at('only-a-pipe/pipe.png') })));
    assert.match(named.message, /pipe\.png: is a FIFO \(named pipe\), not a regular file/);
  });

  it('a FIFO tokenizer.json is named, not passed over as missing', async () => {
    const { message } = await refusal(() =>
      planExplainJob(env, TEXT_MODEL, ask({ text: { sentence: 'good movie', tokenizer: at('pipe.csv') } })),
    );
    assert.match(message, /pipe\.csv: is a FIFO/);
  });
});

describe('token lengths from a tokenizer.json and a typed text', function () {
  this.timeout(30_000);

  const tokenizerWith = (name: string, extra: Record<string, unknown>, config?: object) => {
    mkdirSync(at(name));
    writeFileSync(at(`${name}/tokenizer.json`), JSON.stringify({ ...TOKENIZER, ...extra }));
    if (config) writeFileSync(at(`${name}/tokenizer_config.json`), JSON.stringify(config));
    return at(`${name}/tokenizer.json`);
  };
  const fixedPadding = (n: number) => ({
    padding: { strategy: { Fixed: n }, direction: 'Right', pad_id: 0, pad_type_id: 0, pad_token: '[PAD]' },
  });
  const truncation = (n: number) => ({
    truncation: { direction: 'Right', max_length: n, strategy: 'LongestFirst', stride: 0 },
  });

  it('refuses padding.strategy.Fixed of 200,000 and 1e9 and truncation.max_length of 1e9, naming the field', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [
        'fixed200k',
        fixedPadding(200_000),
        /tokenizer\.json: padding\.strategy\.Fixed is 200000, above the 8192 tokens/,
      ],
      ['fixed1e9', { ...fixedPadding(1e9), ...truncation(1e9) }, /padding\.strategy\.Fixed is 1000000000, above/],
      ['trunc1e9', truncation(1e9), /tokenizer\.json: truncation\.max_length is 1000000000, above the 8192 tokens/],
      ['fraction', fixedPadding(2.5), /padding\.strategy\.Fixed is 2\.5, not a whole number of tokens/],
    ];
    for (const [name, extra, expected] of cases) {
      const tokenizer = tokenizerWith(name, extra);
      const { message, grewMb } = await refusal(() =>
        planExplainJob(env, TEXT_MODEL, ask({ text: { sentence: 'good movie', tokenizer } })),
      );
      assert.match(message, expected);
      assert.ok(grewMb < 64, `grew ${grewMb} MB`);
    }
  });

  it("bounds by tokenizer_config.json's model_max_length when it gives one", async () => {
    const tokenizer = tokenizerWith('configured', fixedPadding(200), { model_max_length: 128 });
    const { message } = await refusal(() =>
      planExplainJob(env, TEXT_MODEL, ask({ text: { sentence: 'good movie', tokenizer } })),
    );
    assert.match(message, /Fixed is 200, above the 128 tokens tokenizer_config\.json's model_max_length allows/);
  });

  it('accepts a Fixed padding within the limit', async () => {
    const tokenizer = tokenizerWith('fixed40', fixedPadding(40));
    const out = await runExplainJob(
      env,
      TEXT_MODEL,
      ask({ text: { sentence: 'good movie', tokenizer }, method: 'exact' }),
    );
    assert.deepEqual(out.attribution.tokens, [['good', 'movie']]);
  });

  it('a typed text of 20,000 words is cut to the first 510 tokens with a note, and the result adds up', async () => {
    const sentences = readFileSync(path.join(FIXTURES, 'text', 'sentences.txt'), 'utf8')
      .trim()
      .split('\n');
    const words: string[] = [];
    for (let i = 0; words.length < 20_000; i++) words.push(...sentences[i % sentences.length].split(' '));
    const sentence = words.slice(0, 20_000).join(' ');
    const settings = { text: { sentence, units: 'tokens' as const }, method: 'permutation' as const, samples: 2 };
    const out = await runExplainJob(env, TEXT_MODEL, ask(settings));
    // 512 tokens, [CLS] and [SEP] among them; the library's own tokens of the text's start are the units.
    const library = new Tokenizer(TOKENIZER, {});
    const expected = library.tokenize(words.slice(0, 1000).join(' '), { add_special_tokens: false }).slice(0, 510);
    assert.deepEqual(out.attribution.tokens, [expected]);
    assert.ok(
      out.plan.notes.some((n) => n === '1 of 1 texts were cut to 512 tokens'),
      out.plan.notes.join(' | '),
    );
    const a = out.attribution;
    const sum = a.values[0].reduce((s, v) => s + v[0], 0);
    const target = a.predictions[0][a.targets![0][0]] - a.row_base_values![0][a.targets![0][0]];
    assert.ok(Math.abs(sum - target) < 1e-4, `${sum} vs ${target}`);
  });
});

describe('the built CLI (dist/cli.js) on bad inputs', function () {
  this.timeout(30_000);
  const run = (args: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8', timeout: 20_000 });

  it('exits 2 with one line naming a FIFO data file', () => {
    const r = run(['explain', WINE, '--data', at('pipe.csv')]);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim(), 'model-lens explain: pipe.csv: is a FIFO (named pipe), not a regular file');
  });

  it('exits 2 naming a FIFO given as --sidecar, and as the sidecar beside a model, for explain and profile', () => {
    fifo(at('pipe.lens.json'));
    for (const command of ['explain', 'profile']) {
      const r = run([
        command,
        WINE,
        '--data',
        path.join(FIXTURES, 'data', 'wine.csv'),
        '--sidecar',
        at('pipe.lens.json'),
      ]);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(
        r.stderr.trim(),
        `model-lens ${command}: pipe.lens.json: is a FIFO (named pipe), not a regular file`,
      );
    }
    copyFileSync(WINE, at('beside.onnx'));
    fifo(at('beside.onnx.lens.json'));
    const r = run(['explain', at('beside.onnx'), '--data', path.join(FIXTURES, 'data', 'wine.csv')]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /beside\.onnx\.lens\.json: is a FIFO/);
  });

  it('exits 2 on a --text of 20,000 words instead of onnxruntime crashing on the long command line', () => {
    const r = run(['explain', TEXT_MODEL, '--text', new Array<string>(20_000).fill('word').join(' ')]);
    assert.equal(r.signal, null);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^model-lens explain: the command line is too long \(--text holds 99999 characters/);
    assert.match(r.stderr, /pass --data FILE\n$/);
  });
});
