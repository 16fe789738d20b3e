/**
 * Estimator accuracy at equal budgets: the mean absolute error against exact Shapley values of Model Lens's
 * `kernel` and `permutation` and of shap's KernelExplainer and PermutationExplainer sampling (bench/shapBaselines.ts)
 * with the same number of coalitions, on a 30-feature gradient-boosted ensemble (exact values from TreeSHAP) and
 * the 13-feature wine MLP (exact values from all 2^13 coalitions); and how often the exact value lies within two
 * of the reported standard errors. Run with `npm run bench:explain` (after bench/explain.ts) or
 * `npx tsx bench/accuracy.ts`; exits 1 when a requirement fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom, summariseBackground, takeRows, type Background, type Rows } from '../src/engine/data/background';
import { loadTable } from '../src/engine/data/loadTable';
import { backendModel } from '../src/engine/explain/backendModel';
import { BatchEvaluator } from '../src/engine/explain/evaluator';
import {
  backgroundMean,
  singleFeatureGroups,
  valueFunction,
  type ValueFunction,
} from '../src/engine/explain/shapley/coalitionValues';
import { exactShapley } from '../src/engine/explain/shapley/exact';
import { defaultKernelBudget } from '../src/engine/explain/shapley/kernelPlan';
import { kernelExplainerWithErrors, type KernelOptions } from '../src/engine/explain/shapley/kernel';
import { permutationExplainerWithErrors } from '../src/engine/explain/shapley/permutation';
import { maskKey } from '../src/engine/explain/shapley/pairPlan';
import type { GroupValues, RowProblem } from '../src/engine/explain/shapley/types';
import { treeSupport } from '../src/engine/explain/tree/explainTreeModel';
import { treeShap } from '../src/engine/explain/tree/treeShap';
import { readModelFile } from '../src/engine/onnx/loadFile';
import { OrtBackend } from '../src/engine/runtime/ortBackend';
import { shapKernel, shapPermutation } from './shapBaselines';

const ROOT = path.resolve(__dirname, '..');
const fixture = (p: string) => path.join(ROOT, 'test/fixtures', p);
const SEEDS = Number(process.env.ACCURACY_SEEDS ?? 6);
let failed = false;

function check(label: string, ok: boolean, detail: string): void {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${label}: ${detail}`);
  if (!ok) failed = true;
}

function numericData(file: string, width: number): Rows {
  const t = loadTable(readFileSync(file), file);
  const values = new Float64Array(t.rows * width);
  for (let r = 0; r < t.rows; r++) for (let c = 0; c < width; c++) values[r * width + c] = t.values[r * t.cols + c];
  return { values, rows: t.rows, cols: width };
}

/** A value function that remembers each coalition's value for the current row (seeds share many coalitions). */
function remembering(vf: ValueFunction): ValueFunction {
  let row: Float64Array | undefined;
  let memo = new Map<string | number, Float64Array>();
  const m = vf.groups.count;
  const c = vf.columns;
  return {
    groups: vf.groups,
    columns: c,
    async values(x, masks, count) {
      if (x !== row) {
        row = x;
        memo = new Map();
      }
      const keys = Array.from({ length: count }, (_, k) => maskKey(masks.subarray(k * m, (k + 1) * m)));
      const missing = [...new Set(keys.filter((k) => !memo.has(k)))];
      if (missing.length > 0) {
        const at = new Map(missing.map((k, q) => [k, q]));
        const todo = new Uint8Array(missing.length * m);
        keys.forEach((k, q) => {
          const slot = at.get(k);
          if (slot !== undefined) todo.set(masks.subarray(q * m, (q + 1) * m), slot * m);
        });
        const v = await vf.values(x, todo, missing.length);
        missing.forEach((k, q) => memo.set(k, v.slice(q * c, (q + 1) * c)));
      }
      const out = new Float64Array(count * c);
      keys.forEach((k, q) => out.set(memo.get(k)!, q * c));
      return out;
    },
  };
}

interface Case {
  label: string;
  vf: ValueFunction;
  problems: { x: Float64Array; full: Float64Array; empty: Float64Array; exact: Float64Array }[];
}

async function caseOf(
  label: string,
  file: string,
  data: Rows,
  bg: Background,
  rows: number,
  exactFrom: 'tree' | 'enumeration',
): Promise<Case> {
  const backend = await OrtBackend.create(file);
  const model = await backendModel(backend, {}, bg.values.subarray(0, data.cols));
  const ev = new BatchEvaluator(model);
  const vf = remembering(valueFunction(ev, bg, singleFeatureGroups(data.cols), 'identity'));
  const empty = backgroundMean(await ev.evaluateRows(bg.values, bg.rows), bg, model.columns);
  const explained = takeRows(
    data,
    Array.from({ length: rows }, (_, i) => i),
  );
  let treeValues: Float64Array | undefined;
  if (exactFrom === 'tree') {
    const { model: graph, bytes } = await readModelFile(file);
    treeValues = treeShap(treeSupport(graph, bytes)!.ensemble, explained, bg, { backgroundWeights: bg.weights }).values;
  }
  const problems: Case['problems'] = [];
  const d = data.cols;
  for (let r = 0; r < rows; r++) {
    const x = explained.values.slice(r * d, (r + 1) * d);
    const full = await ev.evaluateRows(x, 1);
    const exact = treeValues
      ? treeValues.slice(r * d * model.columns, (r + 1) * d * model.columns)
      : await exactShapley({ vf, x, full, empty, random: seededRandom(0) });
    problems.push({ x, full, empty, exact });
  }
  return { label, vf, problems };
}

