import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { graphJson } from '../../../src/engine/onnx/graphView';
import { readModel } from '../../../src/engine/onnx/reader';
import { inferModelShapes } from '../../../src/engine/onnx/shapes';
import { summarize } from '../../../src/engine/onnx/summary';
import { OnnxReadError } from '../../../src/engine/onnx/types';
import { weightStats } from '../../../src/engine/onnx/weightStats';
import { thirdPartyModel } from '../../support/thirdPartyModels';
import { seeded } from './build';

const MODELS = path.resolve(__dirname, '../../fixtures/models');
/** The issue's bound for reading any input, however broken. */
const MAX_READ_MS = 1000;

/** One random corruption: flipped bytes, a truncation, inserted bytes, or a huge length prefix. */
function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  const at = () => Math.floor(random() * bytes.length);
  const kind = Math.floor(random() * 4);
  if (kind === 0) {
    const out = bytes.slice();
    for (let k = 1 + Math.floor(random() * 8); k > 0; k--) out[at()] ^= 1 << Math.floor(random() * 8);
    return out;
  }
  if (kind === 1) return bytes.slice(0, at());
  if (kind === 2) {
    const i = at();
    const junk = Uint8Array.from({ length: 1 + Math.floor(random() * 16) }, () => Math.floor(random() * 256));
    const out = new Uint8Array(bytes.length + junk.length);
    out.set(bytes.subarray(0, i));
    out.set(junk, i);
    out.set(bytes.subarray(i), i + junk.length);
    return out;
  }
  const out = bytes.slice();
  out.set([0xff, 0xff, 0xff, 0xff, 0x07], Math.min(at(), bytes.length - 5));
  return out;
}

/** Reads and uses the model the way the extension does; returns how long the read took. */
function exercise(bytes: Uint8Array): number {
  const t0 = performance.now();
  try {
    const model = readModel(bytes);
    const ms = performance.now() - t0;
    const shapes = inferModelShapes(model);
    summarize(model, shapes);
    graphJson(model, shapes);
    weightStats(model, bytes);
    return ms;
  } catch (e) {
    if (!(e instanceof OnnxReadError))
      throw new Error(`unexpected ${e instanceof Error ? `${e.name}: ${e.message}` : typeof e}`, { cause: e });
    return performance.now() - t0;
  }
}

describe('onnx reader fuzz (seeded)', function () {
  // Thousands of reads: the per-read limit below is the check; the whole test may take longer on a busy machine.
  this.timeout(60_000);
  it('turns thousands of corrupted real models into OnnxReadError or a graph, each read promptly', async () => {
    const small = ['mlp_diabetes', 'rf_iris_zipmap', 'lr_wine', 'gb_breast_cancer'].map((n) =>
      readFileSync(path.join(MODELS, `${n}.onnx`)),
    );
    const large = [
      readFileSync(path.join(MODELS, 'cnn_digits28.onnx')),
      readFileSync(await thirdPartyModel('silero_vad_legacy')),
      readFileSync(await thirdPartyModel('silero_vad_v5')),
    ];
    const random = seeded(20240601);
    let worst = 0;
    let errors = 0;
    const runs = [
      ...Array.from({ length: 3000 }, (_, i) => small[i % small.length]),
      ...Array.from({ length: 300 }, (_, i) => large[i % large.length]),
    ];
    for (const original of runs) {
      const input = mutate(original, random);
      const readMs = exercise(input);
      worst = Math.max(worst, readMs);
      assert.ok(readMs < MAX_READ_MS, `a read took ${readMs.toFixed(0)} ms`);
    }
    for (let i = 0; i < 200; i++) {
      try {
        readModel(Uint8Array.from({ length: 1 + Math.floor(random() * 4096) }, () => Math.floor(random() * 256)));
      } catch (e) {
        assert.ok(e instanceof OnnxReadError, String(e));
        errors++;
      }
    }
    assert.ok(errors > 150, 'random bytes are nearly always refused');
    assert.ok(worst < MAX_READ_MS);
  });
});
