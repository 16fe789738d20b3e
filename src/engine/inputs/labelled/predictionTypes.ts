/** A model's outputs on every labelled row, as each kind of data (table, pictures, texts) hands them to evaluation. */
import type { ExplainSettings } from '../../../protocol/explainTypes';
import type { MatchedTable } from '../../data/match';
import type { ExplainedModel } from '../../explain/backendModel';
import type { ModelFile } from '../../explain/jobs/jobData';

export interface Predictions {
  /** Tables have features (error cohorts and rules split on them); images and texts do not. */
  kind: 'table' | 'image' | 'text';
  file: ModelFile;
  /** The model's input rows (tables only: none for images and texts) and the label column among `extra`. */
  data: MatchedTable;
  model: ExplainedModel;
  featureNames: string[];
  /** Class names when reading the data needed them (class folders); else the job reads them. */
  classes?: string[];
  /** The label column's name in `data.extra` (images: the class folders). */
  labelColumn?: string;
  /** n x columns model outputs. */
  outputs: Float64Array;
  /** Milliseconds spent in the model. */
  modelMs: number;
}

/** What evaluate, rules and importance read data with: the data, the input and output, the label, the sidecar's blocks. */
export type PredictSettings = {
  data: string;
  input?: string;
  output?: string;
  label?: string;
  featureNames?: string[];
  classNames?: string[];
} & Pick<ExplainSettings, 'image' | 'text' | 'sidecarName'>;
