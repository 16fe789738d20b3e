/** What `model-lens compare` and the comparison panel show: two models' structure, predictions, metrics and importance. */
import type { Evaluation } from './evaluationTypes';
import type { ModelSummary } from './modelTypes';

/** What a comparison runs on (paths absolute in the worker). */
export interface CompareSettings {
  data?: string;
  /** A column of the data holding the true class or target. */
  label?: string;
  /** Rows per model call on data (default 64). */
  batch?: number;
  /** Rows explained per model for global importance (default 10; 0 skips attributions). */
  importanceRows?: number;
  seed?: number;
}

/** One model's overview: its summary plus what only the file tells (size) or its values tell (sparsity). */
export interface ComparedModel extends ModelSummary {
  file: string;
  size_bytes: number;
  /** Zero weights / all weight elements (initializers and Constant values that can be read). */
  sparsity: number;
}

/** A number on both sides; `b - a` is the change. */
export interface SidePair {
  a: number;
  b: number;
}

export interface OpRow {
  op: string;
  a: number;
  b: number;
  change: 'same' | 'changed' | 'added' | 'removed';
}

export interface StructureDiff {
  size_bytes: SidePair;
  parameters: SidePair;
  flops: SidePair;
  sparsity: SidePair;
  quantized_op_count: SidePair;
  /** Every dtype on either side. */
  bytes_by_dtype: Record<string, SidePair>;
  quantized_ops: Record<string, SidePair>;
  /** Every op on either side, changed ones first. */
  op_histogram: OpRow[];
  added_ops: string[];
  removed_ops: string[];
}

export interface Compatibility {
  /** The same rows can be fed to both (same count, element types and sizes; names may differ). */
  inputs: boolean;
  /** Outputs paired by name (else by position) with the same element kind and fixed sizes. */
  outputs: boolean;
  /** Output pairs compared, a's name and b's. */
  output_pairs: { a: string; b: string }[];
  /** Why not, in a sentence each, and what that rules out. */
  messages: string[];
  /** Comparisons the incompatibility rules out (e.g. 'predictions', 'agreement', 'importance'). */
  ruled_out: string[];
}

export interface DifferingRow {
  /** Index into the data file's rows. */
  row: number;
  /** Largest |a - b| over the row's values of the agreement output. */
  diff: number;
  a: number[];
  b: number[];
}

export interface CompareResult {
  a: ComparedModel;
  b: ComparedModel;
  structure: StructureDiff;
  compatibility: Compatibility;
  /** The data compared on, when given. */
  data?: { file: string; rows: number; batch: number };
  /** Share of rows on which both predict the same (top-1 for classifiers); null when the output is a regression. */
  agreement?: number | null;
  /** How agreement was decided: 'top-1', 'labels', 'threshold 0.5', or why it was not. */
  agreement_basis?: string;
  /** The output agreement and the differing rows are read from (a's name). */
  agreement_output?: string;
  /** Per compared output (a's name). */
  max_abs_diff?: Record<string, number>;
  mean_abs_diff?: Record<string, number>;
  /** The rows where they differ most, largest first. */
  differing_rows?: DifferingRow[];
  /** With a label: each model's evaluation, as `model-lens evaluate` gives it for the same rows. */
  metrics_a?: Evaluation;
  metrics_b?: Evaluation;
  label?: string;
  /** Milliseconds per row in the batched pass over the data: the median over its calls. */
  latency_ms_a?: number;
  latency_ms_b?: number;
  importance?: {
    feature_names: string[];
    a: number[];
    b: number[];
    rows: number;
    method_a: string;
    method_b: string;
  };
  /** Spearman's rank correlation of the two global importances. */
  importance_rank_correlation?: number;
  notes: string[];
}

/** What the comparison panel shows: sent host -> webview. */
export interface CompareViewState {
  /** File names of A and B. */
  a: string;
  b: string;
  /** Their URIs, kept by the webview so the panel comes back after a reload. */
  uriA: string;
  uriB: string;
  status: 'loading' | 'ready' | 'error';
  result?: CompareResult;
  message?: string;
  /** Data files of the workspace, relative to A's folder, for the data choice. */
  dataFiles: string[];
}

/** Requests the comparison webview sends to the host (validated there). */
export interface ComparePanelRequests {
  'compare/ready': { params: Record<string, never>; result: void };
  /** A quick pick of the workspace's data files; the choice relative to A's folder. */
  'compare/pickData': { params: Record<string, never>; result: { path?: string } };
  /** Runs both models on the data (relative to A's folder); the new result also comes as compare/state. */
  'compare/run': { params: { data: string; label?: string }; result: CompareResult };
  /** The last result through a save dialog, as JSON or a self-contained HTML report. */
  'compare/export': { params: { format: 'json' | 'html' }; result: { saved: boolean; path?: string } };
}

export interface ComparePanelNotifications {
  'compare/state': CompareViewState;
}
