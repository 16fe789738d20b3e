// Compare on pictures and texts: the model's kind of input reads the rows (preprocessed, tokenized) and both models run them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WaveFile } from 'wavefile';
import { runCompareJob } from '../../../src/engine/compare/compareJob';
import { diskFolders } from '../../../src/engine/data/listDir';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import type { InferenceBackend } from '../../../src/engine/runtime/backend';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const DIGITS = path.join(FIXTURES, 'images', 'digits');
const cnn = (name: string) => path.join(FIXTURES, 'models', name);

function environment() {
  const sessions: InferenceBackend[] = [];
  return {
    sessions,
    env: {
      readFile: (f: string) => readFile(f),
      folders: diskFolders,
      backend: async (p: string) => {
        const b = await OrtBackend.create(p);
        sessions.push(b);
        return b;
      },
    },
  };
}

describe('compare on pictures, texts and WAVs', function () {
  this.timeout(60_000);
  const pictures = readFileSync(path.join(DIGITS, 'ref.json'), 'utf8').match(/\.png/g)!.length;

  it('a picture model against itself: every picture run, agreement 1, no difference', async () => {
    const { env, sessions } = environment();
    const r = await runCompareJob(env, cnn('quadrant_cnn.onnx'), cnn('quadrant_cnn.onnx'), { data: DIGITS });
    for (const s of sessions) await s.dispose();
    assert.equal(r.data?.rows, pictures);
    assert.equal(r.agreement, 1);
    assert.deepEqual(r.max_abs_diff, { logits: 0 });
    assert.deepEqual(r.differing_rows, []);
    assert.ok(r.notes.some((n) => /importance/.test(n)));
  });

  it('a copy with 0.25 added to one logit: every row differs by 0.25 in that column and 0 in the other', async () => {
    const { env, sessions } = environment();
    const r = await runCompareJob(env, cnn('quadrant_cnn.onnx'), cnn('quadrant_cnn_shifted.onnx'), { data: DIGITS });
    for (const s of sessions) await s.dispose();
    assert.equal(r.data?.rows, pictures);
    // float32 logits: 0.25 is exact, the logit's rounding is within 1e-6 of it.
    assert.ok(Math.abs(r.max_abs_diff!.logits - 0.25) < 1e-6, String(r.max_abs_diff!.logits));
    assert.ok(Math.abs(r.mean_abs_diff!.logits - 0.125) < 1e-6, String(r.mean_abs_diff!.logits));
  });

  it('a text model against itself: every sentence tokenized and run, no difference', async () => {
    const { env, sessions } = environment();
    const sentences = path.join(FIXTURES, 'text', 'sentences.txt');
    const lines = readFileSync(sentences, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '').length;
    const additive = path.join(FIXTURES, 'text', 'additive.onnx');
    const r = await runCompareJob(env, additive, additive, { data: sentences });
    for (const s of sessions) await s.dispose();
    assert.equal(r.data?.rows, lines);
    assert.equal(r.agreement, 1);
    assert.deepEqual(r.max_abs_diff, { logits: 0 });
  });

  it("a sequence model against itself on a WAV: the model's 128 steps cut it into rows, no difference", async () => {
    const { env, sessions } = environment();
    // 512 three-channel float samples: four rows of the model's 128 steps.
    const channels = [0, 1, 2].map((c) => Array.from({ length: 512 }, (_, t) => Math.sin((t + 1) * (c + 1) * 0.01)));
    const w = new WaveFile();
    w.fromScratch(3, 8000, '32f', channels);
    const wav = path.join(mkdtempSync(path.join(os.tmpdir(), 'compare-wav-')), 'three.wav');
    writeFileSync(wav, w.toBuffer());
    const ntf = cnn('planted_window_ntf.onnx');
    const r = await runCompareJob(env, ntf, ntf, { data: wav });
    for (const s of sessions) await s.dispose();
    assert.equal(r.data?.rows, 4);
    assert.equal(r.agreement, 1);
    assert.deepEqual(r.max_abs_diff, { logits: 0 });
  });
});