type Estimator = (p: RowProblem) => Promise<{ values: GroupValues; stdErrors?: Float64Array }>;

/** Mean absolute error over rows, seeds, features and columns, and the share of values within 2 SE. */
async function score(cs: Case, make: (seed: number) => Estimator) {
  let err = 0;
  let n = 0;
  let covered = 0;
  let withSe = 0;
  for (let seed = 1; seed <= SEEDS; seed++) {
    const estimate = make(seed);
    for (const p of cs.problems) {
      const got = await estimate({
        vf: cs.vf,
        x: p.x,
        full: p.full,
        empty: p.empty,
        random: seededRandom(seed * 7919),
      });
      got.values.forEach((v, i) => {
        const e = Math.abs(v - p.exact[i]);
        err += e;
        n++;
        const se = got.stdErrors?.[i];
        if (se !== undefined && Number.isFinite(se)) {
          withSe++;
          if (e <= 2 * se + 1e-9) covered++;
        }
      });
    }
  }
  return { mae: err / n, coverage: withSe > 0 ? covered / withSe : NaN };
}

async function compare(cs: Case, variants: Record<string, KernelOptions>) {
  const m = cs.vf.groups.count;
  const budget = defaultKernelBudget(m);
  const shapK = await score(cs, () => async (p) => ({ values: await shapKernel(p, budget) }));
  const results: Record<string, number> = {};
  for (const [name, options] of Object.entries(variants)) {
    const ours = await score(cs, (seed) => kernelExplainerWithErrors(m, seededRandom(seed), { budget, ...options }));
    results[name] = ours.mae / shapK.mae;
    console.log(
      `  ${cs.label} kernel[${name}]: MAE ${ours.mae.toExponential(3)} vs shap ${shapK.mae.toExponential(3)} ` +
        `= ${(ours.mae / shapK.mae).toFixed(3)}x; within 2 SE: ${(100 * ours.coverage).toFixed(1)}%`,
    );
  }
  // Permutation at shap's default of 500 evaluations' worth of antithetic pairs, at equal coalitions.
  const pairs = Math.max(1, Math.round(500 / (2 * m + 1)));
  const coalitions = pairs * 2 * (m - 1);
  const shapP = await score(cs, () => async (p) => ({ values: await shapPermutation(p, pairs) }));
  const perm = await score(cs, (seed) => permutationExplainerWithErrors(m, seededRandom(seed), 2 * pairs));
  console.log(
    `  ${cs.label} permutation (${coalitions} coalitions): MAE ${perm.mae.toExponential(3)} vs shap ${shapP.mae.toExponential(3)} ` +
      `= ${(perm.mae / shapP.mae).toFixed(3)}x; within 2 SE: ${(100 * perm.coverage).toFixed(1)}%`,
  );
  return { kernel: results, permutation: perm.mae / shapP.mae };
}

async function main(): Promise<void> {
  const variants: Record<string, KernelOptions> = process.env.ACCURACY_VARIANTS
    ? (JSON.parse(process.env.ACCURACY_VARIANTS) as Record<string, KernelOptions>)
    : { default: {} };
  const gbr = numericData(fixture('models/gbr30.csv'), 30);
  const gbrBg = summariseBackground(gbr, { backgroundSize: 30, method: 'sample', random: seededRandom(0) });
  const wine = numericData(fixture('data/wine.csv'), 13);
  const wineBg = summariseBackground(wine, { backgroundSize: 30, method: 'sample', random: seededRandom(0) });
  const cases = [
    await caseOf('gbr30 (30 features, TreeSHAP)', fixture('models/gbr30.onnx'), gbr, gbrBg, 6, 'tree'),
    await caseOf('mlp_wine (13 features, exact)', fixture('models/mlp_wine.onnx'), wine, wineBg, 6, 'enumeration'),
  ];
  for (const cs of cases) {
    const r = await compare(cs, variants);
    const k = r.kernel[Object.keys(variants)[0]];
    check(
      `${cs.label}: kernel error vs shap's KernelExplainer at equal coalitions`,
      k <= 0.5,
      `${k.toFixed(3)}x (limit 0.5x)`,
    );
    check(
      `${cs.label}: permutation error vs shap's PermutationExplainer at equal coalitions`,
      r.permutation <= 0.7,
      `${r.permutation.toFixed(3)}x (limit 0.7x)`,
    );
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
