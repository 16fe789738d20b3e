// Model Lens's LIME against numbers recorded from the `lime` package itself (test/fixtures/make_lime_reference.py):
// lime's own samples through our fit must give lime's coefficients, and our sampling must agree with lime's in
// distribution at the same defaults.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { backendModel } from '../../../../src/engine/explain/backendModel';
import { BatchEvaluator } from '../../../../src/engine/explain/evaluator';
import { binOf, quartileBins, type FeatureBins } from '../../../../src/engine/explain/lime/discretize';
import {
  LIME_SAMPLES,
  limeTabular,
  limeTabularFit,
  limeTabularSamples,
  limeTabularWeights,
  weightedRidge,
  type LimeResult,
} from '../../../../src/engine/explain/lime/lime';
import {
  binarySamples,
  cosineDistanceToOnes,
  LIME_TEXT,
  limeBinaryFit,
} from '../../../../src/engine/explain/lime/limeBinary';
import { seededRandom } from '../../../../src/engine/explain/random';
import { OrtBackend } from '../../../../src/engine/runtime/ortBackend';

const FIXTURES = path.resolve(__dirname, '../../../fixtures');
interface Fit {
  intercept: number;
  coefficients: number[];
  score: number;
  local_prediction: number;
}
interface LimeBins {
  edges: number[];
  means: number[];
  stds: number[];
  mins: number[];
  maxs: number[];
  values: number[];
  frequencies: number[];
}
interface Recorded {
  row: number;
  x: number[];
  samples: number;
  binary: string[];
  inputs: number[][];
  outputs: number[][];
  distances: number[];
  weights: number[];
  fits: Fit[];
}
interface Defaults {
  row: number;
  samples: number;
  seeds: number;
  match_rate: number[];
  mean_weight: number;
  drawn: Record<string, { mean: number; std: number; n: number }>;
  coefficients: { mean: number[][]; std: number[][] };
}
const ref = JSON.parse(readFileSync(path.join(FIXTURES, 'lime/lime_reference.json'), 'utf8')) as {
  tabular: { kernel_width: number; bins: LimeBins[]; recorded: Recorded[]; defaults: Defaults[] };
  text: {
    words: string[];
    kernel_width: number;
    distance_scale: number;
    samples: number;
    binary: string[];
    outputs: number[][];
    distances: number[];
    weights: number[];
    fits: Fit[];
    defaults: { samples: number; seeds: number; removed_counts: number[]; mean_weight: number };
  };
};

/** wine.csv's 13 features as the float32 model reads them (the values the fixture gave lime). */
function wineTraining() {
  const lines = readFileSync(path.join(FIXTURES, 'data/wine.csv'), 'utf8').trim().split('\n').slice(1);
  const values = Float64Array.from(
    lines.flatMap((l) =>
      l
        .split(',')
        .slice(0, 13)
        .map((v) => Math.fround(Number(v))),
    ),
  );
  return { values, rows: lines.length, cols: 13 };
}
const bits = (rows: string[]) => Uint8Array.from(rows.join(''), (ch) => (ch === '1' ? 1 : 0));
const close = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: ${got} vs lime's ${want} (tolerance ${tol})`);

function sameFit(ours: LimeResult, lime: Fit[], tol: number, what: string) {
  const c = lime.length;
  lime.forEach((fit, j) => {
    close(ours.intercept[j], fit.intercept, tol, `${what} intercept[${j}]`);
    close(ours.score[j], fit.score, tol, `${what} score[${j}]`);
    close(ours.localPrediction[j], fit.local_prediction, tol, `${what} local prediction[${j}]`);
    fit.coefficients.forEach((b, f) => close(ours.weights[f * c + j], b, tol, `${what} coefficient[${f}][${j}]`));
  });
}

async function wineEvaluator() {
  const backend = await OrtBackend.create(path.join(FIXTURES, 'models/mlp_wine.onnx'));
  const model = await backendModel(backend, {}, Float64Array.from(ref.tabular.recorded[0].x));
  return { backend, evaluator: new BatchEvaluator(model) };
}

