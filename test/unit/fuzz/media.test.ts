// Seeded fuzzing of the picture loaders (PNG, JPEG, image .npy) and the WAV and sequence loaders: every case ends in
// pixels or rows, or in a one-line error naming the file, each within the fuzz bound.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { decodeImage, fitTo } from '../../../src/engine/data/image/codec';
import { loadImageNpy } from '../../../src/engine/data/image/npyImage';
import type { ResizeMode } from '../../../src/engine/data/image/preprocess';
import { loadSequenceFiles, type SequenceWant } from '../../../src/engine/data/sequence/load';
import { decodeWav } from '../../../src/engine/data/sequence/wav';
import { writeNpy } from '../data/npyWriter';
import { seeded } from '../onnx/build';
import { mutateBytes, mutateText, runCase, type Tally } from './mutate';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const MODES: ResizeMode[] = ['stretch', 'shorter-side-then-center-crop', 'fit-pad'];

/** An n-D float32 .npy: writeNpy's 1-D body with the header's shape rewritten (same length keeps the padding). */
function npyOfShape(values: number[], shape: number[]): Uint8Array {
  const flat = writeNpy(values, [values.length], '<f4');
  const text = new TextDecoder('latin1').decode(flat.subarray(10, 10 + new DataView(flat.buffer).getUint16(8, true)));
  const fixed = text.replace(`(${values.length},)`, `(${shape.join(', ')})`);
  const header = fixed.replace(/ +\n$/, '').padEnd(text.length - 1, ' ') + '\n';
  const out = flat.slice();
  out.set(new TextEncoder().encode(header), 10);
  return out;
}

/** Seeds that found bugs, replayed first. */
const IMAGE_REGRESSIONS = [
  20003, // a PNG stating tens of thousands of pixels a side (with a valid CRC) was decoded (25 s, gigabytes): headerCheck.ts now refuses it
  20279, // the same for a JPEG frame (6 s): refused by its size, and by one bit per 8x8 block of the file's length
];

describe('image loader fuzz (seeded)', function () {
  this.timeout(60_000);

  it('turns corrupted PNG, JPEG and image .npy files into pixels or a one-line error naming the file', async () => {
    const images = [
      'images/digits/digit_3_1504.png',
      'images/scene_64x64.png',
      'images/scene_rgba_48x32.png',
      'images/textline_192x48.png',
      'images/scene_200x150.jpg',
    ].map((f) => ({ name: path.basename(f), bytes: new Uint8Array(readFileSync(path.join(FIXTURES, f))) }));
    const pixels = Array.from({ length: 2 * 3 * 8 * 8 }, (_, i) => (i % 17) / 17);
    const npys = [
      { name: 'batch.npy', bytes: npyOfShape(pixels, [2, 3, 8, 8]) },
      { name: 'one.npy', bytes: npyOfShape(pixels.slice(0, 192), [3, 8, 8]) },
    ];
    const tally: Tally = { results: 0, errors: 0, worstMs: 0 };
    for (const seed of [...IMAGE_REGRESSIONS, ...Array.from({ length: 1200 }, (_, i) => 20_000 + i)]) {
      const random = seeded(seed);
      const file = images[seed % images.length];
      const bytes = random() < 0.1 ? resized(file.bytes, random) : mutateBytes(file.bytes, random);
      const mode = MODES[seed % MODES.length];
      await runCase(tally, `image seed ${seed} (${file.name})`, file.name, () => {
        const rgba = decodeImage(bytes, file.name);
        assert.equal(rgba.data.length, rgba.width * rgba.height * 4);
        const fitted = fitTo(rgba, 28, 28, mode);
        assert.equal(fitted.data.length, 28 * 28 * 4);
      });
    }
    for (let seed = 22_000; seed < 22_600; seed++) {
      const random = seeded(seed);
      const file = npys[seed % npys.length];
      const bytes = random() < 0.7 ? mutateBytes(file.bytes, random) : header(file.bytes, random);
      await runCase(tally, `image npy seed ${seed}`, file.name, () => {
        const batch = loadImageNpy(
          bytes,
          file.name,
          { layout: 'NCHW', channels: 3, height: 8, width: 8 },
          { height: 8, width: 8 },
        );
        assert.equal(batch.rows.values.length, batch.rows.rows * 192);
        assert.equal(batch.pixels.length, batch.rows.rows);
      });
    }
    if (process.env.FUZZ_TALLY) console.log(JSON.stringify(tally));
    assert.ok(tally.results > 200 && tally.errors > 200, JSON.stringify(tally));
  });
});

