import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { externalDataFiles, externalDataPath } from '../../../src/engine/onnx/externalData';
import { checkExternalData } from '../../../src/engine/onnx/loadFile';
import { readModel } from '../../../src/engine/onnx/reader';
import { DataType } from '../../../src/engine/onnx/schema';
import { readTensorValues } from '../../../src/engine/onnx/tensorValues';
import { encodeModel, graph, node, valueInfo } from './build';

/** A model whose initializer `w` (4 floats) lives in the external file `location`. */
function modelWith(location: string): Uint8Array {
  return encodeModel(
    graph({
      nodes: [node('Identity', ['w'], ['y'])],
      outputs: [valueInfo('y', DataType.FLOAT, null)],
      initializers: [
        {
          name: 'w',
          dims: [4],
          data_type: DataType.FLOAT,
          data_location: 1,
          external_data: [{ key: 'location', value: location }],
        },
      ],
    }),
  );
}

describe('onnx external data paths', () => {
  let tmp: string;
  let modelDir: string;
  const values = Float32Array.from([1, 2, 3, 4]);
  const secret = Float32Array.from([9, 9, 9, 9]);

  beforeEach(() => {
    // tmp/models holds the model; tmp/secret.bin (outside) must never be read through it.
    tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-external-'));
    modelDir = path.join(tmp, 'models');
    mkdirSync(path.join(modelDir, 'weights'), { recursive: true });
    writeFileSync(path.join(modelDir, 'weights', 'w.bin'), new Uint8Array(values.buffer));
    writeFileSync(path.join(tmp, 'secret.bin'), new Uint8Array(secret.buffer));
    mkdirSync(path.join(tmp, 'elsewhere'));
    writeFileSync(path.join(tmp, 'elsewhere', 'w.bin'), new Uint8Array(secret.buffer));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  const read = (location: string) => {
    const bytes = modelWith(location);
    const m = readModel(bytes, { modelPath: path.join(modelDir, 'm.onnx') });
    return { m, values: () => readTensorValues(m.graph.initializers[0], bytes, m.modelDir) };
  };
  const refused = (location: string) =>
    new RegExp(`tensor 'w': external data path '${escape(location)}' points outside`);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('reads files inside the folder, through subfolders and symlinks that stay inside', () => {
    symlinkSync(path.join('weights', 'w.bin'), path.join(modelDir, 'alias.bin'));
    symlinkSync(path.join(modelDir, 'weights'), path.join(modelDir, 'abs-weights'));
    for (const location of ['weights/w.bin', './weights/../weights/w.bin', 'alias.bin', 'abs-weights/w.bin']) {
      const r = read(location);
      assert.deepEqual(r.m.warnings, [], location);
      assert.deepEqual(Array.from(r.values() as Float32Array), Array.from(values), location);
      // The list the result cache keys on: the real file, once.
      assert.deepEqual(externalDataFiles(r.m), {
        files: [path.join(realpathSync(modelDir), 'weights', 'w.bin')],
        problems: [],
      });
    }
  });

  it('refuses ../, absolute paths and symlinks leading outside, naming the tensor and the path', () => {
    symlinkSync(path.join(tmp, 'secret.bin'), path.join(modelDir, 'link.bin'));
    symlinkSync('../elsewhere', path.join(modelDir, 'dirlink'));
    symlinkSync(tmp, path.join(modelDir, 'up'));
    const locations = [
      '../secret.bin',
      'weights/../../secret.bin',
      path.join(tmp, 'secret.bin'),
      'C:\\secret.bin',
      '\\\\server\\share\\w.bin',
      'link.bin',
      'dirlink/w.bin',
      'up/secret.bin',
      'up/models/weights/w.bin',
    ];
    for (const location of locations) {
      const r = read(location);
      assert.ok(
        r.m.warnings.some((w) => refused(location).test(w)),
        `${location}: ${r.m.warnings.join('; ')}`,
      );
      assert.throws(r.values, refused(location), location);
    }
  });

  it('says the same for an outside file that exists and one that does not (nothing outside is probed)', () => {
    symlinkSync(path.join(tmp, 'elsewhere'), path.join(modelDir, 'out'));
    const exists = read('out/w.bin').m.warnings;
    const absent = read('out/none.bin').m.warnings;
    assert.deepEqual(
      [exists, absent].map((w) => w.map((x) => x.replace(/'out\/[a-z]+\.bin'/, 'P'))),
      [
        [`tensor 'w': external data path P points outside the model's folder`],
        [`tensor 'w': external data path P points outside the model's folder`],
      ],
    );
    assert.deepEqual(read('../none.bin').m.warnings, [
      `tensor 'w': external data path '../none.bin' points outside the model's folder`,
    ]);
  });

  it('names a missing file inside the folder, a folder and a symlink loop', () => {
    assert.throws(
      () => externalDataPath('w', 'weights/none.bin', modelDir),
      /tensor 'w': external data file 'weights\/none.bin' not found/,
    );
    assert.throws(
      () => externalDataPath('w', 'weights', modelDir),
      /tensor 'w': external data 'weights' is not a file/,
    );
    symlinkSync('loop2', path.join(modelDir, 'loop1'));
    symlinkSync('loop1', path.join(modelDir, 'loop2'));
    assert.throws(() => externalDataPath('w', 'loop1', modelDir), /symlink loop/);
  });

  it('checks a model file before onnxruntime opens its external data', async () => {
    symlinkSync(path.join(tmp, 'secret.bin'), path.join(modelDir, 'link.bin'));
    const file = path.join(modelDir, 'm.onnx');
    writeFileSync(file, modelWith('link.bin'));
    await assert.rejects(checkExternalData(file), refused('link.bin'));
    writeFileSync(file, modelWith('weights/w.bin'));
    await checkExternalData(file);
  });
});
