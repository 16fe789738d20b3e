import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../src/cli';
import { runProfileJob, type ProfileSettings } from '../../../src/engine/profile/profileJob';
import { loadTokenizer } from '../../../src/engine/data/text/tokenizer';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import type { ProfileResult } from '../../../src/protocol/profileTypes';

const ROOT = path.resolve(__dirname, '../../..');
const fixture = (...p: string[]) => path.join(ROOT, 'test', 'fixtures', ...p);
/** `image` [N,3,H,W] with symbolic H and W: only the sidecar's image.size says how big a picture is. */
const MODEL = fixture('models', 'symbolic_hw_cnn.onnx');
const SIZE: [number, number] = [40, 24];

function profile(settings: ProfileSettings, model = MODEL): Promise<ProfileResult> {
  return runProfileJob(
    {
      readFile: (f) => readFile(f),
      open: (m, o) => OrtBackend.create(m, { intraOpNumThreads: o.threads, profileFilePrefix: o.profileFilePrefix }),
    },
    model,
    { threads: [1], runs: 2, warmup: 2, ...settings },
  );
}

/** A float32 .npy of `shape` (C order) with a ramp of values, written as numpy's format 1.0 lays it out. */
function npy(shape: number[]): Uint8Array {
  const n = shape.reduce((a, b) => a * b, 1);
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  header = header.padEnd(Math.ceil((10 + header.length + 1) / 64) * 64 - 10 - 1) + '\n';
  const bytes = new Uint8Array(10 + header.length + 4 * n);
  bytes.set([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0, header.length & 255, header.length >> 8]);
  bytes.set(new TextEncoder().encode(header), 10);
  const values = Float32Array.from({ length: n }, (_, i) => (i % 17) / 17);
  bytes.set(new Uint8Array(values.buffer), 10 + header.length);
  return bytes;
}

describe('profile: pictures through the explain path, at the sidecar image.size', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'model-lens-profile-inputs-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const image = { size: SIZE, preset: 'unit' as const };
  const expected = (batch: number) => [{ name: 'image', dims: [batch, 3, ...SIZE], from: 'data' }];

  it('a PNG (64x64, resized to the size) fills the batch', async () => {
    const r = await profile({ data: fixture('images', 'scene_64x64.png'), image, batches: [3] });
    assert.deepEqual(r.inputs, expected(3));
  });

  it('an image .npy already at the size', async () => {
    const file = path.join(dir, 'pictures.npy');
    writeFileSync(file, npy([2, 3, ...SIZE]));
    const r = await profile({ data: file, image, batches: [5] });
    assert.deepEqual(r.inputs, expected(5));
  });

  it('a folder of pictures (grey PNGs made RGB, as explaining makes them)', async () => {
    const r = await profile({ data: fixture('images', 'digits'), image, batches: [2] });
    assert.deepEqual(r.inputs, expected(2));
  });

  it('an image .npy at another size is refused naming the file and the shapes', async () => {
    const file = path.join(dir, 'small.npy');
    writeFileSync(file, npy([1, 3, 8, 8]));
    await assert.rejects(profile({ data: file, image }), /small\.npy.*\(1, 3, 8, 8\).*\(N, 3, 40, 24\)/);
  });

  it("without data the generated input takes the sidecar's image.size; --dim still wins", async () => {
    const r = await profile({ image, batches: [2] });
    assert.deepEqual(r.inputs, [{ name: 'image', dims: [2, 3, ...SIZE], from: 'generated' }]);
    const dims = (await profile({ image, dimSizes: { height: 16 } })).inputs[0].dims;
    const [h, w] = [16, SIZE[1]];
    assert.deepEqual(dims, [1, 3, h, w]);
  });

  it("the CLI reads the model's sidecar for it", async () => {
    const model = path.join(dir, 'cnn.onnx');
    copyFileSync(MODEL, model);
    writeFileSync(`${model}.lens.json`, JSON.stringify({ image: { size: SIZE } }));
    let out = '';
    let err = '';
    const io = { stdout: (s: string) => (out += s), stderr: (s: string) => (err += s + '\n') };
    assert.equal(
      await main(['profile', model, '--runs', '2', '--warmup', '2', '--threads', '1', '--json'], io),
      0,
      err,
    );
    assert.deepEqual((JSON.parse(out) as ProfileResult).inputs[0].dims, [1, 3, ...SIZE]);
  });
});

describe('profile: texts and sequences through the explain path', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'model-lens-profile-inputs-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('texts are tokenized: every text input is [batch, the longest text of the batch in tokens]', async () => {
    const tokenizer = loadTokenizer(
      JSON.parse(await readFile(fixture('text', 'tokenizer.json'), 'utf8')),
      undefined,
      't',
    );
    const lines = (await readFile(fixture('text', 'sentences.txt'), 'utf8')).split('\n').filter((l) => l.trim());
    const longest = Math.max(...lines.slice(0, 3).map((l) => tokenizer.encode(l, 512).ids.length));
    const data = fixture('text', 'sentences.txt');
    const free = await profile({ data, batches: [3] }, fixture('text', 'additive.onnx'));
    assert.ok(free.inputs.length >= 2);
    for (const i of free.inputs) assert.deepEqual([i.dims, i.from], [[3, longest], 'data'], i.name);
    // A model that fixes 16 tokens gets texts padded to 16.
    const fixed = await profile({ data, batches: [2] }, fixture('text', 'additive_fixed16.onnx'));
    for (const i of fixed.inputs) assert.deepEqual(i.dims, [2, 16], i.name);
  });

  it('a CSV sequence (a row per time step) in the model layout, NTF and NCT', async () => {
    const csv = path.join(dir, 'steps.csv');
    const steps = Array.from({ length: 128 }, (_, t) => `${t},${t / 2},1`);
    writeFileSync(csv, ['a,b,c', ...steps].join('\n') + '\n');
    const ntf = await profile({ data: csv, batches: [4] }, fixture('models', 'planted_window_ntf.onnx'));
    assert.deepEqual(ntf.inputs, [{ name: 'series', dims: [4, 128, 3], from: 'data' }]);
    const nct = await profile({ data: csv, batches: [4] }, fixture('models', 'planted_window_nct.onnx'));
    assert.deepEqual(nct.inputs, [{ name: 'series', dims: [4, 3, 128], from: 'data' }]);
  });
});
