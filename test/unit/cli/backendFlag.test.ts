import assert from 'node:assert/strict';
import path from 'node:path';
import { main } from '../../../src/cli';
import type { Attribution } from '../../../src/protocol/attributionTypes';

const ROOT = path.resolve(__dirname, '../../..');
const fixture = (...p: string[]) => path.join(ROOT, 'test', 'fixtures', ...p);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s + '\n') });
  return { code, out, err };
}

describe('model-lens --backend', function () {
  this.timeout(60_000);
  const explain = (backend: string) =>
    cli([
      'explain',
      fixture('models', 'mlp_wine.onnx'),
      '--data',
      fixture('data', 'wine.csv'),
      '--rows',
      '0-1',
      '--method',
      'exact',
      '--backend',
      backend,
    ]);

  it('explains on WebAssembly as on the native library (exact Shapley values within 1e-5), saying which ran', async () => {
    const native = await explain('native');
    const wasm = await explain('wasm');
    assert.equal(native.code, 0, native.err);
    assert.equal(wasm.code, 0, wasm.err);
    assert.match(native.err, /runtime: native onnxruntime, cpu provider \(chosen by the backend setting\)/);
    assert.match(wasm.err, /runtime: onnxruntime WebAssembly, wasm provider \(chosen by the backend setting\)/);
    const a = JSON.parse(native.out) as Attribution;
    const b = JSON.parse(wasm.out) as Attribution;
    const x = a.values.flat(2);
    const y = b.values.flat(2);
    assert.equal(x.length, 2 * 13 * 3);
    x.forEach((v, i) => assert.ok(Math.abs(v - y[i]) < 1e-5, `value ${i}`));
    // Efficiency holds on the WebAssembly run too: base + values = prediction.
    for (let r = 0; r < 2; r++)
      for (let k = 0; k < 3; k++) {
        const sum = b.values[r].reduce((s, f) => s + f[k], b.base_values[k]);
        assert.ok(Math.abs(sum - b.predictions[r][k]) < 1e-5);
      }
  });

  it('refuses an unknown backend with exit 2', async () => {
    const r = await explain('gpu');
    assert.equal(r.code, 2);
    assert.match(r.err, /--backend must be one of auto, native, wasm, not 'gpu'/);
  });
});
