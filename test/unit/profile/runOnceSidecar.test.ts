// Run once reads the sidecar as Profile does: Silero VAD (a third-party speech model with a sample-rate input and
// a reflect-padded STFT) runs with the sidecar's sequence.length and hold, and the panel's moved fields still win.

import assert from 'node:assert/strict';
import { runOnceSample } from '../../../src/engine/profile/sidecarDims';
import { DEFAULT_RUNTIME } from '../../../src/engine/runtime/runtimeOptions';
import { openModel } from '../../../src/engine/runtime/ortOpen';
import { parseSidecar } from '../../../src/engine/settings/sidecar';
import { ModelRegistry } from '../../../src/engine/worker/modelRegistry';
import type { TensorInfo } from '../../../src/engine/runtime/backend';
import { thirdPartyModel } from '../../support/thirdPartyModels';

/** What the panel sends when nothing was touched: every free dim at the default, the integer scalar at 0. */
const untouched = { dimSizes: { 'input[0]': 1, 'input[1]': 1, 'state[1]': 1 }, fill: { sr: 0 } };

describe('Run once with the sidecar', () => {
  const registry = new ModelRegistry((p) => openModel(p, DEFAULT_RUNTIME));
  after(() => registry.disposeAll());

  it('Silero VAD v5 runs with sequence.length and sequence.hold from its sidecar', async function () {
    this.timeout(60_000);
    const vad = await registry.load(await thirdPartyModel('silero_vad_v5'));
    // The cause of the Pad error out of the box: a free time axis generated at 1 sample.
    await assert.rejects(
      registry.runOnce(vad.modelId, { ...untouched, defaultDimSize: 1 }, 4),
      /input \[1, 1\].*Pad reflect requires axis length >= 2.*silero_vad_v5\.onnx\.lens\.json: sequence\.length/,
    );
    const side = parseSidecar(JSON.stringify({ sequence: { length: 512, hold: { sr: 16000 } } }), 'vad.lens.json');
    assert.deepEqual(side.problems, []);
    const sample = runOnceSample(vad.inputs as TensorInfo[], { sequence: side.sequence }, untouched, 1);
    assert.equal(sample.dimSizes?.['input[1]'], 512);
    assert.equal(sample.fill?.sr, 16000);
    const result = await registry.runOnce(vad.modelId, sample, 4);
    assert.deepEqual(
      result.inputs.map((i) => [i.name, i.dims]),
      [
        ['input', [1, 512]],
        ['state', [2, 1, 128]],
        ['sr', []],
      ],
    );
    const p = result.outputs[0].preview[0] as number;
    assert.ok(p >= 0 && p <= 1, `a speech probability: ${p}`);
  });

  it('a sample-rate scalar defaults to 16 kHz, and sequence.length alone is enough for Silero VAD', async function () {
    this.timeout(60_000);
    const vad = await registry.load(await thirdPartyModel('silero_vad_legacy'));
    const sample = runOnceSample(
      vad.inputs as TensorInfo[],
      { sequence: { length: 512 } },
      { dimSizes: {}, fill: { sr: 0 } },
      1,
    );
    assert.equal(sample.fill?.sr, 16000);
    const result = await registry.runOnce(vad.modelId, sample, 4);
    const p = result.outputs[0].preview[0] as number;
    assert.ok(p >= 0 && p <= 1, `a speech probability: ${p}`);
  });

  it("the panel's moved fields override the sidecar; fields left at the default do not", () => {
    const inputs: TensorInfo[] = [
      { name: 'x', isTensor: true, elementType: 'float32', shape: ['batch', 'time'] },
      { name: 'sr', isTensor: true, elementType: 'int64', shape: [] },
    ];
    const settings = { sequence: { length: 256, hold: { sr: 8000 } } };
    const kept = runOnceSample(inputs, settings, { dimSizes: { batch: 1, time: 1 }, fill: { sr: 0 } }, 1);
    assert.deepEqual(kept.dimSizes, { time: 256 });
    assert.deepEqual(kept.fill, { sr: 8000 });
    const moved = runOnceSample(inputs, settings, { dimSizes: { batch: 3, time: 100 }, fill: { sr: 22050 } }, 1);
    assert.deepEqual(moved.dimSizes, { time: 100, batch: 3 });
    assert.deepEqual(moved.fill, { sr: 22050 });
  });

  it('image.size sizes a free image input as Profile sizes it', () => {
    const inputs: TensorInfo[] = [
      { name: 'pixels', isTensor: true, elementType: 'float32', shape: ['n', 3, 'h', 'w'] },
    ];
    const sample = runOnceSample(
      inputs,
      { image: { size: [64, 48] } },
      { dimSizes: { n: 1, h: 1, w: 1 }, fill: {} },
      1,
    );
    // image.size is [height, width].
    assert.deepEqual(sample.dimSizes, { h: 64, w: 48 });
  });
});
