/** The JSON of `model-lens evaluate` and `model-lens rules`, and what the Evaluation tab shows. */
import type { ExplainSettings } from './explainTypes';

/** Whether a model is scored as a classifier or a regressor (the Evaluation tab, `--task`). */
export const TASK_CHOICES = ['classification', 'regression'] as const;

/** Image and text models' settings (the sidecar's preprocessing, tokenizer and text column), as explaining reads them. */
type InputKindSettings = Pick<ExplainSettings, 'image' | 'text' | 'sidecarName'>;

export interface EvaluateSettings extends InputKindSettings {
  /** A table, a text file (.csv, .jsonl) with a label column, or (image models) a folder with a subfolder per class. */
  data: string;
  /** The data column holding labels: class indices, class names, or regression targets (images: unused). */
  label: string;
  input?: string;
  output?: string;
  /** Binary models: class 1 when its probability is at least this (default: the larger probability wins). */
  threshold?: number;
  /** Classification or regression (default: classification when the output has several columns or labels are names). */
  task?: (typeof TASK_CHOICES)[number];
  /** Bootstrap resamples for the intervals (default 200) and their seed (default 0). */
  resamples?: number;
  seed?: number;
  featureNames?: string[];
  classNames?: string[];
}

export interface RulesSettings extends InputKindSettings {
  data: string;
  /** A label column to leave out of the features (not used for fitting). */
  label?: string;
  input?: string;
  output?: string;
  depth?: number;
  task?: (typeof TASK_CHOICES)[number];
  seed?: number;
  featureNames?: string[];
  classNames?: string[];
}

/** A bootstrap 95% interval: the 2.5th and 97.5th percentiles over resamples. */
export interface Interval {
  low: number;
  high: number;
  /** Why the interval cannot be trusted (few rows, resamples missing classes, the estimate outside it), when so. */
  unreliable?: string;
}

export interface CurvePoints {
  class: string;
  /** ROC: false and true positive rates; PR: recall and precision, at descending thresholds. */
  roc: { fpr: number[]; tpr: number[]; thresholds: number[]; auc: number | null };
  pr: { recall: number[]; precision: number[]; thresholds: number[]; average_precision: number | null };
}

export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  mean_predicted: number;
  fraction_positive: number;
}

/** A leaf of a tree over the features: its IF ... rule and the rows it holds. */
export interface Condition {
  feature: string;
  op: '<=' | '>';
  threshold: number;
}

export interface ErrorCohort {
  conditions: Condition[];
  rule: string;
  /** Rows in the cohort, and its share of every row. */
  size: number;
  coverage: number;
  /** Share of its rows the model gets wrong (regression: mean absolute residual). */
  error_rate: number;
  /** Row numbers in the data (0-based data rows) for the Attributions tab. */
  rows: number[];
}

export interface ErrorAnalysis {
  /** Classification: a row is an error when its prediction is wrong; regression: its absolute residual. */
  target: 'misclassified' | 'absolute_residual';
  overall_error: number;
  cohorts: ErrorCohort[];
  /** Why there are no cohorts: image and text models have no tabular features to split on. */
  unavailable?: string;
}

interface EvaluationBase {
  model: string;
  data: string;
  output: string;
  rows: number;
  /** Bootstrap intervals of the headline metrics, reproducible by `seed`. */
  ci: Record<string, Interval>;
  resamples: number;
  seed: number;
  errors: ErrorAnalysis;
  feature_names: string[];
}

export interface ClassificationEvaluation extends EvaluationBase {
  task: 'classification';
  classes: string[];
  /** What the model's output held: probabilities as they are, or logits turned into probabilities by softmax (sigmoid for one column). */
  scores: 'probabilities' | 'logits';
  threshold: number | null;
  accuracy: number;
  balanced_accuracy: number;
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
  f1_macro: number;
  f1_weighted: number;
  confusion_matrix: number[][];
  roc_auc: number | null;
  average_precision: (number | null)[];
  log_loss: number;
  brier: number;
  calibration: { class: string; bins: CalibrationBin[] }[];
  curves: CurvePoints[];
  /** Per row: label and predicted class indices, and the positive class's probability (binary). */
  labels: number[];
  predicted: number[];
  positive_probability?: number[];
}

export interface RegressionEvaluation extends EvaluationBase {
  task: 'regression';
  mae: number;
  rmse: number;
  r2: number;
  /** Quantiles of actual - predicted. */
  residuals: { q: number; value: number }[];
  labels: number[];
  predicted: number[];
}

export type Evaluation = ClassificationEvaluation | RegressionEvaluation;

export interface TreeNode {
  /** A split: `feature <= threshold` goes left. A leaf has neither. */
  feature?: string;
  threshold?: number;
  left?: TreeNode;
  right?: TreeNode;
  rows: number;
  /** Classification: class shares; regression: [mean]. */
  value: number[];
}

export interface Rule {
  conditions: Condition[];
  text: string;
  /** Predicted class name (or value for regression). */
  prediction: string | number;
  coverage: number;
  /** Class shares of the model's predictions among the rows the rule covers (regression: [mean, std]). */
  distribution: number[];
}

export interface RulesResult {
  model: string;
  data: string;
  output: string;
  task: 'classification' | 'regression';
  classes?: string[];
  depth: number;
  /** Agreement with the model on held-out rows (regression: R^2 against the model's outputs). */
  fidelity: number;
  train_rows: number;
  holdout_rows: number;
  rules: Rule[];
  tree: TreeNode;
}

/** A data file's columns as matched to the model: the features it reads, and the others (labels, ids). */
export interface DataColumns {
  features: string[];
  others: string[];
  rows: number;
  /** Image models read a folder per class (no label column); text models a text column beside the labels. */
  kind?: 'table' | 'image' | 'text';
}
