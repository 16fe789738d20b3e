// The image, text and sequence blocks share one reader: valid fields kept, each bad or unknown field named once.
import assert from 'node:assert/strict';
import { parseImageSettings } from '../../../src/protocol/imageSettings';
import { parseSequenceSettings } from '../../../src/protocol/sequenceSettings';
import { parseBlock } from '../../../src/protocol/settingsBlock';
import { parseTextSettings } from '../../../src/protocol/textSettings';

describe('sidecar settings blocks', () => {
  it('keeps valid fields and names the invalid and unknown ones with the block and its field list', () => {
    const checks = { size: (v: unknown) => (v === 1 ? undefined : 'must be 1'), name: () => undefined };
    const r = parseBlock<{ size: number; name: string }>('image', { size: 2, name: 'x', extra: true }, checks);
    assert.deepEqual(r.block, { name: 'x' });
    assert.deepEqual(r.problems, [
      'field "image.size" must be 1',
      'field "image.extra" is not an image setting (size, name)',
    ]);
    assert.deepEqual(parseBlock('text', [], checks), { block: {}, problems: ['field "text" must be an object'] });
  });

  it('reads each block through it, with the block named in every problem', () => {
    const image = parseImageSettings({ layout: 'NHWC', size: 'big', colour: 1 });
    assert.deepEqual(image.image, { layout: 'NHWC' });
    assert.equal(image.problems.length, 2);
    assert.match(image.problems[1], /^field "image\.colour" is not an image setting \(.*layout.*\)$/);
    const text = parseTextSettings({ tokenizer: 'tokenizer.json', sentence: 'hi' });
    assert.deepEqual(text.text, { tokenizer: 'tokenizer.json' });
    assert.match(text.problems[0], /^field "text\.sentence" is not a text setting \(tokenizer, /);
    const sequence = parseSequenceSettings({ window: 0, masker: 'zero' });
    assert.deepEqual(sequence.sequence, { masker: 'zero' });
    assert.match(sequence.problems[0], /^field "sequence\.window" /);
    assert.deepEqual(parseSequenceSettings(3), { sequence: {}, problems: ['field "sequence" must be an object'] });
  });
});
