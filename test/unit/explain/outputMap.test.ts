// The model's whole output on the user's data, the map a target is drawn on and the line chunks are picked
// from: it must be the very output the explanations reduce (a region's sum over the map is the explained
// region's prediction; a chunk's value is that chunk's explained prediction), on third-party models.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { main } from '../../../src/cli';
import type { Attribution } from '../../../src/protocol/attributionTypes';
import type { ExplainSettings } from '../../../src/protocol/explainTypes';
import type { InferenceBackend } from '../../../src/engine/runtime/backend';
import { diskFolders } from '../../../src/engine/data/listDir';
import { openModel } from '../../../src/engine/runtime/ortOpen';
import { DEFAULT_RUNTIME } from '../../../src/engine/runtime/runtimeOptions';
import type { JobEnvironment } from '../../../src/engine/explain/jobs/jobData';
import { runOutputMap } from '../../../src/engine/explain/outputMap';
import { RESET_STATE_NOTE } from '../../../src/engine/explain/sequence/sequenceModel';
import { ppocrTextDetector } from '../../support/thirdPartyImages';
import { thirdPartyModel } from '../../support/thirdPartyModels';

const ROOT = path.resolve(__dirname, '../../..');
const fixture = (...p: string[]) => path.join(ROOT, 'test', 'fixtures', ...p);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lens-output-map-'));

function environment(): JobEnvironment {
  const open = new Map<string, Promise<InferenceBackend>>();
  return {
    readFile: async (f) => new Uint8Array(await readFile(f)),
    folders: diskFolders,
    backend: (p) => open.get(p) ?? open.set(p, openModel(p, DEFAULT_RUNTIME)).get(p)!,
  };
}

async function cliExplain(args: string[]): Promise<Attribution> {
  let out = '';
  let err = '';
  const code = await main(['explain', ...args, '--json'], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  assert.equal(code, 0, err);
  return JSON.parse(out) as Attribution;
}

describe('output map: the whole output the targets and rows are picked on', function () {
  this.timeout(120_000);

  it("PaddleOCR text detector: the picture's probability map; a box's sum over it is the region target's output", async () => {
    const m = await ppocrTextDetector();
    const picture = fixture('images', 'textline_192x48.png');
    const image = { ...m.image, size: [64, 192] as [number, number] };
    const settings: ExplainSettings = { data: picture, method: 'auto', image };
    const map = await runOutputMap(environment(), m.path, settings);
    assert.equal(map.kind, 'image');
    if (map.kind !== 'image') return;
    assert.deepEqual(map.dims, [1, 64, 192]);
    assert.equal(map.values.length, 64 * 192);
    // A sigmoid: every value a probability.
    assert.ok(map.values.every((v) => v >= 0 && v <= 1));
    // Brute force over the box the user would drag (bottom and right exclusive) equals the explained target.
    let sum = 0;
    for (let y = 16; y < 48; y++) for (let x = 0; x < 96; x++) sum += map.values[y * 192 + x];
    const side = path.join(tmp, 'ppocr-map.lens.json');
    writeFileSync(side, JSON.stringify({ image }));
    const a = await cliExplain([
      m.path,
      '--data',
      picture,
      '--sidecar',
      side,
      '--target',
      'region:16,0,48,96',
      '--method',
      'occlusion',
    ]);
    assert.ok(Math.abs(a.predictions[0][0] - sum) <= 1e-3 * Math.max(1, sum), `${a.predictions[0][0]} vs ${sum}`);
  });

  it('Silero VAD on a WAV: one output per 512-sample chunk of the whole recording, each its explained prediction', async () => {
    const vad = await thirdPartyModel('silero_vad_v5');
    const wav = fixture('audio', 'hello_16k.wav');
    const settings: ExplainSettings = { data: wav, method: 'auto', sequence: { length: 512 } };
    const map = await runOutputMap(environment(), vad, settings);
    assert.equal(map.kind, 'sequence');
    if (map.kind !== 'sequence') return;
    assert.equal(map.sampleRate, 16000);
    assert.equal(map.chunkLength, 512);
    assert.equal(map.values.length, map.chunks.length * map.columns);
    assert.ok(map.chunks.length > 17, `${map.chunks.length} chunks`);
    map.chunks.forEach((c, i) => assert.equal(c, `hello_16k.wav[${i * 512}:${(i + 1) * 512}]`));
    assert.ok(map.notes.includes(RESET_STATE_NOTE), map.notes.join('; '));
    const side = path.join(tmp, 'vad-map.lens.json');
    writeFileSync(side, JSON.stringify({ sequence: { length: 512 } }));
    const rows = [2, 11, 17];
    const a = await cliExplain([
      vad,
      '--data',
      wav,
      '--sidecar',
      side,
      '--rows',
      rows.join(','),
      '--method',
      'occlusion',
    ]);
    rows.forEach((r, i) => {
      const want = a.predictions[i][0];
      assert.ok(Math.abs(map.values[r * map.columns] - want) <= 1e-6, `chunk ${r}: ${map.values[r]} vs ${want}`);
    });
  });
});
