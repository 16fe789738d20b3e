/** `evaluate` and `rules` from a user's settings (worker and CLI alike): the model on labelled rows. */
import path from 'node:path';
import type {
  ClassificationEvaluation,
  CurvePoints,
  Evaluation,
  EvaluateSettings,
  RegressionEvaluation,
  RulesResult,
  RulesSettings,
} from '../../protocol/evaluationTypes';
import { DataError } from '../data/table';
import { labelValues } from '../explain/jobs/globalJobs';
import { classNamesFor, metadataNames, type JobEnvironment } from '../explain/jobs/jobData';
import { bootstrapIntervals } from './bootstrap';
import {
  accuracy,
  balancedAccuracy,
  brier,
  confusionMatrix,
  f1Macro,
  f1Weighted,
  logLoss,
  perClass,
  predictedClasses,
} from './metrics';
import { predictAll, toProbabilities, type Predictions } from './predict';
import { averagePrecision, calibrationCurve, column, descendingOrder, prCurve, rocAuc, rocCurve } from './ranking';
import { mae, r2, residualQuantiles, rmse } from './regression';
import { errorCohorts, fitSurrogate, rulesOf, treeJson } from './surrogate';

export interface EvaluationTiming {
  modelMs: number;
  metricMs: number;
}

export async function runEvaluateJob(
  env: JobEnvironment,
  modelPath: string,
  s: EvaluateSettings,
  timing?: EvaluationTiming,
): Promise<Evaluation> {
  const p = await predictAll(env, modelPath, s);
  const t0 = performance.now();
  const textLabels = !(p.data.extra.find((e) => e.name === s.label)?.values instanceof Float64Array);
  const task = s.task ?? (textLabels || p.model.columns > 1 ? 'classification' : guessOneColumn(p, s.label));
  const result = task === 'classification' ? classify(p, s, modelPath) : regress(p, s, modelPath);
  if (timing) {
    timing.modelMs = p.modelMs;
    timing.metricMs = performance.now() - t0;
  }
  return result;
}

/** One output column is a binary classifier when labels are 0/1 and outputs probabilities; else a regressor. */
function guessOneColumn(p: Predictions, label: string): 'classification' | 'regression' {
  const extra = p.data.extra.find((e) => e.name === label);
  const values = extra?.values instanceof Float64Array ? extra.values : undefined;
  if (!values || !values.every((v) => v === 0 || v === 1)) return 'regression';
  return p.outputs.every((v) => v >= 0 && v <= 1) ? 'classification' : 'regression';
}

function base(p: Predictions, s: EvaluateSettings, modelPath: string) {
  return {
    model: path.basename(modelPath),
    data: path.basename(s.data),
    output: p.model.outputName,
    rows: p.data.rows,
    resamples: s.resamples ?? 200,
    seed: s.seed ?? 0,
    feature_names: p.featureNames,
  };
}

function classify(p: Predictions, s: EvaluateSettings, modelPath: string): ClassificationEvaluation {
  const n = p.data.rows;
  const { probs, classes: k, scores } = toProbabilities(p.outputs, n, p.model.columns);
  const classes = k === p.model.columns ? classNamesFor(p.file, k, s.classNames) : namesForTwo(p, s.classNames);
  const raw = labelValues(p.data, s.label, classes, s.data);
  const bad = raw.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= k);
  if (bad >= 0) {
    throw new DataError(
      path.basename(s.data),
      `label ${raw[bad]} is not a class: labels are class indices 0..${k - 1} or names (${classes.join(', ')})`,
      { row: p.data.rowNumbers[bad], column: { name: s.label } },
    );
  }
  const labels = Int32Array.from(raw);
  if (s.threshold !== undefined && k !== 2) throw new Error(`--threshold applies to binary models; this one has ${k} classes`);
  const predicted = predictedClasses(probs, n, k, s.threshold);
  const cols = Array.from({ length: k }, (_, j) => column(probs, n, k, j));
  const orders = cols.map((c) => descendingOrder(c));
  const positives = Array.from({ length: k }, (_, j) => Uint8Array.from(labels, (y) => (y === j ? 1 : 0)));
  // Binary: the positive class's AUC; multi-class: one-vs-rest macro over the classes with an AUC.
  const auc = (w?: Float64Array): number | null => {
    if (k === 2) return rocAuc(orders[1], cols[1], positives[1], w);
    const each = orders.map((o, j) => rocAuc(o, cols[j], positives[j], w)).filter((a): a is number => a !== null);
    return each.length > 0 ? each.reduce((a, b) => a + b, 0) / each.length : null;
  };
  const headline = (w?: Float64Array) => {
    const cm = confusionMatrix(labels, predicted, k, w);
    const pc = perClass(cm);
    return {
      accuracy: accuracy(cm),
      balanced_accuracy: balancedAccuracy(cm),
      f1_macro: f1Macro(pc),
      roc_auc: auc(w),
      log_loss: logLoss(labels, probs, k, w),
    };
  };
  const cm = confusionMatrix(labels, predicted, k);
  const pc = perClass(cm);
  const shown = k === 2 ? [1] : Array.from({ length: k }, (_, j) => j);
  const curves: CurvePoints[] = shown.map((j) => ({
    class: classes[j],
    roc: { ...rocCurve(orders[j], cols[j], positives[j]), auc: rocAuc(orders[j], cols[j], positives[j]) },
    pr: {
      ...prCurve(orders[j], cols[j], positives[j]),
      average_precision: averagePrecision(orders[j], cols[j], positives[j]),
    },
  }));
  const error = Float64Array.from(labels, (y, i) => (y === predicted[i] ? 0 : 1));
  const h = headline();
  return {
    task: 'classification',
    ...base(p, s, modelPath),
    classes,
    scores,
    threshold: s.threshold ?? null,
    accuracy: h.accuracy,
    balanced_accuracy: h.balanced_accuracy,
    precision: pc.precision,
    recall: pc.recall,
    f1: pc.f1,
    support: pc.support,
    f1_macro: h.f1_macro,
    f1_weighted: f1Weighted(pc),
    confusion_matrix: cm.map((r) => Array.from(r)),
    roc_auc: h.roc_auc,
    average_precision: orders.map((o, j) => averagePrecision(o, cols[j], positives[j])),
    log_loss: h.log_loss,
    brier: brier(labels, probs, k),
    calibration: shown.map((j) => ({ class: classes[j], bins: calibrationCurve(cols[j], positives[j]) })),
    curves,
    ci: bootstrapIntervals(n, s.resamples ?? 200, s.seed ?? 0, headline),
    errors: {
      target: 'misclassified',
      overall_error: 1 - h.accuracy,
      cohorts: errorCohorts(p.data.values, p.data.cols, error, p.featureNames, true),
    },
    labels: Array.from(labels),
    predicted: Array.from(predicted),
    ...(k === 2 ? { positive_probability: Array.from(cols[1]) } : {}),
  };
}

