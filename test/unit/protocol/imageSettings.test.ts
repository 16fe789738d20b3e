// The sidecar's image block: each wrong field named, the right ones kept.

import assert from 'node:assert/strict';
import { parseSidecar } from '../../../src/engine/settings/sidecar';
import { parseImageSettings } from '../../../src/protocol/imageSettings';

describe('image settings', () => {
  it('keeps valid fields and names each invalid or unknown one', () => {
    const { image, problems } = parseImageSettings({
      size: [224, 224],
      preset: 'imagenet',
      resize: 'crop',
      std: [0.2, 0, 0.2],
      colour: 'RGB',
      channels: 'BGR',
    });
    assert.deepEqual(image, { size: [224, 224], preset: 'imagenet', channels: 'BGR' });
    assert.equal(problems.length, 3);
    assert.match(problems[0], /"image.resize" must be stretch, shorter-side-then-center-crop or fit-pad/);
    assert.match(problems[1], /"image.std" must be a list of one positive number/);
    assert.match(problems[2], /"image.colour" is not an image setting/);
  });

  it('is read from the sidecar with the file named', () => {
    const side = parseSidecar(
      JSON.stringify({ image: { size: [28, 0], channels: 'L' }, classes: 3, method: 'partition' }),
      'm.onnx.lens.json',
    );
    assert.deepEqual(side.image, { channels: 'L' });
    assert.equal(side.choices.classes, 3);
    assert.equal(side.choices.method, 'partition');
    assert.deepEqual(side.problems, [
      'm.onnx.lens.json: field "image.size" must be [height, width], two whole numbers from 1',
    ]);
    assert.match(parseSidecar('{"image": 3}', 'a.json').problems[0], /a.json: field "image" must be an object/);
  });
});
