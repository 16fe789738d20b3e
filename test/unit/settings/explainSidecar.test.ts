// The sidecar and the result cache key: what is kept, what is reported (file and field), what is never overwritten.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheKey, externalFileStamp, staleEntries } from '../../../src/host/explain/cacheKey';
import { DEFAULT_CHOICES, parseSidecar, updateSidecarText } from '../../../src/engine/settings/sidecar';

describe('the sidecar <model>.onnx.lens.json', () => {
  it('reads every valid field and names each wrong one, keeping the others', () => {
    const s = parseSidecar(
      JSON.stringify({
        version: 1,
        data: '../data/wine.csv',
        method: 'shapley',
        seed: -3,
        rows: '0-9',
        classNames: ['a', 'b', 'c'],
        featureNames: 'alcohol',
        colour: 'blue',
      }),
      'm.onnx.lens.json',
    );
    assert.equal(s.choices.data, '../data/wine.csv');
    assert.equal(s.choices.rows, '0-9');
    assert.equal(s.choices.method, DEFAULT_CHOICES.method);
    assert.equal(s.choices.seed, DEFAULT_CHOICES.seed);
    assert.deepEqual(s.classNames, ['a', 'b', 'c']);
    assert.equal(s.featureNames, undefined);
    assert.deepEqual(s.problems, [
      'm.onnx.lens.json: unknown field "colour"',
      'm.onnx.lens.json: field "method": method must be one of auto, exact, kernel, permutation, tree, lime, partition, occlusion',
      'm.onnx.lens.json: field "seed": seed must be a whole number from 0',
      'm.onnx.lens.json: field "featureNames" must be a list of strings',
    ]);
  });

  it('broken JSON: the defaults, and the line and column of the problem', () => {
    const s = parseSidecar('{\n  "method": "kernel",\n  "rows": \n', 'm.onnx.lens.json');
    assert.deepEqual(s.choices, DEFAULT_CHOICES);
    assert.equal(s.problems.length, 1);
    assert.equal(
      s.problems[0],
      'm.onnx.lens.json: not valid JSON at line 3, column 10 (the text ends early); using the defaults',
    );
    const misplaced = parseSidecar('{\n  "seed": 1\n  "rows": "0-4"\n}', 'm.onnx.lens.json');
    assert.deepEqual(misplaced.problems, ['m.onnx.lens.json: not valid JSON at line 3, column 3; using the defaults']);
  });

  it('writing keeps the fields the user wrote and drops cleared choices; a broken file is never rewritten', () => {
    const existing = JSON.stringify({ version: 1, classNames: ['x', 'y'], labelColumn: 'target', samples: 500 });
    const text = updateSidecarText(existing, { method: 'kernel', data: 'd.csv', rows: '0-4' })!;
    const obj = JSON.parse(text);
    assert.deepEqual(obj, {
      version: 1,
      classNames: ['x', 'y'],
      labelColumn: 'target',
      method: 'kernel',
      data: 'd.csv',
      rows: '0-4',
    });
    assert.equal(updateSidecarText('{ "method": ', { method: 'auto' }), undefined);
    assert.equal(updateSidecarText('[1, 2]', { method: 'auto' }), undefined);
    assert.deepEqual(JSON.parse(updateSidecarText(undefined, { method: 'tree', seed: 3 })!), {
      version: 1,
      method: 'tree',
      seed: 3,
    });
    // What it writes reads back as the same choices.
    assert.deepEqual(parseSidecar(text, 'x').choices, {
      ...DEFAULT_CHOICES,
      method: 'kernel',
      data: 'd.csv',
      rows: '0-4',
    });
  });
});

describe('the result cache key', () => {
  const model = new Uint8Array([1, 2, 3]);
  const data = new Uint8Array([4, 5]);
  const settings = { data: '/a/wine.csv', method: 'kernel' as const, rows: '0-9', seed: 0 };

  const key = (contents: Uint8Array[], s: typeof settings, external: string[] = [], version = '1.0.0') =>
    cacheKey({ contents, external, version }, s);

  it('depends on the bytes and the settings, not on where the files are', () => {
    const k = key([model, data], settings);
    assert.match(k, /^[0-9a-f]{40}$/);
    assert.equal(key([model, data], { ...settings, data: '/elsewhere/copy.csv' }), k);
    assert.notEqual(key([model, new Uint8Array([4, 6])], settings), k);
    assert.notEqual(key([model, data], { ...settings, seed: 1 }), k);
    assert.notEqual(key([model, data], { ...settings, rows: '0-8' }), k);
    // The boundary between files counts: [12][3] is not [1][23].
    assert.notEqual(
      key([new Uint8Array([1, 2]), new Uint8Array([3])], settings),
      key([new Uint8Array([1]), new Uint8Array([2, 3])], settings),
    );
  });

  it("depends on the model's external data files and the extension's version", () => {
    const k = key([model, data], settings, ['w.bin 16 sha256 aa']);
    assert.notEqual(key([model, data], settings), k, 'an external file added');
    assert.notEqual(key([model, data], settings, ['w.bin 16 sha256 ab']), k, 'its bytes changed');
    assert.equal(key([model, data], settings, ['w.bin 16 sha256 aa'], '1.0.0'), k);
    assert.notEqual(key([model, data], settings, ['w.bin 16 sha256 aa'], '1.0.1'), k, 'another version');
    assert.equal(
      key([model, data], settings, ['a.bin 1 sha256 00', 'b.bin 1 sha256 11']),
      key([model, data], settings, ['b.bin 1 sha256 11', 'a.bin 1 sha256 00']),
      'the order the engine lists them in does not count',
    );
  });

  it("stamps an external file by its bytes (same size and time, other bytes: another stamp), not by the folder's place", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-stamp-'));
    try {
      for (const dir of ['a', 'b']) mkdirSync(path.join(tmp, dir));
      const write = (file: string, bytes: number[]) => {
        writeFileSync(file, new Uint8Array(bytes));
        utimesSync(file, 1_000_000, 1_000_000);
      };
      write(path.join(tmp, 'a', 'w.bin'), [1, 2, 3, 4]);
      write(path.join(tmp, 'b', 'w.bin'), [1, 2, 3, 4]);
      const a = await externalFileStamp(path.join(tmp, 'a', 'w.bin'), path.join(tmp, 'a'));
      assert.equal(await externalFileStamp(path.join(tmp, 'b', 'w.bin'), path.join(tmp, 'b')), a);
      assert.match(a, /^w\.bin 4 sha256 [0-9a-f]{64}$/);
      write(path.join(tmp, 'a', 'w.bin'), [1, 2, 3, 5]);
      assert.notEqual(await externalFileStamp(path.join(tmp, 'a', 'w.bin'), path.join(tmp, 'a')), a);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('keeps the newest results: the older ones beyond the limit are the ones deleted', () => {
    const entries = [
      { name: 'a.json', mtime: 30 },
      { name: 'b.json', mtime: 10 },
      { name: 'c.json', mtime: 20 },
      { name: 'd.json', mtime: 40 },
    ];
    assert.deepEqual(staleEntries(entries, 2), ['c.json', 'b.json']);
    assert.deepEqual(staleEntries(entries, 4), []);
    assert.deepEqual(staleEntries(entries, 0).sort(), ['a.json', 'b.json', 'c.json', 'd.json']);
  });
});
