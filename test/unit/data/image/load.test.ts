// Picture files -> model rows: every preset's numbers on a solid colour in closed form, channel order, luma,
// layouts, alpha and grey files, .npy tensors, the model's-eye view, and one-line errors naming the file.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImageSettings } from '../../../../src/protocol/explainTypes';
import { imageLayoutOf, type ImageLayout } from '../../../../src/engine/data/image/layout';
import {
  listImageFiles,
  loadImageNpy,
  loadImages,
  luma601,
  modelViewPixels,
  type ImageBatch,
} from '../../../../src/engine/data/image/load';
import { resolvePreprocessing } from '../../../../src/engine/data/image/preprocess';
import { decodeImage, encodePng } from '../../../../src/engine/data/image/codec';
import { greyPngOf, jpegOf, npyOf, pngOf } from './images';

const NCHW = imageLayoutOf([1, 3, 16, 16]) as ImageLayout;
const NHWC = imageLayoutOf([1, 16, 16, 3]) as ImageLayout;
const GREY = imageLayoutOf([1, 1, 16, 16]) as ImageLayout;
const ORANGE = pngOf(40, 30, () => [255, 128, 0]);

async function load(files: Record<string, Uint8Array>, settings: ImageSettings, layout = NCHW): Promise<ImageBatch> {
  const pre = resolvePreprocessing(settings, layout, 'test.lens.json');
  return loadImages(Object.keys(files), pre, layout, async (f) => files[f]);
}

/** Model channel c of pixel (x, y) in row `row`, in either layout. */
function at(b: ImageBatch, row: number, x: number, y: number, c: number): number {
  const p = y * b.width + x;
  const i = b.layout === 'NCHW' ? c * b.height * b.width + p : p * b.channels + c;
  return b.rows.values[row * b.rows.cols + i];
}

function assertSolid(b: ImageBatch, expected: number[]): void {
  assert.equal(b.rows.cols, expected.length * b.height * b.width);
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      expected.forEach((v, c) => assert.ok(Math.abs(at(b, 0, x, y, c) - v) < 1e-12, `(${x},${y}) channel ${c}`));
    }
  }
}

