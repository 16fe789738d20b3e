/**
 * Attributions over feature groups that differ per row (an image's segments, a sentence's words, a
 * signal's windows), each row with its own masker background: the same value function and explainers
 * as tables, then the explained targets and their faithfulness curves. Input kinds add their own views.
 */
import type { Attribution, FaithfulnessCurves } from '../../../protocol/attributionTypes';
import type { BatchModel, CancelToken } from '../batchModel';
import { BatchEvaluator } from '../evaluator';
import { faithfulnessCurves } from '../faithfulness';
import { inOrder } from '../inOrder';
import type { Hierarchy } from '../features/hierarchy';
import type { OcclusionGrid } from '../features/occlusionGrid';
import { chooseTargets } from './targets';
import { limeBinary, type LimeBinaryOptions } from '../lime/limeBinary';
import type { LimeResult } from '../lime/lime';
import { occlusionExplainer } from '../occlusion/occlusion';
import { partitionExplainer } from '../partition/partition';
import { seededRandom } from '../random';
import { valueFunction, type BackgroundSet, type FeatureGroups, type PooledValues } from '../shapley/coalitionValues';
import { exactExplainer } from '../shapley/exact';
import { kernelExplainerWithErrors } from '../shapley/kernel';
import { linkValue, type Link } from '../shapley/link';
import { permutationExplainerWithErrors } from '../shapley/permutation';
import type { GroupValues, RowProblem } from '../shapley/types';

export type GroupedMethod = 'partition' | 'kernel' | 'lime' | 'exact' | 'permutation' | 'occlusion';

/** One row's features: its groups, what a hidden group becomes, and the structure a method needs. */
export interface RowFeatures {
  groups: FeatureGroups;
  background: BackgroundSet;
  /** Size of each group in the units the curves' x axis counts (pixels, tokens, time steps). */
  sizes: Int32Array;
  /** partition: a hierarchy over the groups. */
  hierarchy?: Hierarchy;
  /** occlusion: the windows over the groups. */
  occlusion?: OcclusionGrid;
}

/** What one explained row gives: values for every output column, and what was explained of them. */
export interface GroupedRowResult {
  position: number;
  features: RowFeatures;
  /** [group][column], all output columns. */
  phi: GroupValues;
  /** The fully masked row's output (the base the values start from), per column, after the link. */
  empty: Float64Array;
  prediction: Float64Array;
  targets: number[];
  curves: FaithfulnessCurves[];
  lime?: LimeResult;
  /** Sampled methods (kernel, permutation): the standard error of each value, [group][column]. */
  stdErrors?: Float64Array;
}

export interface ExplainGroupedInput {
  model: BatchModel;
  method: GroupedMethod;
  columnNames: string[];
  /** The explained rows, row-major (model.features values each). */
  rows: Float64Array;
  count: number;
  /** The features of row r (x is its values). */
  features: (r: number, x: Float64Array) => RowFeatures;
  classes?: number;
  targetClass?: string | number;
  /** Partition's budget, kernel's coalitions, permutations, or LIME's samples. */
  samples?: number;
  /** LIME's sampling for this kind of input (the lime package's image or text defaults). */
  lime: Omit<LimeBinaryOptions, 'random' | 'samples' | 'distance'> & { samples: number };
  seed?: number;
  link?: Link;
  cancel?: CancelToken;
  /** Model rows evaluated so far. */
  onRows?: (done: number) => void;
  /** Rows explained at once (default 1; the worker pool's size when it evaluates). */
  rowsInFlight?: number;
  /** A provisional result while a row refines (partition, coarse levels first). */
  onDraft?: (row: GroupedRowResult) => void;
  pooledValues?: PooledValues;
}

/** Explains each row in turn, handing each finished row to `onRow`; returns the model rows evaluated. */
export async function explainGrouped(
  input: ExplainGroupedInput,
  onRow: (row: GroupedRowResult) => void,
): Promise<number> {
  const { model } = input;
  const c = model.columns;
  const d = model.features;
  const link = input.link ?? 'identity';
  const evaluator = new BatchEvaluator(model, { cancel: input.cancel, onRows: input.onRows });
  const predictions = await evaluator.evaluateRows(input.rows, input.count);
  const seed = input.seed ?? 0;
  const explainOne = async (r: number): Promise<GroupedRowResult> => {
    const x = input.rows.subarray(r * d, (r + 1) * d);
    const prediction = predictions.slice(r * c, (r + 1) * c);
    const full = Float64Array.from(prediction, (v) => linkValue(v, link));
    const targets = chooseTargets(prediction, input.columnNames, {
      classes: input.classes,
      targetClass: input.targetClass,
    });
    const features = input.features(r, x);
    const m = features.groups.count;
    const vf = input.pooledValues
      ? await input.pooledValues(features.background, features.groups, link, (rows) => evaluator.countRows(rows))
      : valueFunction(evaluator, features.background, features.groups, link);
    try {
      const empty = await vf.values(x, new Uint8Array(m), 1);
      const problem: RowProblem = { vf, x, full, empty, random: seededRandom(seed) };
      const draft = (phi: GroupValues) =>
        input.onDraft?.({ position: r, features, phi, empty, prediction, targets, curves: [] });
      const { phi, lime, stdErrors } = await explainRow(input, features, problem, targets, draft);
      const curves: FaithfulnessCurves[] = [];
      for (const t of targets) {
        const values = Float64Array.from({ length: m }, (_, s) => phi[s * c + t]);
        const random = seededRandom((seed * 7919 + r) >>> 0);
        curves.push(await faithfulnessCurves(problem, values, t, features.sizes, { random }));
      }
      return { position: r, features, phi, empty, prediction, targets, curves, lime, stdErrors };
    } finally {
      (vf as { dispose?(): void }).dispose?.();
    }
  };
  // Rows in flight at once: a row's refinement rounds are sequential, so other rows fill the workers meanwhile.
  await inOrder(input.count, input.rowsInFlight ?? 1, explainOne, (_, row) => onRow(row));
  return evaluator.evaluations;
}

