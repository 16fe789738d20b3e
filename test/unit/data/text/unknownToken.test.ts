// A word outside the vocabulary becomes the model's unknown token (tokenizer.json's model.unk_token), whatever
// the model type: the library sets unk_token_id for WordPiece and BPE but not for WordLevel.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadTokenizer } from '../../../../src/engine/data/text/tokenizer';

const TEXT = path.resolve(__dirname, '../../../fixtures/text');
type Json = Record<string, unknown> & { model: Record<string, unknown> & { vocab: Record<string, number> } };
const wordLevel = JSON.parse(readFileSync(path.join(TEXT, 'wordlevel_tokenizer.json'), 'utf8')) as Json;
const vocab = wordLevel.model.vocab;

/** The same tokenizer with another model over the same vocabulary. */
const withModel = (model: Record<string, unknown>): Json => ({
  ...wordLevel,
  model: { vocab, unk_token: '[UNK]', ...model } as Json['model'],
});

const tokenizers: Record<string, Json> = {
  WordLevel: wordLevel,
  WordPiece: withModel({ type: 'WordPiece', continuing_subword_prefix: '##', max_input_chars_per_word: 100 }),
  // merges: [] keeps whole words only when ignore_merges looks them up first, as tokenizers' BPE does.
  BPE: withModel({ type: 'BPE', merges: [], ignore_merges: true, fuse_unk: false, byte_fallback: false }),
};

describe('the unknown token', () => {
  for (const [type, json] of Object.entries(tokenizers)) {
    it(`${type}: a word outside the vocabulary gets [UNK]'s id, every other token its own`, () => {
      const tok = loadTokenizer(json, undefined, 'tokenizer.json');
      const e = tok.encode('A good zebra movie.', 64);
      // Every token's id by looking it up in the file's vocabulary, [UNK]'s for the rest.
      const want = e.tokens.map((t) => vocab[t] ?? vocab['[UNK]']);
      assert.deepEqual(e.ids, want);
      assert.ok(e.ids.includes(vocab['[UNK]']), `"zebra" is out of the vocabulary: ${e.tokens.join(' ')}`);
      // BPE gives an unknown piece per character it cannot place ("zebr" of "zebra"); the words stay five.
      assert.equal(new Set(e.wordOf.filter((w) => w >= 0)).size, 5, `five words: ${e.tokens.join(' ')}`);
    });
  }

  it('a tokenizer without an unknown token names the file and the word it cannot encode', () => {
    const { unk_token: _unk, ...model } = wordLevel.model;
    const tok = loadTokenizer({ ...wordLevel, model }, undefined, 'mine.json');
    assert.throws(() => tok.encode('a zebra', 64), /^Error: mine\.json: the token "zebra" has no id/);
  });
});