describe('image loading', () => {
  it('every preset gives its closed form on a solid (255, 128, 0) picture, in both layouts', async () => {
    const g = 128 / 255;
    const cases: [ImageSettings, number[]][] = [
      [{ preset: 'imagenet' }, [(1 - 0.485) / 0.229, (g - 0.456) / 0.224, (0 - 0.406) / 0.225]],
      [{ preset: 'unit' }, [1, g, 0]],
      [{}, [1, g, 0]],
      [{ preset: 'symmetric' }, [1, (g - 0.5) / 0.5, -1]],
      [{ preset: 'raw' }, [255, 128, 0]],
      [{ scale: 2, mean: [10, 20, 30], std: [5] }, [(510 - 10) / 5, (256 - 20) / 5, -30 / 5]],
    ];
    for (const layout of [NCHW, NHWC]) {
      for (const [settings, expected] of cases) {
        const b = await load({ 'orange.png': ORANGE }, settings, layout);
        assert.deepEqual([b.height, b.width, b.channels, b.layout], [16, 16, 3, layout.layout]);
        assertSolid(b, expected);
        assert.deepEqual(Array.from(b.pixels[0].subarray(0, 4)), [255, 128, 0, 255]);
      }
    }
  });

  it('BGR swaps the first and last channels; imagenet statistics follow the colours', async () => {
    assertSolid(await load({ 'o.png': ORANGE }, { preset: 'raw', channels: 'BGR' }), [0, 128, 255]);
    const b = await load({ 'o.png': ORANGE }, { preset: 'imagenet', channels: 'BGR' });
    assertSolid(b, [(0 - 0.406) / 0.225, (128 / 255 - 0.456) / 0.224, (1 - 0.485) / 0.229]);
  });

  it('L is ITU-R 601 luma in PIL rounding, for every sampled colour', async () => {
    for (const [r, g, bl] of [
      [255, 128, 0],
      [0, 0, 0],
      [255, 255, 255],
      [12, 200, 99],
      [1, 2, 250],
    ]) {
      const b = await load({ 'c.png': pngOf(8, 8, () => [r, g, bl]) }, { preset: 'raw' }, GREY);
      const exact = 0.299 * r + 0.587 * g + 0.114 * bl;
      assertSolid(b, [luma601(r, g, bl)]);
      assert.ok(Math.abs(luma601(r, g, bl) - exact) <= 0.5 + 1e-9, `${r},${g},${bl}`);
    }
  });

  it('a grey file feeds an RGB model as three equal channels; an RGBA file drops alpha keeping the colour', async () => {
    assertSolid(await load({ 'g.png': greyPngOf(10, 10, () => 77) }, { preset: 'raw' }), [77, 77, 77]);
    const seeThrough = pngOf(10, 10, () => [10, 20, 30, 0]);
    const b = await load({ 'a.png': seeThrough }, { preset: 'raw' });
    assertSolid(b, [10, 20, 30]);
    assert.deepEqual(Array.from(b.pixels[0].subarray(0, 4)), [10, 20, 30, 255]);
  });

  it('decodes JPEG (lossy: within a few levels) and keeps files in order, one row each', async () => {
    const files = {
      'a.jpg': jpegOf(64, 48, () => [200, 40, 90]),
      'b.png': ORANGE,
      'c.png': pngOf(16, 16, () => [1, 2, 3]),
    };
    const b = await load(files, { preset: 'raw' });
    assert.deepEqual(b.files, ['a.jpg', 'b.png', 'c.png']);
    // Each picture owns its memory (none is a view into Node's shared Buffer pool), so it can be transferred.
    for (const p of b.pixels) assert.equal(p.buffer.byteLength, p.length);
    assert.equal(b.rows.rows, 3);
    [200, 40, 90].forEach((v, c) => assert.ok(Math.abs(at(b, 0, 8, 8, c) - v) <= 4, `channel ${c}`));
    [255, 128, 0].forEach((v, c) => assert.equal(at(b, 1, 3, 5, c), v));
    [1, 2, 3].forEach((v, c) => assert.equal(at(b, 2, 15, 15, c), v));
  });

  it('a corrupt, truncated, empty, unreadable or other-format file gets one line naming it', async () => {
    const cases: [Uint8Array | Error, RegExp][] = [
      [ORANGE.subarray(0, 60), /^bad\.png: is a corrupt or truncated PNG image/],
      [jpegOf(32, 32, () => [1, 2, 3]).subarray(0, 200), /^bad\.png: is a corrupt or truncated JPEG image/],
      [new TextEncoder().encode('hello, not a picture'), /^bad\.png: is not a PNG or JPEG image: unsupported format/],
      [new TextEncoder().encode('GIF89a....'), /^bad\.png: is a GIF image: unsupported format/],
      [new Uint8Array(0), /^bad\.png: is empty/],
      [new Error('ENOENT: no such file'), /^bad\.png: cannot be read \(ENOENT: no such file\)/],
    ];
    const pre = resolvePreprocessing({}, NCHW, 'x');
    for (const [bytes, message] of cases) {
      const read = async (): Promise<Uint8Array> => {
        if (bytes instanceof Error) throw bytes;
        return bytes;
      };
      await assert.rejects(loadImages(['bad.png'], pre, NCHW, read), (e: Error) => {
        assert.match(e.message, message);
        assert.ok(!e.message.includes('\n'));
        return true;
      });
    }
  });

  it('encodePng round-trips through the decoder exactly', () => {
    const rgba = new Uint8Array(5 * 3 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256));
    const back = decodeImage(encodePng(rgba, 5, 3), 'p.png');
    assert.deepEqual([back.width, back.height], [5, 3]);
    assert.deepEqual(Array.from(back.data), Array.from(rgba));
  });

  it('modelViewPixels stretches each channel to 0-255 in model order, so BGR shows swapped colours', async () => {
    // Left half red, right half blue; as BGR the model's channel 0 is blue.
    const b = await load(
      { 'rb.png': pngOf(16, 16, (x) => (x < 8 ? [255, 0, 0] : [0, 0, 255])) },
      { channels: 'BGR', preset: 'imagenet' },
    );
    const { rgba, range } = modelViewPixels(b, 0);
    assert.deepEqual(Array.from(rgba.subarray(0, 4)), [0, 128, 255, 255]);
    assert.deepEqual(Array.from(rgba.subarray(15 * 4, 16 * 4)), [255, 128, 0, 255]);
    assert.ok(Math.abs(range[0].min - (0 - 0.406) / 0.225) < 1e-12);
    assert.ok(Math.abs(range[0].max - (1 - 0.406) / 0.225) < 1e-12);
    assert.ok(Math.abs(range[0].mean - (0.5 - 0.406) / 0.225) < 1e-12);
    assert.equal(range[1].min, range[1].max);
    const grey = modelViewPixels(await load({ 'g.png': pngOf(16, 16, (x) => [x * 16, x * 16, x * 16]) }, {}, GREY), 0);
    assert.deepEqual(Array.from(grey.rgba.subarray(0, 4)), [0, 0, 0, 255]);
    assert.deepEqual(Array.from(grey.rgba.subarray(15 * 4, 16 * 4)), [255, 255, 255, 255]);
  });
});

