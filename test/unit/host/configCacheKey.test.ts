import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheKey, tokenizerStamps } from '../../../src/host/explain/cacheKey';
import type { ExplainSettings } from '../../../src/protocol/explainTypes';

/** The key a result is stored under, with the stamps the host adds (as resultCache does). */
async function keyOf(modelPath: string, settings: ExplainSettings): Promise<string> {
  const tokenizer = await tokenizerStamps(modelPath, settings);
  return cacheKey({ contents: [new Uint8Array([1, 2, 3])], external: [], tokenizer, version: '1.0.0' }, settings);
}

describe("the result cache key follows config.json (its id2label names a result's classes)", () => {
  let tmp: string;
  const settings: ExplainSettings = { data: 'reviews.txt', method: 'exact', seed: 0 };
  const config = (names: string[]) => JSON.stringify({ id2label: Object.fromEntries(names.map((n, i) => [i, n])) });

  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-config-key-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('changes when config.json beside the model or one folder up is edited, with or without a tokenizer', async () => {
    mkdirSync(path.join(tmp, 'onnx'));
    const model = path.join(tmp, 'onnx', 'model.onnx');
    const none = await keyOf(model, settings);
    writeFileSync(path.join(tmp, 'config.json'), config(['NEGATIVE', 'POSITIVE']));
    const up = await keyOf(model, settings);
    writeFileSync(path.join(tmp, 'config.json'), config(['bad', 'good']));
    const edited = await keyOf(model, settings);
    writeFileSync(path.join(tmp, 'tokenizer.json'), '{"model": {"type": "WordLevel", "vocab": {}}}');
    const withTokenizer = await keyOf(model, settings);
    writeFileSync(path.join(tmp, 'config.json'), config(['NEGATIVE', 'POSITIVE']));
    const editedAgain = await keyOf(model, settings);
    assert.equal(new Set([none, up, edited, withTokenizer, editedAgain]).size, 5);
    // One beside the model is the one the engine reads.
    writeFileSync(path.join(tmp, 'onnx', 'config.json'), config(['a', 'b']));
    const beside = await keyOf(model, settings);
    writeFileSync(path.join(tmp, 'config.json'), config(['c', 'd']));
    assert.equal(await keyOf(model, settings), beside, 'the unread config.json one folder up does not count');
  });
});