/** A one-column binary model's two classes: named in metadata or settings when two names are given. */
function namesForTwo(p: Predictions, fromSettings?: string[]): string[] {
  for (const names of [fromSettings, metadataNames(p.file.model, 'class_names')]) {
    if (names && names.length === 2) return names;
  }
  return ['0', '1'];
}

function regress(p: Predictions, s: EvaluateSettings, modelPath: string): RegressionEvaluation {
  const n = p.data.rows;
  const c = p.model.columns;
  const actual = labelValues(p.data, s.label, undefined, s.data);
  const predicted = Float64Array.from({ length: n }, (_, i) => p.outputs[i * c]);
  const headline = (w?: Float64Array) => ({
    mae: mae(actual, predicted, w),
    rmse: rmse(actual, predicted, w),
    r2: r2(actual, predicted, w),
  });
  const h = headline();
  const error = Float64Array.from(actual, (y, i) => Math.abs(y - predicted[i]));
  return {
    task: 'regression',
    ...base(p, s, modelPath),
    ...h,
    residuals: residualQuantiles(actual, predicted),
    ci: bootstrapIntervals(n, s.resamples ?? 200, s.seed ?? 0, headline),
    errors: {
      target: 'absolute_residual',
      overall_error: h.mae,
      cohorts: errorCohorts(p.data.values, p.data.cols, error, p.featureNames, false),
    },
    labels: Array.from(actual),
    predicted: Array.from(predicted),
  };
}

export async function runRulesJob(env: JobEnvironment, modelPath: string, s: RulesSettings): Promise<RulesResult> {
  const p = await predictAll(env, modelPath, s);
  if (s.label !== undefined) {
    if (p.featureNames.includes(s.label)) {
      throw new Error(`${path.basename(s.data)}: the label column "${s.label}" is one of the model's inputs`);
    }
    labelValues(p.data, s.label, undefined, s.data); // says so when the column is missing
  }
  const n = p.data.rows;
  const c = p.model.columns;
  const task = s.task ?? (c > 1 ? 'classification' : 'regression');
  const depth = s.depth ?? 3;
  let y: ArrayLike<number>;
  let classes: string[] | undefined;
  if (task === 'classification') {
    const { probs, classes: k } = toProbabilities(p.outputs, n, c);
    classes = k === c ? classNamesFor(p.file, k, s.classNames) : namesForTwo(p, s.classNames);
    y = predictedClasses(probs, n, k);
  } else {
    y = Float64Array.from({ length: n }, (_, i) => p.outputs[i * c]);
  }
  const data = { x: p.data.values, d: p.data.cols, y, classes: classes?.length ?? 0 };
  const fit = fitSurrogate(data, depth, s.seed ?? 0);
  return {
    model: path.basename(modelPath),
    data: path.basename(s.data),
    output: p.model.outputName,
    task,
    ...(classes ? { classes } : {}),
    depth,
    fidelity: fit.fidelity,
    train_rows: fit.train.length,
    holdout_rows: fit.holdout.length,
    rules: rulesOf(fit.root, data, p.featureNames, classes),
    tree: treeJson(fit.root, p.featureNames, data.classes),
  };
}
