// The tokenizer.json fixture as @huggingface/tokenizers reads it (word boundaries, truncation that keeps the
// special tokens, mask and pad tokens), the text data formats with their errors, and the sidecar's text block.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { loadTokenizer } from '../../../../src/engine/data/text/tokenizer';
import { readTexts } from '../../../../src/engine/data/text/readTexts';
import { parseTextSettings } from '../../../../src/protocol/textSettings';

const TEXT = path.resolve(__dirname, '../../../fixtures/text');
const json = JSON.parse(readFileSync(path.join(TEXT, 'tokenizer.json'), 'utf8')) as Record<string, unknown>;
const bytes = (s: string) => new TextEncoder().encode(s);

describe('text tokenizer (tokenizer.json through @huggingface/tokenizers)', () => {
  const tok = loadTokenizer(json, undefined, 'tokenizer.json');

  it('encodes as the library does, with each word id on its sub-tokens and -1 on the template tokens', () => {
    const text = 'An unbelievable, boring story.';
    const e = tok.encode(text, 512);
    assert.deepEqual(e.tokens, ['[CLS]', 'an', 'un', '##believ', '##able', ',', 'boring', 'story', '.', '[SEP]']);
    assert.deepEqual(e.ids, new Tokenizer(json, {}).encode(text).ids);
    assert.deepEqual(e.wordOf, [-1, 0, 1, 1, 1, 2, 3, 4, 5, -1]);
    assert.equal(e.wordsFound, true);
    assert.equal(e.truncated, false);
    assert.equal(tok.decode(e.ids.slice(2, 5)), 'unbelievable');
  });

  it('finds the mask and pad tokens among the added tokens', () => {
    assert.deepEqual(tok.mask, { id: 4, token: '[MASK]' });
    assert.deepEqual(tok.pad, { id: 0, token: '[PAD]' });
    assert.equal(tok.maxLength, undefined);
  });

  it('truncates the text, never the special tokens, and reads truncation and padding from tokenizer.json', () => {
    const e = tok.encode('An unbelievable, boring story.', 5);
    assert.deepEqual(e.tokens, ['[CLS]', 'an', 'un', '##believ', '[SEP]']);
    assert.equal(e.truncated, true);
    const limited = loadTokenizer(
      {
        ...json,
        truncation: { direction: 'Right', max_length: 8, strategy: 'LongestFirst', stride: 0 },
        padding: { strategy: { Fixed: 8 }, direction: 'Right', pad_id: 0, pad_type_id: 0, pad_token: '[PAD]' },
      },
      { mask_token: { content: '[MASK]' } },
      'tokenizer.json',
    );
    assert.equal(limited.maxLength, 8);
    assert.equal(limited.padTo, 8);
    assert.equal(limited.mask?.id, 4);
  });

  it('names the file it cannot read', () => {
    assert.throws(
      () => loadTokenizer({ version: '1.0' }, undefined, 'mine.json'),
      /mine\.json is not a Hugging Face tokenizer\.json/,
    );
  });
});

describe('text data', () => {
  it('reads one example per line of a .txt file, skipping blank lines but keeping line numbers', () => {
    const t = readTexts(bytes('first one\n\nsecond\r\n'), 'a.txt');
    assert.deepEqual(t.texts, ['first one', 'second']);
    assert.deepEqual(t.lines, [1, 3]);
  });

  it('reads the only text field of .jsonl lines, or the named one', () => {
    const t = readTexts(readFileSync(path.join(TEXT, 'sentences.jsonl')), 'sentences.jsonl');
    assert.equal(t.column, 'review');
    assert.equal(t.texts[0], 'The movie was great!');
    assert.equal(readTexts(bytes('"plain"\n{"text": "x", "other": "y"}\n'), 'b.jsonl').texts[1], 'x');
    assert.throws(
      () => readTexts(bytes('{"a": "x", "b": "y"}\n'), 'c.jsonl'),
      /c\.jsonl: line 1: has no "text" field and several text fields \(a, b\)/,
    );
    assert.throws(() => readTexts(bytes('{"review": "ok"}\n{oops\n'), 'd.jsonl'), /d\.jsonl: line 2: is not JSON/);
    assert.throws(
      () => readTexts(bytes('{"review": "ok"}\n{"review": 3}\n'), 'e.jsonl'),
      /e\.jsonl: line 2, field "review": is number, not text/,
    );
  });

  it('reads the text column of a .csv file (quoted commas kept), and names a missing column or empty cell', () => {
    const t = readTexts(readFileSync(path.join(TEXT, 'sentences.csv')), 'sentences.csv');
    assert.equal(t.column, 'review');
    assert.equal(t.texts[1], 'This film is not good, but the acting was wonderful.');
    assert.deepEqual(t.lines, [2, 3, 4, 5, 6]);
    assert.throws(
      () => readTexts(bytes('a,b\nx,y\n'), 'f.csv', 'text'),
      /f\.csv: has no column "text" \(it has a, b\)/,
    );
    assert.throws(() => readTexts(bytes('text,n\nok,1\n,2\n'), 'g.csv'), /g\.csv: line 3, column "text": is empty/);
  });

  it('says which formats a text model reads', () => {
    assert.throws(() => readTexts(bytes('x'), 'h.parquet'), /h\.parquet: is not text data/);
  });
});

describe('sidecar text block', () => {
  it('keeps the right fields and names each wrong one', () => {
    const { text, problems } = parseTextSettings({
      tokenizer: 'tok.json',
      units: 'letters',
      masker: 'pad',
      maxLength: 1,
      inputs: { input_ids: 'ids', mask: 'm' },
      sentence: 'not from a file',
    });
    assert.deepEqual(text, { tokenizer: 'tok.json', masker: 'pad' });
    assert.deepEqual(problems, [
      'field "text.units" must be words or tokens',
      'field "text.maxLength" must be a whole number of tokens from 2',
      'field "text.inputs" has "mask", which is not a role (input_ids, attention_mask, token_type_ids, position_ids)',
      'field "text.sentence" is not a text setting (tokenizer, inputs, maxLength, masker, units, column)',
    ]);
  });
});