describe('image .npy tensors', () => {
  it('round-trips the loaded rows as [N,C,H,W], [N,H,W,C] and one [C,H,W]', async () => {
    const files = { 'a.png': ORANGE, 'b.png': pngOf(20, 20, (x, y) => [x * 10, y * 10, 50]) };
    for (const layout of [NCHW, NHWC]) {
      const b = await load(files, { preset: 'imagenet' }, layout);
      const shape = layout.layout === 'NCHW' ? [2, 3, 16, 16] : [2, 16, 16, 3];
      const back = loadImageNpy(npyOf(b.rows.values, shape), 'x.npy', layout, { height: 16, width: 16 });
      assert.deepEqual(Array.from(back.rows.values), Array.from(b.rows.values));
      assert.deepEqual([back.rows.rows, back.rows.cols, back.layout], [2, 768, layout.layout]);
      assert.deepEqual(back.files, ['x.npy[0]', 'x.npy[1]']);
      assert.deepEqual(Array.from(back.pixels[1]), Array.from(modelViewPixels(b, 1).rgba));
    }
    const one = await load({ 'a.png': files['b.png'] }, {}, NCHW);
    const single = loadImageNpy(npyOf(one.rows.values, [3, 16, 16]), 'one.npy', NCHW, { height: 16, width: 16 });
    assert.deepEqual(Array.from(single.rows.values), Array.from(one.rows.values));
  });

  it('reads Fortran order (first axis fastest)', () => {
    const layout = imageLayoutOf([1, 1, 2, 3]) as ImageLayout;
    // v[h][w] = 10h + w stored with h fastest: (0,0) (1,0) (0,1) (1,1) (0,2) (1,2).
    const b = loadImageNpy(npyOf([0, 10, 1, 11, 2, 12], [1, 1, 2, 3], true), 'f.npy', layout, { height: 2, width: 3 });
    assert.deepEqual(Array.from(b.rows.values), [0, 1, 2, 10, 11, 12]);
  });

  it('a shape that does not match the model names both shapes', () => {
    assert.throws(
      () =>
        loadImageNpy(npyOf(new Float64Array(2 * 16 * 16 * 3), [2, 16, 16, 3]), 'x.npy', NCHW, {
          height: 16,
          width: 16,
        }),
      (e: Error) =>
        e.message ===
        "x.npy: has shape (2, 16, 16, 3) but the model's input takes (N, 3, 16, 16) (NCHW), or (3, 16, 16) for one image",
    );
    assert.throws(
      () => loadImageNpy(npyOf([1, 2], [2]), 'y.npy', GREY, { height: 16, width: 16 }),
      (e: Error) => e.message.startsWith('y.npy: has shape (2) but'),
    );
    assert.throws(
      () => loadImageNpy(new Uint8Array(20), 'z.npy', GREY, { height: 16, width: 16 }),
      (e: Error) => e.message === 'z.npy: is not a .npy file',
    );
  });
});

describe('listing image files', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'images-'));
    for (const f of [
      'b.png',
      'A.JPG',
      'c.jpeg',
      'notes.txt',
      'cats/2.png',
      'cats/1.jpg',
      'cats/deep/x.png',
      'empty/readme.md',
    ]) {
      mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      writeFileSync(path.join(root, f), '');
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  const isDir = async (p: string) => (await stat(p)).isDirectory();
  const list = (paths: string[]) => listImageFiles(paths, (d) => readdir(d), isDir);

  it('a folder gives its images sorted, with subfolders one level deep; files pass through in order', async () => {
    const rel = (await list([root])).map((f) => path.relative(root, f));
    assert.deepEqual(rel, ['A.JPG', 'b.png', 'c.jpeg', path.join('cats', '1.jpg'), path.join('cats', '2.png')]);
    const files = [path.join(root, 'c.jpeg'), path.join(root, 'b.png')];
    assert.deepEqual(await list(files), files);
  });

  it('a folder with no image, or a file that is not one, is named in the error', async () => {
    const empty = path.join(root, 'empty');
    await assert.rejects(list([empty]), (e: Error) =>
      e.message.startsWith(`${empty}: is a folder with no .png, .jpg or .jpeg image`),
    );
    const txt = path.join(root, 'notes.txt');
    await assert.rejects(
      list([txt]),
      (e: Error) => e.message === `${txt}: is not a PNG or JPEG image (.png, .jpg or .jpeg)`,
    );
  });
});
