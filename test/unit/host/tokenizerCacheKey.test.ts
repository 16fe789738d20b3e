import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheKey, tokenizerStamps } from '../../../src/host/explain/cacheKey';
import type { ExplainSettings } from '../../../src/protocol/explainTypes';

/** The key a text model's result is stored under, with the tokenizer stamps the host adds (as resultCache does). */
async function keyOf(modelPath: string, settings: ExplainSettings): Promise<string> {
  const tokenizer = await tokenizerStamps(modelPath, settings);
  return cacheKey({ contents: [new Uint8Array([1, 2, 3])], external: [], tokenizer, version: '1.0.0' }, settings);
}

describe('the result cache key of a text model', () => {
  let tmp: string;
  const settings: ExplainSettings = { data: 'reviews.txt', method: 'partition', rows: '0-9', seed: 0 };
  const tokenizerJson = (vocab: Record<string, number>) =>
    JSON.stringify({ version: '1.0', model: { type: 'WordLevel', vocab, unk_token: '[UNK]' } });

  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-tok-key-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('changes when tokenizer.json beside the model is edited, and comes back with its bytes', async () => {
    const model = path.join(tmp, 'model.onnx');
    const tok = path.join(tmp, 'tokenizer.json');
    writeFileSync(tok, tokenizerJson({ '[UNK]': 0, good: 1, bad: 2 }));
    const before = await keyOf(model, settings);
    writeFileSync(tok, tokenizerJson({ '[UNK]': 0, good: 2, bad: 1 }));
    const edited = await keyOf(model, settings);
    assert.notEqual(edited, before, 'an edited tokenizer must not find the old result');
    writeFileSync(tok, tokenizerJson({ '[UNK]': 0, good: 1, bad: 2 }));
    assert.equal(await keyOf(model, settings), before, 'the same bytes find the same result');
  });

  it('counts tokenizer_config.json beside it (it may set the maximum length)', async () => {
    const model = path.join(tmp, 'model.onnx');
    writeFileSync(path.join(tmp, 'tokenizer.json'), tokenizerJson({ '[UNK]': 0 }));
    const without = await keyOf(model, settings);
    writeFileSync(path.join(tmp, 'tokenizer_config.json'), '{"model_max_length": 8}');
    const eight = await keyOf(model, settings);
    writeFileSync(path.join(tmp, 'tokenizer_config.json'), '{"model_max_length": 16}');
    const sixteen = await keyOf(model, settings);
    assert.equal(new Set([without, eight, sixteen]).size, 3);
  });

  it('hashes the file the engine reads: the one the sidecar names, else beside the model, else one folder up', async () => {
    mkdirSync(path.join(tmp, 'onnx'));
    const model = path.join(tmp, 'onnx', 'model.onnx');
    writeFileSync(path.join(tmp, 'tokenizer.json'), tokenizerJson({ '[UNK]': 0, up: 1 }));
    const up = await tokenizerStamps(model, settings);
    assert.equal(up.length, 1);
    assert.match(up[0], /^tokenizer\.json sha256 [0-9a-f]{64}$/);
    // One beside the model comes first.
    writeFileSync(path.join(tmp, 'onnx', 'tokenizer.json'), tokenizerJson({ '[UNK]': 0, beside: 1 }));
    const beside = await tokenizerStamps(model, settings);
    assert.notDeepEqual(beside, up);
    // The one the sidecar names wins, and an edit to it changes the key even though the path stays.
    const named = path.join(tmp, 'other.json');
    writeFileSync(named, tokenizerJson({ '[UNK]': 0, named: 1 }));
    const withNamed: ExplainSettings = { ...settings, text: { tokenizer: named } };
    const k = await keyOf(model, withNamed);
    writeFileSync(named, tokenizerJson({ '[UNK]': 0, named: 2 }));
    assert.notEqual(await keyOf(model, withNamed), k);
    // Edits to the unused ones do not count.
    const k2 = await keyOf(model, withNamed);
    writeFileSync(path.join(tmp, 'onnx', 'tokenizer.json'), tokenizerJson({ '[UNK]': 0, beside: 7 }));
    assert.equal(await keyOf(model, withNamed), k2);
  });

  it('leaves the key of a model without a tokenizer as it was', async () => {
    const model = path.join(tmp, 'model.onnx');
    assert.deepEqual(await tokenizerStamps(model, settings), []);
    assert.equal(
      await keyOf(model, settings),
      cacheKey({ contents: [new Uint8Array([1, 2, 3])], external: [], version: '1.0.0' }, settings),
    );
  });
});
