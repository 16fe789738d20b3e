/**
 * Model-agnostic attributions for a set of rows: the background mean and each row's output in one
 * batch, then per row the chosen method, reporting progress and each finished row as it comes.
 */
import type { Attribution } from '../../protocol/attributionTypes';
import type { Rows } from '../data/background';
import { rowBytes, type BatchModel, type CancelToken } from './batchModel';
import { BatchEvaluator } from './evaluator';
import { quartileBins } from './lime/discretize';
import { limeTabular } from './lime/lime';
import { inOrder } from './inOrder';
import { ensureAllFit } from './limits';
import { planExplanation, planSizes, type AgnosticMethod, type ExplainPlan } from './plan';
import { seededRandom } from './random';
import {
  backgroundMean,
  singleFeatureGroups,
  valueFunction,
  type BackgroundSet,
  type FeatureGroups,
  type ValueFunction,
  type PooledValues,
} from './shapley/coalitionValues';
import { exactExplainer } from './shapley/exact';
import { kernelExplainerWithErrors } from './shapley/kernel';
import { linkValue, type Link } from './shapley/link';
import { permutationExplainerWithErrors } from './shapley/permutation';
import type { RowProblem } from './shapley/types';

/** The feature standing for a model's other inputs, held at each explained row's values. */
export const HELD_INPUTS = 'other inputs (at this row)';

export interface ExplainRowsInput {
  model: BatchModel;
  method: AgnosticMethod | 'auto';
  outputName: string;
  columnNames: string[];
  featureNames: string[];
  /** The explained rows and their indices in the data file. */
  rows: Rows;
  rowIndices: number[];
  background: BackgroundSet;
  groups?: FeatureGroups;
  samples?: number;
  /** Sampled methods: sample in rounds until every standard error is below this (samples the most spent). */
  tolerance?: number;
  seed?: number;
  link?: Link;
  cancel?: CancelToken;
  /** Model rows evaluated of the planned total. */
  progress?: (done: number, total: number) => void;
  /** Each explained row as soon as it is done (its position in `rowIndices`). */
  onRow?: (position: number, partial: Attribution) => void;
  /** Rows explained at once (default 1; the worker pool's size when it evaluates). */
  rowsInFlight?: number;
  /** A value function evaluated elsewhere (the engine's worker pool); rows it evaluates go to `onRows`. */
  pooledValues?: PooledValues;
}

export async function explainRows(input: ExplainRowsInput): Promise<{ attribution: Attribution; plan: ExplainPlan }> {
  const t0 = performance.now();
  const { model, rows } = input;
  const groups = input.groups ?? singleFeatureGroups(model.features);
  const link = input.link ?? 'identity';
  const plan = planExplanation({
    method: input.method,
    groups: groups.count,
    backgroundRows: input.background.rows,
    explainedRows: rows.rows,
    samples: input.samples,
    tolerance: input.tolerance,
  });
  ensureAllFit(planSizes(plan, groups.count, input.samples, input.background.rows, model.features, rowBytes(model)));
  // Held inputs cost each row one more coalition (the empty one, evaluated at the row).
  if (plan.method !== 'lime' && groups.groupOf.some((g) => g < 0))
    plan.evaluations += rows.rows * input.background.rows;
  if (plan.method === 'lime' && link !== 'identity')
    throw new Error('LIME fits the output itself; --link logit does not apply');
  const evaluator = new BatchEvaluator(model, {
    cancel: input.cancel,
    onRows: (done) => input.progress?.(done, plan.evaluations),
  });
  const c = model.columns;
  const bgOut = await evaluator.evaluateRows(input.background.values, input.background.rows);
  const meanOut = backgroundMean(bgOut, input.background, c);
  const predictions = await evaluator.evaluateRows(rows.values, rows.rows);
  if (link !== 'identity') checkLinkDomain(input, link, bgOut, predictions);
  const shapleyMethod = plan.method !== 'lime';
  const vf =
    shapleyMethod && input.pooledValues
      ? await input.pooledValues(input.background, groups, link, (rows) => evaluator.countRows(rows))
      : valueFunction(evaluator, input.background, groups, link);
  try {
    return await explainEach(input, plan, evaluator, vf, groups, link, meanOut, predictions, t0);
  } finally {
    (vf as { dispose?(): void }).dispose?.();
  }
}

