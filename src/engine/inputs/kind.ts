/**
 * One kind of model input (a table, pictures, texts, sequences): how it is detected, how its data becomes rows of
 * model inputs, and how it is explained and described. Every command reads its inputs through this, so a new kind
 * is one more file and one line in the registry (kinds.ts).
 */
import type { ExplainOutcome, ExplainPlanInfo, ExplainSettings } from '../../protocol/explainTypes';
import type { Attribution } from '../../protocol/attributionTypes';
import type { InferenceBackend } from '../runtime/backend';
import type { JobEnvironment, ModelFile } from '../explain/jobs/jobData';
import type { Predictions, PredictSettings } from './labelled/predictionTypes';

export type InputKindName = 'table' | 'image' | 'text' | 'sequence';

/** Rows of model inputs read from a data file as the model's kind of input reads them (profile, compare). */
export interface KindRows {
  /** Row-major: each row holds the fed inputs' elements in the model's input order. */
  values: Float32Array;
  rows: number;
  /** The inputs the rows hold, with their dims after the batch axis where the data fixes free ones. */
  fed: { name: string; dims?: number[] }[];
  /** Inputs the data does not hold (a sequence model's sample rate, its state tensors), at these values. */
  held: Record<string, number>;
  kind: InputKindName;
}

export type RunEnvironment = JobEnvironment & { onPartial?: (attribution: Attribution) => void };

/** A model's explained input once a kind has recognised it: every operation is bound to the model file and input. */
export interface DetectedInput {
  kind: InputKindName;
  /** The method, its model rows and ETA, before anything long starts. */
  plan(env: JobEnvironment, settings: ExplainSettings): Promise<ExplainPlanInfo>;
  /** Reads what the run needs (errors there name the data), then returns the run itself (errors there name the model). */
  startRun(env: RunEnvironment, settings: ExplainSettings): Promise<() => Promise<ExplainOutcome>>;
  /** Up to the settings' rows of data as model inputs; `backend` says which inputs a row feeds. */
  rows(env: JobEnvironment, settings: ExplainSettings, backend: InferenceBackend): Promise<KindRows>;
  /** The model's outputs on every (labelled) row; absent where evaluation reads this kind as a table. */
  predict?(env: JobEnvironment, settings: PredictSettings): Promise<Predictions>;
  /** Rules and global importance split on a table's features; other kinds say why they have none. */
  tableFeatures: true | { reason: string };
}

export interface InputKind {
  name: InputKindName;
  /** The explained input when it is of this kind (from the model and the sidecar settings), else undefined. */
  detect(file: ModelFile, settings: ExplainSettings): DetectedInput | undefined;
}
