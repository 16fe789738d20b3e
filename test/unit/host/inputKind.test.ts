// The form's early guess of the explained input's kind (the text box shows for text models before any run).

import assert from 'node:assert/strict';
import { guessInputKind } from '../../../src/host/explain/inputKind';
import type { ModelIo } from '../../../src/protocol/messages';

const io = (name: string, elementType: string, shape: (number | string)[]): ModelIo => ({
  name,
  isTensor: true,
  elementType,
  shape,
});

describe("the form's guess of the input kind", () => {
  it('a sidecar block names the kind; else token ids are text and 1- or 3-channel float pictures are images', () => {
    const bert = [io('input_ids', 'int64', ['batch', 'seq']), io('attention_mask', 'int64', ['batch', 'seq'])];
    assert.equal(guessInputKind(bert, {}), 'text');
    assert.equal(guessInputKind([io('pixel_values', 'float32', ['N', 3, 224, 224])], {}), 'image');
    assert.equal(guessInputKind([io('x', 'float32', ['N', 28, 28, 1])], {}), 'image');
    assert.equal(guessInputKind([io('float_input', 'float32', ['N', 13])], {}), undefined);
    // An int64 [N, 13] table is not text, nor a [N, 4, 8, 8] float block an image.
    assert.equal(guessInputKind([io('codes', 'int64', ['N', 13])], {}), undefined);
    assert.equal(guessInputKind([io('x', 'float32', ['N', 4, 8, 8])], {}), undefined);
    assert.equal(guessInputKind([io('x', 'float32', ['N', 128])], { sequence: { window: 4 } }), 'sequence');
    assert.equal(guessInputKind([io('ids', 'int64', ['N', 'T'])], { text: { tokenizer: 'tok.json' } }), 'text');
  });
});
