/** `evaluate` and `rules` from a user's settings (worker and CLI alike): the model on labelled rows. */
import path from 'node:path';
import type {
  ClassificationEvaluation,
  Evaluation,
  EvaluateSettings,
  RegressionEvaluation,
  RulesResult,
  RulesSettings,
} from '../../protocol/evaluationTypes';
import { DataError } from '../data/table';
import { labelValues } from '../commands/globalJobs';
import { classNamesFor, readModelFor, type JobEnvironment } from '../explain/jobs/jobData';
import { classificationMetrics, regressionMetrics } from './evaluation';
import { predictedClasses } from './metrics';
import { evaluatedInput, predictAll, toProbabilities, type Predictions } from './predict';
import { fitSurrogate, rulesOf, treeJson } from './surrogate';

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
  const file = await readModelFor(env, modelPath);
  // Pictures are labelled by their class folders; tables and texts by a column.
  if (!s.label && evaluatedInput(file, s).kind !== 'image') {
    throw new Error(`name the label column of ${path.basename(s.data)} (--label COLUMN)`);
  }
  const p = await predictAll(env, modelPath, s, file);
  const t0 = performance.now();
  const result = evaluationOf(p, s, modelPath);
  if (timing) {
    timing.modelMs = p.modelMs;
    timing.metricMs = performance.now() - t0;
  }
  return result;
}

/** What an evaluation reads of a model's predictions: `compare` passes the outputs it ran itself. */
export type Predicted = Pick<Predictions, 'file' | 'data' | 'featureNames' | 'outputs'> &
  Partial<Pick<Predictions, 'kind' | 'classes' | 'labelColumn'>> & {
    model: Pick<Predictions['model'], 'columns' | 'outputName'>;
  };

/** The evaluation of outputs already computed (n x columns of `p.model.outputName`) against the label column. */
export function evaluationOf(p: Predicted, s: EvaluateSettings, modelPath: string): Evaluation {
  const label = p.labelColumn ?? s.label;
  const textLabels = !(p.data.extra.find((e) => e.name === label)?.values instanceof Float64Array);
  // A folder per class is classification whatever the output's width.
  const classFolders = p.kind === 'image';
  const task =
    s.task ?? (classFolders || textLabels || p.model.columns > 1 ? 'classification' : guessOneColumn(p, label));
  return task === 'classification' ? classify(p, s, modelPath) : regress(p, s, modelPath);
}

/** One output column is a binary classifier when labels are 0/1 and outputs probabilities; else a regressor. */
function guessOneColumn(p: Predicted, label: string): 'classification' | 'regression' {
  const extra = p.data.extra.find((e) => e.name === label);
  const values = extra?.values instanceof Float64Array ? extra.values : undefined;
  if (!values || !values.every((v) => v === 0 || v === 1)) return 'regression';
  return p.outputs.every((v) => v >= 0 && v <= 1) ? 'classification' : 'regression';
}

function names(p: Predicted, s: EvaluateSettings, modelPath: string) {
  return {
    model: path.basename(modelPath),
    data: path.basename(s.data),
    output: p.model.outputName,
    feature_names: p.featureNames,
  };
}

function options(p: Predicted, s: EvaluateSettings) {
  const { threshold, resamples, seed } = s;
  const tabular = { x: p.data.values, d: p.data.cols, featureNames: p.featureNames };
  return { threshold, resamples, seed, ...((p.kind ?? 'table') === 'table' ? tabular : { noFeatures: noFeatures(p) }) };
}

/** Why an image or text model has no error cohorts or rules: both are trees over tabular features. */
function noFeatures(p: Predicted): string {
  return `${p.file.fileName} reads ${p.kind === 'image' ? 'pictures' : 'texts'}: error cohorts and rules are trees over a table's features, so they are not available for it`;
}

function classify(p: Predicted, s: EvaluateSettings, modelPath: string): ClassificationEvaluation {
  const c = p.model.columns;
  const classes = p.classes ?? (c > 1 ? classNamesFor(p.file, c, s.classNames) : namesForTwo(p, s.classNames));
  const k = classes.length;
  const label = p.labelColumn ?? s.label;
  const raw = labelValues(p.data, label, classes, s.data);
  const bad = raw.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= k);
  if (bad >= 0) {
    throw new DataError(
      path.basename(s.data),
      `label ${raw[bad]} is not a class: labels are class indices 0..${k - 1} or names (${classes.join(', ')})`,
      { row: p.data.rowNumbers[bad], column: { name: label } },
    );
  }
  const metrics = classificationMetrics(Int32Array.from(raw), p.outputs, c, options(p, s), classes);
  return { ...names(p, s, modelPath), classes, ...metrics };
}

/** A one-column binary model's two classes: named as any model's two classes are, else 0 and 1. */
function namesForTwo(p: Predicted, fromSettings?: string[]): string[] {
  return classNamesFor(p.file, 2, fromSettings);
}

function regress(p: Predicted, s: EvaluateSettings, modelPath: string): RegressionEvaluation {
  const c = p.model.columns;
  const actual = labelValues(p.data, p.labelColumn ?? s.label, undefined, s.data);
  const predicted = Float64Array.from({ length: p.data.rows }, (_, i) => p.outputs[i * c]);
  return { ...names(p, s, modelPath), ...regressionMetrics(actual, predicted, options(p, s)) };
}

export async function runRulesJob(env: JobEnvironment, modelPath: string, s: RulesSettings): Promise<RulesResult> {
  const file = await readModelFor(env, modelPath);
  const input = evaluatedInput(file, s);
  if (input.tableFeatures !== true) {
    throw new Error(
      `${file.fileName} reads ${input.tableFeatures.reason}: rules are a tree over a table's features, so they are not available for it`,
    );
  }
  // A label column is set aside (and a missing one named) where the data is read.
  const p = await input.predict(env, s);
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
