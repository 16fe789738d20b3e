// Seeded fuzzing of tokenizer.json (through @huggingface/tokenizers) and of the text example files: every case ends
// in tokens or texts, or in a one-line error naming the file, each within the fuzz bound.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readTexts } from '../../../src/engine/data/text/readTexts';
import { loadTokenizer } from '../../../src/engine/data/text/tokenizer';
import { seeded } from '../onnx/build';
import { mutateBytes, mutateJson, mutateText, runCase, type Tally } from './mutate';

const TEXT = path.resolve(__dirname, '../../fixtures/text');
const SENTENCES = [
  'The movie was great!',
  'unbelievable, boring story',
  '',
  'ça va ? 😀 [MASK] [PAD]',
  'a '.repeat(300),
];
const CONFIG = { mask_token: '[MASK]', pad_token: { content: '[PAD]' }, model_max_length: 512 };

/** Loads and uses the tokenizer the way a text job does: every example encoded, cut, and decoded back. */
function useTokenizer(json: unknown, config: unknown): void {
  const tok = loadTokenizer(json, config, 'tokenizer.json');
  for (const text of SENTENCES) {
    for (const max of [8, tok.maxLength ?? 512]) {
      const e = tok.encode(text, max);
      assert.equal(e.ids.length, e.tokens.length);
      assert.equal(e.wordOf.length, e.tokens.length);
      assert.ok(e.ids.every(Number.isInteger), 'ids are integers');
      tok.decode(e.ids);
    }
  }
}

/** Seeds that found bugs, replayed first. */
const TOKENIZER_REGRESSIONS = [
  40031, // an added token's id of false reached the model's input ids (tokenizer.ts now checks every id is a whole number)
  40053, // a token that is not a string leaked the library's TypeError (tokenizer.ts now wraps library calls)
];

describe('tokenizer.json fuzz (seeded)', function () {
  this.timeout(60_000);

  it('turns corrupted tokenizer.json and tokenizer_config.json into a tokenizer or a one-line error naming the file', async () => {
    const text = readFileSync(path.join(TEXT, 'tokenizer.json'), 'utf8');
    const doc = JSON.parse(text) as Parameters<typeof mutateJson>[0];
    const tally: Tally = { results: 0, errors: 0, worstMs: 0 };
    const cases = [...TOKENIZER_REGRESSIONS, ...Array.from({ length: 1500 }, (_, i) => 40_000 + i)];
    for (const seed of cases) {
      const random = seeded(seed);
      const roll = random();
      await runCase(tally, `tokenizer seed ${seed}`, 'tokenizer.json', () => {
        if (roll < 0.15) {
          // Text corruption: what the job does with text that may no longer be JSON.
          let json: unknown;
          try {
            json = JSON.parse(mutateText(text, random));
          } catch {
            throw new Error('tokenizer.json is not JSON');
          }
          useTokenizer(json, CONFIG);
        } else if (roll < 0.3) {
          useTokenizer(doc, mutateJson(CONFIG, random));
        } else {
          let json = mutateJson(doc, random);
          if (random() < 0.5) json = mutateJson(json, random);
          useTokenizer(json, random() < 0.5 ? CONFIG : undefined);
        }
      });
    }
    if (process.env.FUZZ_TALLY) console.log(JSON.stringify(tally));
    assert.ok(tally.results > 300 && tally.errors > 100, JSON.stringify(tally));
  });
});

describe('text example file fuzz (seeded)', function () {
  this.timeout(30_000);

  it('turns corrupted .txt, .jsonl, .json and .csv examples into texts or a one-line error naming the file', async () => {
    const files = ['sentences.txt', 'sentences.jsonl', 'sentences.csv'].map((f) => ({
      name: f,
      bytes: new Uint8Array(readFileSync(path.join(TEXT, f))),
    }));
    const list = readTexts(files[1].bytes, 'sentences.jsonl').texts;
    files.push({ name: 'list.json', bytes: new TextEncoder().encode(JSON.stringify(list.map((t) => ({ text: t })))) });
    const tally: Tally = { results: 0, errors: 0, worstMs: 0 };
    for (let seed = 45_000; seed < 46_500; seed++) {
      const random = seeded(seed);
      const file = files[seed % files.length];
      const bytes =
        random() < 0.2
          ? mutateBytes(file.bytes, random)
          : new TextEncoder().encode(mutateText(new TextDecoder().decode(file.bytes), random));
      const column = random() < 0.2 ? 'review' : undefined;
      await runCase(tally, `text seed ${seed} (${file.name})`, file.name, () => {
        const t = readTexts(bytes, file.name, column);
        assert.equal(t.texts.length, t.lines.length);
        assert.ok(t.texts.every((s) => typeof s === 'string'));
      });
    }
    if (process.env.FUZZ_TALLY) console.log(JSON.stringify(tally));
    assert.ok(tally.results > 300 && tally.errors > 100, JSON.stringify(tally));
  });
});