/**
 * The picture's stated size changed, the rest kept: PNG's IHDR width and height with its CRC recomputed (so the
 * decoder believes it), or the JPEG frame's height and width.
 */
function resized(bytes: Uint8Array, random: () => number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const size = () => (random() < 0.5 ? Math.floor(random() * 10_000) : Math.floor(random() * 65_536));
  if (out[0] === 0x89) {
    view.setUint32(16, size());
    view.setUint32(20, size());
    view.setUint32(29, zlib.crc32(out.subarray(12, 29)) >>> 0);
    return out;
  }
  for (let i = 2; i + 9 < out.length; i++) {
    if (out[i] === 0xff && (out[i + 1] === 0xc0 || out[i + 1] === 0xc2)) {
      view.setUint16(i + 5, size());
      view.setUint16(i + 7, size());
      break;
    }
  }
  return out;
}

/** A text mutation of the .npy header alone (its dict literal is what the parser reads). */
function header(bytes: Uint8Array, random: () => number): Uint8Array {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true);
  const text = new TextDecoder('latin1').decode(bytes.subarray(10, 10 + length));
  const changed = new TextEncoder().encode(mutateText(text, random));
  const out = new Uint8Array(10 + changed.length + bytes.length - 10 - length);
  out.set(bytes.subarray(0, 10));
  new DataView(out.buffer).setUint16(8, changed.length, true);
  out.set(changed, 10);
  out.set(bytes.subarray(10 + length), 10 + changed.length);
  return out;
}

describe('WAV and sequence loader fuzz (seeded)', function () {
  this.timeout(60_000);

  it('turns corrupted WAV, sequence .npy and CSV files into rows or a one-line error naming the file', async () => {
    const wav = new Uint8Array(readFileSync(path.join(FIXTURES, 'audio/hello_16k.wav')));
    // A short WAV keeps each case fast; the header is the real one, the data cut to 4000 samples.
    const short = wav.slice(0, 44 + 8000);
    new DataView(short.buffer).setUint32(4, short.length - 8, true);
    new DataView(short.buffer).setUint32(40, 8000, true);
    const steps = Array.from({ length: 3 * 16 * 2 }, (_, i) => Math.sin(i));
    const files = [
      { name: 'hello.wav', bytes: short },
      { name: 'seq.npy', bytes: npyOfShape(steps, [3, 16, 2]) },
      {
        name: 'seq.csv',
        bytes: new TextEncoder().encode(['a,b', ...Array.from({ length: 16 }, (_, t) => `${t},${-t / 3}`)].join('\n')),
      },
    ];
    const wants: SequenceWant[] = [
      { layout: 'NT', length: 512 },
      { layout: 'NT' },
      { layout: 'NTF', length: 16, features: 2 },
      { layout: 'NCT', features: 2 },
    ];
    const tally: Tally = { results: 0, errors: 0, worstMs: 0 };
    for (let seed = 30_000; seed < 31_200; seed++) {
      const random = seeded(seed);
      const file = files[seed % files.length];
      const bytes = file.name.endsWith('.csv')
        ? new TextEncoder().encode(mutateText(new TextDecoder().decode(file.bytes), random))
        : mutateBytes(file.bytes, random);
      const want = wants[Math.floor(random() * wants.length)];
      await runCase(tally, `sequence seed ${seed} (${file.name})`, file.name, () => {
        if (file.name.endsWith('.wav')) {
          const decoded = decodeWav(bytes, file.name);
          assert.ok(decoded.channels.every((c) => c.length === decoded.channels[0].length));
        }
        const rows = loadSequenceFiles([{ path: `data/${file.name}`, bytes }], want);
        assert.equal(rows.values.length, rows.rows * rows.length * rows.features);
      });
    }
    if (process.env.FUZZ_TALLY) console.log(JSON.stringify(tally));
    assert.ok(tally.results > 200 && tally.errors > 200, JSON.stringify(tally));
  });
});
