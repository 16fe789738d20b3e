/** Attribution results as the views and the CLI's JSON carry them (issue 4's field names). */

export type AttributionMethod = 'exact' | 'kernel' | 'permutation' | 'tree' | 'lime' | 'partition' | 'occlusion';

/** What the explained input is: a table's columns, an image's segments, a text's words or tokens, or a sequence's time windows. */
export type InputKind = 'table' | 'image' | 'text' | 'sequence';

/** How far a map can be trusted: the target's score as segments are removed (deletion) or added (insertion). */
export interface FaithfulnessCurves {
  /** Fraction of the segments' pixels removed or added at each point, 0..1. */
  fractions: number[];
  /** The target's output at each fraction, most important segments first. */
  deletion: number[];
  insertion: number[];
  /** Areas under the curves over fractions 0..1 (trapezoid rule): deletion low and insertion high is faithful. */
  deletion_area: number;
  insertion_area: number;
  /** The same areas for a seeded random order of the segments, the yardstick. */
  random_deletion_area: number;
  random_insertion_area: number;
}

export interface Attribution {
  method: AttributionMethod;
  /** The explained output tensor and the names of its columns (classes). */
  output: string;
  output_columns: string[];
  feature_names: string[];
  /** Indices into the data file of the explained rows. */
  rows: number[];
  /** The explained rows' feature values, [row][feature]. */
  feature_values: number[][];
  /** [row][feature][output column]; for LIME the local linear weights. */
  values: number[][][];
  /** [output column]: mean model output over the background, in link units (LIME: its intercepts are per row). */
  base_values: number[];
  /** [row][output column]: the model's output for each explained row, in link units (base + values = prediction). */
  predictions: number[][];
  /** [row][output column]: the model's output itself, when a link other than identity applies. */
  raw_predictions?: number[][];
  /** Model rows evaluated. */
  evaluations: number;
  seconds: number;
  link: 'identity' | 'logit';
  /** Absent or 'table' for tabular inputs. */
  kind?: InputKind;
  /**
   * An output that is not class scores, explained through a target (an element, a region's sum, the predicted
   * class): `output_columns` is then its one label, and its values are in the output's units (not probabilities).
   */
  output_target?: { kind: 'element' | 'region' | 'predicted'; label: string };
  /** Images only. The model-input grid the maps are drawn on. */
  image?: { height: number; width: number };
  /**
   * Images only: [row][output column], the output for the fully masked picture (its own blur or grey), the
   * base each row's map starts from: base + the map's sum = prediction. `base_values` is their mean.
   */
  row_base_values?: number[][];
  /** Images only: the file each explained row came from, [row]. */
  files?: string[];
  /** Images only: number of features (segments) per row; `values[row]` has one entry each. */
  segments?: number[];
  /**
   * Images only: the output columns explained per row (indices into output_columns; the top class by
   * default). `values[row][segment][k]` and `pixel_values[row][k]` follow this order; tabular results
   * explain every column and leave this out.
   */
  targets?: number[][];
  /**
   * Images only: [row][k], a flat row-major height*width map in which each segment's value is spread
   * evenly over its pixels, so a map sums to its segment values.
   */
  pixel_values?: number[][][];
  /** Images only: [row][pixel] the segment of each pixel (height*width, row-major). */
  segment_map?: number[][];
  /** Images only: [row][k] deletion and insertion curves of the map for each target. */
  faithfulness?: FaithfulnessCurves[][];
  /**
   * Sampled methods (kernel, permutation, partition): [row][feature][k], the standard error of each value from
   * the estimator's own variance, like `values`; 0 where a value is exact, absent for exact methods.
   */
  std_errors?: number[][][];
  /** With a tolerance: [row] whether every standard error fell below it (false: the budget ran out first). */
  converged?: boolean[];
  /** The tolerance the run sampled to, when one was set. */
  tolerance?: number;
  /** Sequences only: the time axis T, the features or channels F at each step, and the input's layout. */
  sequence?: {
    length: number;
    features: number;
    layout: 'NT' | 'NTF' | 'NCT';
    /** WAV data: samples per second, so time steps read as seconds (step / sample_rate). */
    sample_rate?: number;
  };
  /** Sequences only: [row][window] the steps [start, end) each window covers. */
  windows?: [number, number][][];
  /**
   * Sequences only: [row][k] a flat array of T steps in which each window's value is spread evenly over its
   * steps, so it sums to the window values (k over `targets[row]`; `values[row][window][k]` as images).
   */
  step_values?: number[][][];
  /**
   * Sequences only: [row][feature][point], the row's input values for the panel's line chart: at most
   * SIGNAL_FEATURES features and SIGNAL_POINTS points, point i being step i * ceil(T / SIGNAL_POINTS).
   */
  signal?: number[][][];
  /**
   * Text only: [row][unit], the attributed units (words or tokens) as strings, in order; `values[row][unit][k]`
   * follows them. Text rows also carry `targets`, `row_base_values` and `faithfulness` (curves over units).
   */
  tokens?: string[][];
  /** LIME only: per row and column. */
  intercept?: number[][];
  local_prediction?: number[][];
  score?: number[][];
}

/** Caps of `signal`: enough for a line chart, small enough for a webview message (16 kHz audio is decimated). */
export const SIGNAL_FEATURES = 16;
export const SIGNAL_POINTS = 4096;

export interface PermutationImportance {
  feature_names: string[];
  metric: 'accuracy' | 'log_loss' | 'rmse';
  baseline: number;
  /** Drop in score per feature: mean and standard deviation over repeats. */
  mean: number[];
  std: number[];
  repeats: number;
}

export interface PartialDependence {
  feature: string;
  grid: number[];
  /** [output column][grid point]: mean prediction. */
  average: number[][];
  /** [row][output column][grid point]: ICE curves. */
  ice: number[][][];
  output_columns: string[];
}
