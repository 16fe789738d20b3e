/** Attribution results as the views and the CLI's JSON carry them (issue 4's field names). */

export type AttributionMethod = 'exact' | 'kernel' | 'permutation' | 'tree' | 'lime';

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
  /** [row][output column]: the model's output for each explained row. */
  predictions: number[][];
  /** Model rows evaluated. */
  evaluations: number;
  seconds: number;
  link: 'identity' | 'logit';
  /** LIME only: per row and column. */
  intercept?: number[][];
  local_prediction?: number[][];
  score?: number[][];
}

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
