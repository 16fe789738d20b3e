/**
 * Model-agnostic attributions for a set of rows: the background mean and each row's output in one
 * batch, then per row the chosen method, reporting progress and each finished row as it comes.
 */
import type { Attribution } from '../../protocol/attributionTypes';
import type { Rows } from '../data/background';
import type { BatchModel, CancelToken } from './batchModel';
import { BatchEvaluator } from './evaluator';
import { quartileBins } from './lime/discretize';
import { limeTabular } from './lime/lime';
import { planExplanation, type AgnosticMethod, type ExplainPlan } from './plan';
import { seededRandom } from './random';
import {
  backgroundMean,
  singleFeatureGroups,
  valueFunction,
  type BackgroundSet,
  type FeatureGroups,
} from './shapley/coalitionValues';
import { exactShapley } from './shapley/exact';
import { kernelShap } from './shapley/kernel';
import { linkValue, type Link } from './shapley/link';
import { permutationShap } from './shapley/permutation';
import type { RowProblem } from './shapley/types';

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
  /** LIME's training data for its quartiles (default: the background). */
  training?: Rows;
  groups?: FeatureGroups;
  samples?: number;
  seed?: number;
  link?: Link;
  cancel?: CancelToken;
  /** Model rows evaluated of the planned total. */
  progress?: (done: number, total: number) => void;
  /** Each explained row as soon as it is done (its position in `rowIndices`). */
  onRow?: (position: number, partial: Attribution) => void;
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
  });
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
  const vf = valueFunction(evaluator, input.background, groups, link);
  const bins =
    plan.method === 'lime' ? quartileBins(input.training ?? { ...input.background, cols: model.features }) : [];
  const random = seededRandom(input.seed ?? 0);

  const attribution: Attribution = {
    method: plan.method,
    output: input.outputName,
    output_columns: input.columnNames,
    feature_names: input.featureNames,
    rows: [],
    feature_values: [],
    values: [],
    base_values: Array.from(meanOut, (v) => linkValue(v, link)),
    predictions: [],
    evaluations: 0,
    seconds: 0,
    link,
    ...(plan.method === 'lime' ? { intercept: [], local_prediction: [], score: [] } : {}),
  };
  const d = model.features;
  for (let r = 0; r < rows.rows; r++) {
    const x = rows.values.subarray(r * d, (r + 1) * d);
    const fx = predictions.subarray(r * c, (r + 1) * c);
    attribution.rows.push(input.rowIndices[r]);
    attribution.feature_values.push(Array.from(x));
    attribution.predictions.push(Array.from(fx));
    if (plan.method === 'lime') {
      const fit = await limeTabular(evaluator, bins, x, { samples: input.samples, random });
      attribution.values.push(nested(fit.weights, groups.count, c));
      attribution.intercept!.push(Array.from(fit.intercept));
      attribution.local_prediction!.push(Array.from(fit.localPrediction));
      attribution.score!.push(Array.from(fit.score));
    } else {
      const problem: RowProblem = {
        vf,
        x,
        full: Float64Array.from(fx, (v) => linkValue(v, link)),
        empty: Float64Array.from(attribution.base_values),
        random,
      };
      attribution.values.push(nested(await shapley(plan, problem, input.samples), groups.count, c));
    }
    attribution.evaluations = evaluator.evaluations;
    attribution.seconds = (performance.now() - t0) / 1000;
    input.onRow?.(r, attribution);
  }
  return { attribution, plan };
}

function shapley(plan: ExplainPlan, p: RowProblem, samples: number | undefined): Promise<Float64Array> {
  switch (plan.method) {
    case 'exact':
      return exactShapley(p);
    case 'kernel':
      return kernelShap(p, { budget: samples });
    case 'permutation':
      return permutationShap(p, samples);
    default:
      throw new Error(`${plan.method} is not a Shapley method`);
  }
}

function nested(values: Float64Array, groups: number, columns: number): number[][] {
  return Array.from({ length: groups }, (_, i) => Array.from(values.subarray(i * columns, (i + 1) * columns)));
}