async function explainEach(
  input: ExplainRowsInput,
  plan: ExplainPlan,
  evaluator: BatchEvaluator,
  vf: ValueFunction,
  groups: FeatureGroups,
  link: Link,
  meanOut: Float64Array,
  predictions: Float64Array,
  t0: number,
): Promise<{ attribution: Attribution; plan: ExplainPlan }> {
  const { model, rows } = input;
  const c = model.columns;
  // The row's elements that are attributed (one group each for LIME; the rest are other inputs).
  const explainedColumns = Array.from(groups.groupOf).flatMap((group, e) => (group >= 0 ? [e] : []));
  // Other inputs held at each row's values enter as one more feature, so base + values = prediction.
  const holdsInputs = explainedColumns.length < model.features && plan.method !== 'lime';
  // LIME's training data is the background, the reference distribution of every method (lime's training_data).
  const bins =
    plan.method === 'lime'
      ? quartileBins(takeColumns({ ...input.background, cols: model.features }, explainedColumns))
      : [];
  const seed = input.seed ?? 0;
  const explainer = shapleyExplainer(plan, groups.count, seededRandom(seed), input.samples, input.tolerance);
  const sampled = plan.method === 'kernel' || plan.method === 'permutation';

  const attribution: Attribution = {
    method: plan.method,
    output: input.outputName,
    output_columns: input.columnNames,
    feature_names: holdsInputs ? [...input.featureNames, HELD_INPUTS] : input.featureNames,
    rows: [],
    feature_values: [],
    values: [],
    base_values: Array.from(meanOut, (v) => linkValue(v, link)),
    predictions: [],
    evaluations: 0,
    seconds: 0,
    link,
    ...(plan.method === 'lime' ? { intercept: [], local_prediction: [], score: [] } : {}),
    ...(sampled ? { std_errors: [] } : {}),
    ...(sampled && input.tolerance !== undefined ? { converged: [], tolerance: input.tolerance } : {}),
  };
  const d = model.features;
  const explainOne = async (r: number) => {
    const x = rows.values.subarray(r * d, (r + 1) * d);
    if (plan.method === 'lime') {
      // Each row's samples come from the seed and the row's index, whatever else is explained with it.
      const random = seededRandom((seed * 1_000_003 + input.rowIndices[r]) >>> 0);
      return {
        lime: await limeTabular(evaluator, bins, x, { columns: explainedColumns, samples: input.samples, random }),
      };
    }
    const fx = predictions.subarray(r * c, (r + 1) * c);
    // With other inputs held at the row, the empty coalition keeps them: its value is the row's own.
    const empty = holdsInputs
      ? await vf.values(x, new Uint8Array(groups.count), 1)
      : Float64Array.from(attribution.base_values);
    const problem: RowProblem = {
      vf,
      x,
      full: Float64Array.from(fx, (v) => linkValue(v, link)),
      empty,
      random: seededRandom(seed),
    };
    const { values: phi, stdErrors, converged } = await explainer!(problem);
    const held = holdsInputs ? Array.from(empty, (v, j) => v - attribution.base_values[j]) : undefined;
    return { phi, stdErrors, converged, held };
  };
  // Rows in flight at once: as many as the value function's workers, so none waits for another's half.
  await inOrder(rows.rows, input.rowsInFlight ?? 1, explainOne, (r, done) => {
    attribution.rows.push(input.rowIndices[r]);
    attribution.feature_values.push([
      ...explainedColumns.map((e) => rows.values[r * d + e]),
      ...(holdsInputs ? [NaN] : []),
    ]);
    // Predictions in the link's units, so base + values = prediction; the model's own output beside them.
    const raw = Array.from(predictions.subarray(r * c, (r + 1) * c));
    attribution.predictions.push(link === 'identity' ? raw : raw.map((v) => linkValue(v, link)));
    if (link !== 'identity') (attribution.raw_predictions ??= []).push(raw);
    if (done.lime) {
      attribution.values.push(nested(done.lime.weights, groups.count, c));
      attribution.intercept!.push(Array.from(done.lime.intercept));
      attribution.local_prediction!.push(Array.from(done.lime.localPrediction));
      attribution.score!.push(Array.from(done.lime.score));
    } else {
      attribution.values.push([...nested(done.phi!, groups.count, c), ...(done.held ? [done.held] : [])]);
      // The held inputs' effect is computed, not sampled: its error is 0.
      if (done.stdErrors && attribution.std_errors)
        attribution.std_errors.push([
          ...nested(done.stdErrors, groups.count, c),
          ...(done.held ? [done.held.map(() => 0)] : []),
        ]);
      if (attribution.converged) attribution.converged.push(done.converged ?? false);
    }
    attribution.evaluations = evaluator.evaluations;
    attribution.seconds = (performance.now() - t0) / 1000;
    input.onRow?.(r, attribution);
  });
  return { attribution, plan };
}

/** Refuses the logit link for outputs that are not probabilities, naming the output, the row and the value. */
function checkLinkDomain(input: ExplainRowsInput, link: Link, bgOut: Float64Array, predictions: Float64Array) {
  const c = input.model.columns;
  const check = (values: Float64Array, row: (r: number) => string) => {
    for (let i = 0; i < values.length; i++) {
      const column = input.columnNames[i % c] ?? String(i % c);
      linkValue(values[i], link, () => `output '${input.outputName}' column '${column}' at ${row(Math.floor(i / c))}`);
    }
  };
  check(predictions, (r) => `row ${input.rowIndices[r]}`);
  check(bgOut, (b) => `background row ${b}`);
}

/** The Shapley method's explainer, its coalitions drawn once from the seed for all rows. */
function shapleyExplainer(
  plan: ExplainPlan,
  groups: number,
  random: () => number,
  samples: number | undefined,
  tolerance: number | undefined,
): ((p: RowProblem) => Promise<{ values: Float64Array; stdErrors?: Float64Array; converged?: boolean }>) | undefined {
  switch (plan.method) {
    case 'exact': {
      const exact = exactExplainer(groups);
      return async (p) => ({ values: await exact(p) });
    }
    case 'kernel':
      return kernelExplainerWithErrors(groups, random, { budget: samples, tolerance });
    case 'permutation':
      return permutationExplainerWithErrors(groups, random, samples, { tolerance });
    default:
      return undefined;
  }
}

function nested(values: Float64Array, groups: number, columns: number): number[][] {
  return Array.from({ length: groups }, (_, i) => Array.from(values.subarray(i * columns, (i + 1) * columns)));
}

function takeColumns(m: Rows, columns: readonly number[]): Rows {
  if (columns.length === m.cols) return m;
  const values = new Float64Array(m.rows * columns.length);
  for (let r = 0; r < m.rows; r++)
    columns.forEach((e, j) => (values[r * columns.length + j] = m.values[r * m.cols + e]));
  return { values, rows: m.rows, cols: columns.length };
}
