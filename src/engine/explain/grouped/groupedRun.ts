/**
 * What every kind of grouped explanation (images, text, sequences) takes from its job, how the job builds it
 * from the user's settings and its environment, and the attribution every kind starts from.
 */
import type { Attribution, InputKind } from '../../../protocol/attributionTypes';
import type { ExplainSettings } from '../../../protocol/explainTypes';
import type { BatchModel, CancelToken } from '../batchModel';
import { pooledValuesFor } from '../evaluationPool';
import type { JobEnvironment } from '../jobs/jobData';
import { runSettings } from '../jobs/runSettings';
import type { PooledValues } from '../shapley/coalitionValues';
import type { Link } from '../shapley/link';
import type { ExplainGroupedInput, GroupedMethod, RowFeatures } from './explainGrouped';

export interface GroupedRun {
  model: BatchModel;
  method: GroupedMethod;
  outputName: string;
  columnNames: string[];
  /** The explained rows' indices in the data. */
  rowIndices: number[];
  classes?: number;
  targetClass?: string | number;
  /** Coalitions per row: partition's budget, kernel's coalitions, permutations, or LIME's samples. */
  samples?: number;
  seed?: number;
  link?: Link;
  cancel?: CancelToken;
  /** Model rows done of the planned total, with an ETA. */
  progress?: (done: number, total: number) => void;
  plannedEvaluations: number;
  onPartial?: (attribution: Attribution) => void;
  rowsInFlight?: number;
  pooledValues?: PooledValues;
}

/** How the engine's evaluation workers open this model (the dims a free input takes, per input). */
export interface PoolModel {
  modelPath: string;
  input: string;
  inputDims?: number[];
  dimsOf?: Record<string, number[]>;
}

/** What a job's plan (images, text, sequences) says of the run: its method, model, output columns and rows. */
export interface GroupedPlan {
  method: GroupedMethod;
  model: BatchModel & { outputName: string };
  columns: string[];
  prepared: { rowIndices: number[] };
  info: { evaluations: number };
}

/** The run's hooks from a job's settings and environment: progress with an ETA, partial rows, the worker pool. */
export function groupedRun(
  env: JobEnvironment & { onPartial?: (a: Attribution) => void },
  settings: ExplainSettings,
  plan: GroupedPlan,
  pool: PoolModel,
  rowsInFlight = 1,
): GroupedRun {
  const started = performance.now();
  return {
    model: plan.model,
    method: plan.method,
    outputName: plan.model.outputName,
    columnNames: plan.columns,
    rowIndices: plan.prepared.rowIndices,
    plannedEvaluations: plan.info.evaluations,
    classes: settings.classes,
    targetClass: settings.targetClass,
    ...runSettings(settings, env),
    progress: (done, total) => {
      const eta = done > 0 ? ((performance.now() - started) / 1000) * ((total - done) / done) : undefined;
      env.progress?.(done, total, eta);
    },
    onPartial: env.onPartial,
    rowsInFlight: env.pool ? rowsInFlight : 1,
    pooledValues: pooledValuesFor(env, { ...pool, output: settings.output, target: settings.target }),
  };
}

/** The grouped engine's input for a run over `count` rows with these features. */
export function groupedInput(
  run: GroupedRun,
  rows: Float64Array,
  count: number,
  features: (r: number, x: Float64Array) => RowFeatures,
  lime: ExplainGroupedInput['lime'],
): Omit<ExplainGroupedInput, 'onDraft'> {
  return {
    model: run.model,
    method: run.method,
    columnNames: run.columnNames,
    rows,
    count,
    features,
    classes: run.classes,
    targetClass: run.targetClass,
    samples: run.samples,
    lime,
    seed: run.seed,
    link: run.link,
    cancel: run.cancel,
    onRows: (done) => run.progress?.(done, run.plannedEvaluations),
    pooledValues: run.pooledValues,
    rowsInFlight: run.rowsInFlight,
  };
}

/** An attribution of this kind with no rows yet; the kind's own lists come in `extra`. */
export function emptyGroupedAttribution(kind: InputKind, run: GroupedRun, extra: Partial<Attribution>): Attribution {
  return {
    kind,
    method: run.method,
    output: run.outputName,
    output_columns: run.columnNames,
    feature_names: [],
    rows: [],
    feature_values: [],
    values: [],
    base_values: new Array<number>(run.model.columns).fill(0),
    row_base_values: [],
    predictions: [],
    evaluations: 0,
    seconds: 0,
    link: run.link ?? 'identity',
    targets: [],
    faithfulness: [],
    ...(run.method === 'lime' ? { intercept: [], local_prediction: [], score: [] } : {}),
    ...extra,
  };
}