describe("LIME against the lime package's recorded numbers", function () {
  this.timeout(60_000);
  const bins = quartileBins(wineTraining());

  it("quartile bins: edges, per-bin means, stds, bounds and frequencies are lime's QuartileDiscretizer's", () => {
    ref.tabular.bins.forEach((lime, f) => {
      const ours: FeatureBins = bins[f];
      assert.deepEqual(ours.edges, lime.edges, `feature ${f} edges`);
      for (const k of ['means', 'stds', 'mins', 'maxs'] as const) {
        lime[k].forEach((v, b) => close(ours[k][b], v, 1e-12 * Math.max(1, Math.abs(v)), `feature ${f} ${k}[${b}]`));
      }
      // lime keeps the bins that training rows fall in; the others have frequency 0 here.
      lime.values.forEach((b, i) => close(ours.frequencies[b], lime.frequencies[i], 1e-15, `feature ${f} frequency`));
      assert.equal(ours.frequencies.filter((p) => p > 0).length, lime.values.length);
    });
  });

  it("tabular: lime's samples through our kernel, model and ridge give lime's intercept, coefficients and score", async () => {
    const { backend, evaluator } = await wineEvaluator();
    try {
      for (const rec of ref.tabular.recorded) {
        const n = rec.samples;
        const m = 13;
        const binary = bits(rec.binary);
        // The row's own bins, as lime discretises it.
        rec.x.forEach((v, f) =>
          assert.equal(binary[f], 1, `sample 0 is the row (feature ${f} in bin ${binOf(bins[f].edges, v)})`),
        );
        const weights = limeTabularWeights(binary, n, m, 0.75 * Math.sqrt(m));
        close(0.75 * Math.sqrt(m), ref.tabular.kernel_width, 1e-15, 'kernel width');
        rec.weights.forEach((w, s) => close(weights[s], w, 1e-14, `row ${rec.row} weight ${s}`));
        // lime's own model outputs into our ridge: the fit alone.
        const y = Float64Array.from(rec.outputs.flat());
        sameFit(weightedRidge(binary, y, weights, n, m, 3, 1), rec.fits, 1e-12, `row ${rec.row} (lime's outputs)`);
        // lime's perturbed rows through onnxruntime and our whole fit (numpy and onnxruntime float32 outputs move the fit by ~1e-8).
        const inputs = Float64Array.from(rec.inputs.flat());
        const ours = await limeTabularFit(evaluator, { n, m, binary, inputs }, 0.75 * Math.sqrt(m));
        sameFit(ours, rec.fits, 1e-6, `row ${rec.row} (onnxruntime)`);
      }
    } finally {
      await backend.dispose();
    }
  });

  it("tabular sampling at lime's defaults agrees with lime's in distribution (bins drawn, values, weights, coefficients)", async () => {
    const { backend, evaluator } = await wineEvaluator();
    try {
      for (const lime of ref.tabular.defaults) {
        const x = Float64Array.from(ref.tabular.recorded.find((r) => r.row === lime.row)!.x);
        const seeds = 8;
        const N = LIME_SAMPLES - 1;
        const match = new Float64Array(13);
        let weightSum = 0;
        const drawn = new Map<string, { s: number; n: number }>();
        for (let seed = 0; seed < seeds; seed++) {
          const s = limeTabularSamples(bins, x, { samples: LIME_SAMPLES, random: seededRandom(500 + seed) });
          const w = limeTabularWeights(s.binary, s.n, s.m, 0.75 * Math.sqrt(13));
          for (let i = 1; i < s.n; i++) {
            weightSum += w[i];
            for (let f = 0; f < 13; f++) {
              match[f] += s.binary[i * 13 + f];
              const v = s.inputs[i * 13 + f];
              const key = `${f}:${binOf(bins[f].edges, v)}`;
              const d = drawn.get(key) ?? { s: 0, n: 0 };
              d.s += v;
              d.n++;
              drawn.set(key, d);
            }
          }
        }
        // Five standard errors of the difference of two means of `seeds` x 4999 draws each.
        lime.match_rate.forEach((p, f) => {
          const se = Math.sqrt((2 * p * (1 - p)) / (seeds * N));
          close(match[f] / (seeds * N), p, 5 * se, `row ${lime.row} feature ${f}: share of samples in the row's bin`);
        });
        close(
          weightSum / (seeds * N),
          lime.mean_weight,
          5 * Math.sqrt(2 / (seeds * N)) * 0.25,
          `row ${lime.row} mean weight`,
        );
        for (const [key, want] of Object.entries(lime.drawn)) {
          const got = drawn.get(key);
          assert.ok(got, `no draws in bin ${key}`);
          const se = want.std * Math.sqrt(1 / want.n + 1 / got.n) + 1e-9;
          close(got.s / got.n, want.mean, 5 * se, `row ${lime.row} bin ${key}: mean drawn value`);
        }
        // Our whole LIME over 4 seeds against lime's coefficients over 8: means within 5 standard errors.
        const ours: LimeResult[] = [];
        for (let seed = 0; seed < 4; seed++) {
          ours.push(await limeTabular(evaluator, bins, x, { random: seededRandom(900 + seed) }));
        }
        for (let j = 0; j < 3; j++) {
          for (let f = 0; f < 13; f++) {
            const mean = ours.reduce((a, r) => a + r.weights[f * 3 + j], 0) / ours.length;
            const sd = lime.coefficients.std[j][f];
            const se = sd * Math.sqrt(1 / lime.seeds + 1 / ours.length);
            close(mean, lime.coefficients.mean[j][f], 5 * se, `row ${lime.row} coefficient [${f}][${j}]`);
          }
        }
      }
    } finally {
      await backend.dispose();
    }
  });

  it("text: lime's samples through our cosine kernel (x 100, width 25) and ridge give lime's fit", () => {
    const t = ref.text;
    assert.equal(LIME_TEXT.kernelWidth, t.kernel_width);
    assert.equal(LIME_TEXT.distanceScale, t.distance_scale);
    const m = t.words.length;
    const data = bits(t.binary);
    for (let s = 0; s < t.samples; s++) {
      let on = 0;
      for (let f = 0; f < m; f++) on += data[s * m + f];
      close(100 * cosineDistanceToOnes(on, m), t.distances[s], 1e-9, `distance ${s}`);
    }
    const ours = limeBinaryFit(data, Float64Array.from(t.outputs.flat()), t.samples, m, 2, LIME_TEXT);
    sameFit(ours, t.fits, 1e-12, 'text');
  });

  it("text sampling at lime's defaults: words removed uniform in 1..M, the same mean weight", () => {
    const t = ref.text;
    const m = t.words.length;
    const seeds = t.defaults.seeds;
    const removed = new Float64Array(m + 1);
    let weightSum = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const data = binarySamples(m, LIME_TEXT.samples, 'size', seededRandom(700 + seed));
      const y = new Float64Array(LIME_TEXT.samples);
      for (let s = 1; s < LIME_TEXT.samples; s++) {
        let on = 0;
        for (let f = 0; f < m; f++) on += data[s * m + f];
        removed[m - on]++;
        const d = 100 * cosineDistanceToOnes(on, m);
        weightSum += Math.sqrt(Math.exp(-(d * d) / 625));
        y[s] = on;
      }
    }
    const N = seeds * (LIME_TEXT.samples - 1);
    t.defaults.removed_counts.forEach((count, k) => {
      // Counts of a multinomial: five standard errors of the difference of two.
      const p = count / N;
      close(removed[k], count, 5 * Math.sqrt(2 * N * p * (1 - p)) + 1e-9, `samples removing ${k} words`);
    });
    close(weightSum / N, t.defaults.mean_weight, 5 * Math.sqrt(2 / N) * 0.35, 'mean weight');
  });
});
