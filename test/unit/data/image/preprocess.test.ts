// The sidecar's image block -> preprocessing: defaults, presets per channel order, overrides, and one-line errors
// that name the file and the field.

import assert from 'node:assert/strict';
import type { ImageSettings } from '../../../../src/protocol/explainTypes';
import { imageLayoutOf, type ImageLayout } from '../../../../src/engine/data/image/layout';
import { resolvePreprocessing } from '../../../../src/engine/data/image/preprocess';

const RGB = imageLayoutOf([1, 3, 224, 224]) as ImageLayout;
const GREY = imageLayoutOf([1, 1, 28, 28]) as ImageLayout;
const FREE = imageLayoutOf(['N', 3, 'H', 'W']) as ImageLayout;
const WHERE = 'net.onnx.lens.json';
const resolve = (s: ImageSettings | undefined, l = RGB) => resolvePreprocessing(s, l, WHERE);
const bad =
  (s: unknown, l = RGB) =>
  () =>
    resolvePreprocessing(s as ImageSettings, l, WHERE);

describe('image preprocessing settings', () => {
  it('defaults: the model size, stretch, RGB (L for one channel), scale 1/255, mean 0, std 1', () => {
    assert.deepEqual(resolve(undefined), {
      height: 224,
      width: 224,
      resize: 'stretch',
      channels: 'RGB',
      scale: 1 / 255,
      mean: [0, 0, 0],
      std: [1, 1, 1],
    });
    const g = resolve({}, GREY);
    assert.equal(g.channels, 'L');
    assert.deepEqual([g.height, g.width, g.mean, g.std], [28, 28, [0], [1]]);
  });

  it('presets give their numbers, reversed for BGR and averaged for one channel', () => {
    const imagenet = resolve({ preset: 'imagenet' });
    assert.deepEqual(
      [imagenet.scale, imagenet.mean, imagenet.std],
      [1 / 255, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]],
    );
    const bgr = resolve({ preset: 'imagenet', channels: 'BGR' });
    assert.deepEqual(
      [bgr.mean, bgr.std],
      [
        [0.406, 0.456, 0.485],
        [0.225, 0.224, 0.229],
      ],
    );
    const grey = resolve({ preset: 'imagenet' }, GREY);
    assert.ok(Math.abs(grey.mean[0] - (0.485 + 0.456 + 0.406) / 3) < 1e-15);
    assert.ok(Math.abs(grey.std[0] - (0.229 + 0.224 + 0.225) / 3) < 1e-15);
    const sym = resolve({ preset: 'symmetric' });
    assert.deepEqual([sym.scale, sym.mean, sym.std], [1 / 255, [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]);
    const unit = resolve({ preset: 'unit' });
    assert.deepEqual([unit.scale, unit.mean, unit.std], [1 / 255, [0, 0, 0], [1, 1, 1]]);
    const raw = resolve({ preset: 'raw' });
    assert.deepEqual([raw.scale, raw.mean, raw.std], [1, [0, 0, 0], [1, 1, 1]]);
  });

  it('explicit fields override the preset; one mean or std value applies to every channel', () => {
    const p = resolve({ preset: 'imagenet', mean: [0.5], scale: 1 / 127.5, resize: 'fit-pad' });
    assert.deepEqual(
      [p.scale, p.mean, p.std, p.resize],
      [1 / 127.5, [0.5, 0.5, 0.5], [0.229, 0.224, 0.225], 'fit-pad'],
    );
    assert.deepEqual(resolve({ std: [2, 3, 4] }).std, [2, 3, 4]);
  });

  it('a symbolic height or width needs image.size, and the error says so', () => {
    assert.throws(
      () => resolvePreprocessing({}, FREE, WHERE, { name: 'x', shape: ['N', 3, 'H', 'W'] }),
      (e: Error) =>
        e.message ===
        "net.onnx.lens.json: the model's input 'x' has a free height and width ([N,3,H,W]); set image.size [height, width] in the sidecar",
    );
    const half = imageLayoutOf([1, 3, 224, 'W']) as ImageLayout;
    assert.throws(() => resolvePreprocessing({}, half, WHERE), /free width; set image\.size/);
    assert.deepEqual(
      [
        resolvePreprocessing({ size: [120, 160] }, FREE, WHERE).height,
        resolvePreprocessing({ size: [120, 160] }, FREE, WHERE).width,
      ],
      [120, 160],
    );
  });

  it('validates every field with a message naming it', () => {
    const cases: [unknown, RegExp, ImageLayout?][] = [
      [{ size: [224, 0] }, /^net\.onnx\.lens\.json: image\.size is \[224,0\]; .*positive/],
      [{ size: [224] }, /image\.size .*\[height, width\]/],
      [{ size: [256, 256] }, /image\.size is \[256, 256\] but the model's input is 224x224/],
      [{ resize: 'crop' }, /image\.resize is "crop"; use one of "stretch", "shorter-side-then-center-crop", "fit-pad"/],
      [{ channels: 'RGBA' }, /image\.channels is "RGBA"/],
      [{ channels: 'L' }, /image\.channels is "L" but the model takes 3 channels/],
      [{ channels: 'RGB' }, /image\.channels is "RGB" but the model takes 1 channel; use "L"/, GREY],
      [{ channels: 'BGR' }, /image\.channels is "BGR" but the model takes 1 channel/, GREY],
      [{ scale: 0 }, /image\.scale is 0; it must be a positive number/],
      [{ scale: 'x' }, /image\.scale is "x"/],
      [{ mean: [0.1, 0.2] }, /image\.mean has 2 values but the model takes 3 channels; give 1 or 3/],
      [{ std: [1, 2, 3] }, /image\.std has 3 values but the model takes 1 channel; give one value/, GREY],
      [{ std: [1, 0, 1] }, /image\.std\[1\] is 0; a standard deviation must be non-zero/],
      [{ mean: ['a'] }, /image\.mean is \["a"\]; it must be a list of numbers/],
      [{ preset: 'coco' }, /image\.preset is "coco"; use one of "imagenet", "unit", "symmetric", "raw"/],
      [{ layout: 'CHW' }, /image\.layout is "CHW"/],
    ];
    for (const [settings, message, layout] of cases) {
      assert.throws(
        bad(settings, layout),
        (e: Error) => message.test(e.message) && e.message.startsWith(WHERE),
        JSON.stringify(settings),
      );
    }
  });
});