async function explainRow(
  input: ExplainGroupedInput,
  features: RowFeatures,
  problem: RowProblem,
  targets: number[],
  draft: (phi: GroupValues) => void,
): Promise<{ phi: GroupValues; lime?: LimeResult; stdErrors?: Float64Array }> {
  const m = features.groups.count;
  const random = seededRandom(input.seed ?? 0);
  switch (input.method) {
    case 'partition': {
      if (!features.hierarchy) throw new Error('partition needs a hierarchy over the features');
      const explain = partitionExplainer(features.hierarchy, {
        budget: input.samples,
        priorityColumns: targets,
        // Coarse maps go out while the row refines (explainInto throttles them); none when no one draws them.
        onRefine: input.onDraft ? (values) => draft(values) : undefined,
      });
      return { phi: await explain(problem) };
    }
    case 'kernel':
    case 'permutation': {
      // The same sampled estimators as tables, with their standard errors.
      const explain =
        input.method === 'kernel'
          ? kernelExplainerWithErrors(m, random, { budget: input.samples })
          : permutationExplainerWithErrors(m, random, input.samples);
      const sampled = await explain(problem);
      return { phi: sampled.values, stdErrors: sampled.stdErrors };
    }
    case 'exact':
      return { phi: await exactExplainer(m)(problem) };
    case 'occlusion':
      if (!features.occlusion) throw new Error('occlusion needs windows over the features');
      return { phi: await occlusionExplainer(features.occlusion)(problem) };
    case 'lime': {
      const lime = await limeBinary(problem, {
        ...input.lime,
        distance: 'cosine',
        samples: input.samples ?? input.lime.samples,
        random: seededRandom(((input.seed ?? 0) * 1_000_003 + 17) >>> 0),
      });
      return { phi: lime.weights, lime };
    }
  }
}

/**
 * Runs a grouped explanation into an attribution: each finished row appended by the input kind's `append`,
 * and the rows so far (with the next row's coarse draft while it refines) handed to `onPartial` at most
 * every 200 ms and always at the end; nothing is copied when no one listens.
 */
export async function explainInto(
  attribution: Attribution,
  append: (a: Attribution, row: GroupedRowResult) => void,
  input: Omit<ExplainGroupedInput, 'onDraft'>,
  onPartial?: (a: Attribution) => void,
): Promise<Attribution> {
  const t0 = performance.now();
  let last = 0;
  const due = () => performance.now() - last > 200;
  const send = (a: Attribution) => {
    last = performance.now();
    onPartial!(structuredClone(a));
  };
  const evaluations = await explainGrouped(
    {
      ...input,
      onDraft: onPartial
        ? (row) => {
            // Only the next row in order refines on screen; rows ahead of it wait their turn.
            if (row.position !== attribution.rows.length || !due()) return;
            const draft = structuredClone(attribution);
            append(draft, row);
            send(draft);
          }
        : undefined,
    },
    (row) => {
      append(attribution, row);
      attribution.seconds = (performance.now() - t0) / 1000;
      if (onPartial && (due() || row.position === input.count - 1)) send(attribution);
    },
  );
  attribution.evaluations = evaluations;
  attribution.seconds = (performance.now() - t0) / 1000;
  return attribution;
}

/** A row's standard errors for its targets, [group][k], when its method sampled them. */
export function targetErrors(row: GroupedRowResult): number[][] | undefined {
  if (!row.stdErrors) return undefined;
  const c = row.empty.length;
  const m = row.features.groups.count;
  return Array.from({ length: m }, (_, s) => row.targets.map((t) => row.stdErrors![s * c + t]));
}

/**
 * What every kind of grouped row adds to its attribution: the row, its prediction and base, its targets'
 * values (and standard errors, LIME's fit), its curves. The kind adds its own layout (maps, tokens, windows).
 */
export function appendGroupedRow(a: Attribution, row: GroupedRowResult, rowIndex: number): void {
  const c = row.empty.length;
  const m = row.features.groups.count;
  a.rows.push(rowIndex);
  a.predictions.push(Array.from(row.prediction));
  a.row_base_values!.push(Array.from(row.empty));
  // A row's base is its fully masked input's output; base_values is their mean over the rows.
  a.base_values = a.base_values.map(
    (_, j) => a.row_base_values!.reduce((s, b) => s + b[j], 0) / a.row_base_values!.length,
  );
  a.feature_values.push([]);
  a.targets!.push(row.targets);
  a.values.push(Array.from({ length: m }, (_, s) => row.targets.map((t) => row.phi[s * c + t])));
  const errors = targetErrors(row);
  if (errors) (a.std_errors ??= []).push(errors);
  a.faithfulness!.push(row.curves);
  if (row.lime) {
    a.intercept!.push(Array.from(row.lime.intercept));
    a.local_prediction!.push(Array.from(row.lime.localPrediction));
    a.score!.push(Array.from(row.lime.score));
  }
}

/** Target k's value for each group of a row. */
export function targetColumn(row: GroupedRowResult, t: number): Float64Array {
  const c = row.empty.length;
  return Float64Array.from({ length: row.features.groups.count }, (_, s) => row.phi[s * c + t]);
}
