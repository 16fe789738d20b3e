// Cutting a long text before tokenizing loses nothing that fits: for random texts and limits, the first tokens of the
// cut text are the first tokens of the whole text (the library's own tokenizer, brute force over many cases).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import {
  checkTokenizerLengths,
  DEFAULT_MAX_TOKENS,
  MAX_TOKENS_CEILING,
  textStart,
  tokenLimit,
} from '../../../../src/engine/data/text/lengthLimits';
import { seededRandom } from '../../../../src/engine/data/background';

const TOKENIZER = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../../fixtures/text/tokenizer.json'), 'utf8'),
) as Record<string, unknown>;
const library = new Tokenizer(TOKENIZER, {});
const tokens = (text: string) => library.tokenize(text, { add_special_tokens: false });

describe('text length limits', () => {
  it("keeps every token that fits: the cut text's first tokens are the whole text's", () => {
    const random = seededRandom(7);
    const pieces = ['good', 'movie', 'unbelievable', 'boring', '!', ',', 'the', 'xyzzy', '...', 'great!'];
    const gaps = [' ', '  ', '\n', '\t', ' \u00a0 '];
    for (let trial = 0; trial < 300; trial++) {
      const n = Math.floor(random() * 60);
      let text = '';
      for (let w = 0; w < n; w++) {
        text += pieces[Math.floor(random() * pieces.length)] + gaps[Math.floor(random() * gaps.length)];
      }
      const maxTokens = 1 + Math.floor(random() * 20);
      const start = textStart(text, maxTokens);
      assert.ok(text.startsWith(start.text), 'a prefix');
      assert.equal(start.cut, start.text.length < text.length);
      assert.deepEqual(tokens(start.text).slice(0, maxTokens), tokens(text).slice(0, maxTokens), JSON.stringify(text));
    }
  });

  it('cuts a text of a million words, or of one endless word, to a bounded start', () => {
    const words = textStart('good '.repeat(1_000_000), 512);
    assert.ok(words.cut && words.text.trim().split(/\s+/).length === 1024);
    const one = textStart('a'.repeat(10_000_000), 512);
    assert.ok(one.cut && one.text.length === 100 * 512);
  });

  it("takes model_max_length as the bound only when it is a real one (Transformers' 1e30 means none)", () => {
    assert.equal(tokenLimit(undefined).tokens, DEFAULT_MAX_TOKENS);
    assert.equal(tokenLimit({ model_max_length: 1e30 }).tokens, DEFAULT_MAX_TOKENS);
    assert.equal(tokenLimit({ model_max_length: 512 }).tokens, 512);
    assert.equal(tokenLimit({ model_max_length: 1e6 }).tokens, MAX_TOKENS_CEILING);
  });

  it('accepts lengths up to the bound and refuses one token more, naming the field', () => {
    const withFixed = (n: unknown) => ({ padding: { strategy: { Fixed: n } } });
    checkTokenizerLengths(withFixed(DEFAULT_MAX_TOKENS), undefined, 'tokenizer.json');
    checkTokenizerLengths({ padding: { strategy: 'BatchLongest' }, truncation: null }, undefined, 'tokenizer.json');
    assert.throws(
      () => checkTokenizerLengths(withFixed(DEFAULT_MAX_TOKENS + 1), undefined, 'tokenizer.json'),
      /^Error: tokenizer\.json: padding\.strategy\.Fixed is 8193, above the 8192 tokens/,
    );
    assert.throws(
      () => checkTokenizerLengths({ truncation: { max_length: -1 } }, undefined, 'tok.json'),
      /^Error: tok\.json: truncation\.max_length is -1, not a whole number of tokens$/,
    );
  });
});
