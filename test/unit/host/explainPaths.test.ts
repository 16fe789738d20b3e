// Data paths (beside the model, else in a workspace folder), the data-file filter, and the notification's progress line.

import assert from 'node:assert/strict';
import path from 'node:path';
import { dataPathCandidates, isDataFile, relativeToModel, resolveDataPath } from '../../../src/host/explain/paths';
import { formatSeconds, progressMessage } from '../../../src/host/explain/progressMessage';

const ws = path.resolve('/ws');
const modelDir = path.join(ws, 'models');

describe('data paths of the Attributions tab', () => {
  it('tries beside the model first, then each workspace folder, without repeats', () => {
    assert.deepEqual(dataPathCandidates('data/wine.csv', modelDir, [ws, path.resolve('/other')]), [
      path.join(modelDir, 'data', 'wine.csv'),
      path.join(ws, 'data', 'wine.csv'),
      path.resolve('/other', 'data', 'wine.csv'),
    ]);
    assert.deepEqual(dataPathCandidates('../data/wine.csv', modelDir, [ws]), [
      path.join(ws, 'data', 'wine.csv'),
      path.resolve(ws, '..', 'data', 'wine.csv'),
    ]);
    // The model's folder is also a workspace folder: one candidate.
    assert.deepEqual(dataPathCandidates('wine.csv', ws, [ws]), [path.join(ws, 'wine.csv')]);
    assert.deepEqual(dataPathCandidates(path.join(ws, 'a.csv'), modelDir, [ws]), [path.join(ws, 'a.csv')]);
  });

  it('takes the first that exists, else the first (so the error names the path meant)', async () => {
    const existing = new Set([path.join(ws, 'data', 'wine.csv')]);
    const exists = async (p: string) => existing.has(p);
    assert.equal(await resolveDataPath('data/wine.csv', modelDir, [ws], exists), path.join(ws, 'data', 'wine.csv'));
    assert.equal(await resolveDataPath('gone.csv', modelDir, [ws], exists), path.join(modelDir, 'gone.csv'));
  });

  it('writes paths relative to the model with forward slashes', () => {
    assert.equal(relativeToModel(path.join(ws, 'data', 'wine.csv'), modelDir), '../data/wine.csv');
    assert.equal(relativeToModel(path.join(modelDir, 'x.npy'), modelDir), 'x.npy');
  });

  it('offers tables, arrays, texts and recordings, not sidecars, reference outputs or project JSON', () => {
    for (const p of ['d/wine.csv', 'd/a.TSV', 'rows.json', 'x.npy', 'sentences.txt', 'reviews.jsonl', 'a/b.WAV'])
      assert.ok(isDataFile(p), p);
    for (const p of [
      'm.onnx.lens.json',
      'm.ref.json',
      'package.json',
      'sub/tsconfig.json',
      'lens.schema.json',
      'a.text',
      'b.wave',
    ])
      assert.ok(!isDataFile(p), p);
  });
});

describe("the run notification's line", () => {
  it('percent done and time left, never past 100%', () => {
    assert.deepEqual(progressMessage(250, 1000, 3.4), { percent: 25, message: '25% (about 3 s left)' });
    assert.deepEqual(progressMessage(999, 1000, 0.2), { percent: 99.9, message: '99% (about a second left)' });
    assert.deepEqual(progressMessage(1000, 1000, 5), { percent: 100, message: '100%' });
    assert.deepEqual(progressMessage(1200, 1000), { percent: 100, message: '100%' });
    assert.deepEqual(progressMessage(0, 0, 10), { percent: 0, message: '0%' });
    assert.equal(progressMessage(1, 10, Infinity).message, '10%');
  });

  it('seconds, minutes, hours', () => {
    assert.equal(formatSeconds(0.3), 'a second');
    assert.equal(formatSeconds(42.4), '42 s');
    assert.equal(formatSeconds(150), '3 min');
    assert.equal(formatSeconds(7200), '2.0 h');
  });
});
