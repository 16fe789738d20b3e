/**
 * What a user chooses for an explanation (the Attributions tab, the sidecar, the CLI's flags) and
 * what the engine answers before and during a run. Paths here are absolute once the host resolves them.
 */
import type { Attribution, PartialDependence, PermutationImportance } from './attributionTypes';

export type MethodChoice = 'auto' | 'exact' | 'kernel' | 'permutation' | 'tree' | 'lime';

export interface ExplainSettings {
  /** Data file: CSV (header = feature names), JSON rows or objects, or .npy. */
  data: string;
  /** Background data file; default: a seeded sample of the data. */
  background?: string;
  /** Rows the background is summarised to (default 100). */
  backgroundSize?: number;
  /** Rows of the data to explain, e.g. "0-19" (default: the first 20). */
  rows?: string;
  method: MethodChoice;
  /** The explained input and output (defaults: the first numeric input, the first float output). */
  input?: string;
  output?: string;
  /** Coalitions (kernel), permutations (permutation) or samples (lime). */
  samples?: number;
  seed?: number;
  link?: 'identity' | 'logit';
  /** Names from the sidecar, overriding the model's metadata and the data's header. */
  featureNames?: string[];
  classNames?: string[];
}

export interface ImportanceSettings {
  data: string;
  /** The data column holding labels (class indices or names, or regression targets). */
  label: string;
  metric?: 'accuracy' | 'log_loss' | 'rmse';
  repeats?: number;
  output?: string;
  input?: string;
  seed?: number;
  featureNames?: string[];
  classNames?: string[];
}

export interface PdpSettings {
  data: string;
  feature: string;
  /** Grid points (default 20). */
  points?: number;
  /** Rows drawn for ICE curves (default 100, seeded). */
  maxRows?: number;
  output?: string;
  input?: string;
  seed?: number;
  featureNames?: string[];
  classNames?: string[];
}

export interface ExplainPlanInfo {
  /** What `auto` resolves to, and why. */
  method: Exclude<MethodChoice, 'auto'>;
  reason: string;
  /** Model rows the run evaluates (0 for tree). */
  evaluations: number;
  /** Estimated from timing a few batches (undefined when nothing needs timing). */
  etaSeconds?: number;
  explainedRows: number;
  featureNames: string[];
  outputColumns: string[];
  output: string;
  notes: string[];
}

export interface ExplainProgress {
  jobId: string;
  done: number;
  total: number;
  etaSeconds?: number;
}

export interface ExplainPartial {
  jobId: string;
  /** The rows finished so far. */
  attribution: Attribution;
}

export interface ExplainOutcome {
  attribution: Attribution;
  plan: ExplainPlanInfo;
  /** The data file's row count, and the background actually used. */
  dataRows: number;
  background: string;
  /** The data's columns that are not model inputs (a label column for permutation importance). */
  otherColumns: string[];
}

export type { Attribution, PartialDependence, PermutationImportance };
