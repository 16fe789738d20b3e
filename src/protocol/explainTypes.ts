/**
 * What a user chooses for an explanation (the Attributions tab, the sidecar, the CLI's flags) and
 * what the engine answers before and during a run. Paths here are absolute once the host resolves them.
 */
import type { Attribution, PartialDependence, PermutationImportance } from './attributionTypes';
import type { RuntimeInfo } from './modelTypes';
import type { PartialRows } from './partialRows';
import type { SequenceSettings } from './sequenceSettings';

/** The one list of methods (the panel, the sidecar's validation and every CLI command read it). */
export const METHOD_CHOICES = [
  'auto',
  'exact',
  'kernel',
  'permutation',
  'tree',
  'lime',
  'partition',
  'occlusion',
] as const;
export type MethodChoice = (typeof METHOD_CHOICES)[number];
export const LINK_CHOICES = ['identity', 'logit'] as const;
export const MISSING_VALUE_CHOICES = ['auto', 'reject', 'allow'] as const;
export const UNIT_CHOICES = ['words', 'tokens'] as const;
export const IMPORTANCE_METRICS = ['accuracy', 'log_loss', 'rmse'] as const;

/** How an image file becomes the model's input (the sidecar's `image`), as torchvision and PIL users expect. */
export interface ImageSettings {
  /** [height, width] of the model input; required when the model's H or W is symbolic. */
  size?: [number, number];
  resize?: 'stretch' | 'shorter-side-then-center-crop' | 'fit-pad';
  channels?: 'RGB' | 'BGR' | 'L';
  /** Multiplies the 0-255 pixel values before mean and std (default 1/255). */
  scale?: number;
  /** Per channel (one value, or one per channel), subtracted after scaling, then divided by std. */
  mean?: number[];
  std?: number[];
  /** imagenet (scale 1/255, ImageNet mean and std), unit ([0, 1]), symmetric ([-1, 1]), raw (0-255). */
  preset?: 'imagenet' | 'unit' | 'symmetric' | 'raw';
  /** Declares an input an image when its shape does not say so (rank 4 with 1 or 3 channels). */
  layout?: 'NCHW' | 'NHWC';
  /** A text file of class names, one per line, relative to the sidecar. */
  labels?: string;
  /** What a hidden segment becomes: a blurred copy of the image (default), a constant grey, or background images. */
  masker?: 'blur' | 'constant' | 'background';
  /** The constant a hidden pixel takes, in 0-255 pixel units (default 128). */
  maskValue?: number;
  /** Superpixels for kernel and lime (default 50). */
  segments?: number;
  /** Occlusion's square patch and step, in model-input pixels (defaults: an eighth of the side, half a patch). */
  window?: number;
  stride?: number;
}

/** Graph inputs of a text model by role, where they are not named input_ids, attention_mask, ... themselves. */
export interface TextInputNames {
  input_ids?: string;
  attention_mask?: string;
  token_type_ids?: string;
  position_ids?: string;
}

/** How text becomes a text model's input (the sidecar's `text`), and what the attributed units are. */
export interface TextSettings {
  /** A Hugging Face tokenizer.json, relative to the sidecar (default: tokenizer.json beside the model). */
  tokenizer?: string;
  inputs?: TextInputNames;
  /** Tokens per example, special tokens included (default: the tokenizer's truncation, else the model's fixed length, else 512). */
  maxLength?: number;
  /** What a hidden unit's tokens become: the mask token (default when the tokenizer has one), or the pad token with attention 0. */
  masker?: 'mask' | 'pad';
  /** The attributed units: words (a word's sub-tokens move together; the default) or single tokens. */
  units?: (typeof UNIT_CHOICES)[number];
  /** The data's text column in .csv and .jsonl files (default "text", or the only text column). */
  column?: string;
  /** One text to explain instead of a data file (the CLI's --text, the panel's text box); never read from a sidecar. */
  sentence?: string;
}

/** What an explanation of a model that is not a plain classifier or regressor explains (one number per row). */
export type OutputTarget =
  /** One element of the output (flat index after the batch axis). */
  | { kind: 'element'; index: number }
  /** The sum of the output over a box of its last two axes (a segmentation mask, a heat map), in one channel. */
  | { kind: 'region'; channel?: number; box: [top: number, left: number, bottom: number, right: number] }
  /** The score of the class the model predicts for the row (the largest of the output's columns). */
  | { kind: 'predicted' };

export interface ExplainSettings {
  /** Data file: CSV (header = feature names), JSON rows or objects, or .npy; pictures or a folder of them. */
  data: string;
  /** Images: more picture files or folders after `data` (several pictures named one by one). */
  moreData?: string[];
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
  /** Sampled methods: stop once every value's standard error is below this (samples is then the most spent). */
  tolerance?: number;
  seed?: number;
  link?: (typeof LINK_CHOICES)[number];
  /** Empty and NaN cells: accepted when the model handles them (tree ensembles, an Imputer), else refused (default auto). */
  missingValues?: (typeof MISSING_VALUE_CHOICES)[number];
  /** Names from the sidecar, overriding the model's metadata and the data's header. */
  featureNames?: string[];
  classNames?: string[];
  /** Image inputs: preprocessing, masker and segmentation. */
  image?: ImageSettings;
  /** Sequence inputs (audio, sensors, time series): layout, windows, masker, held inputs. */
  sequence?: SequenceSettings;
  /** Text inputs: tokenizer, masker and units. */
  text?: TextSettings;
  /** Images: explain the top `classes` classes of each row (default 1). */
  classes?: number;
  /** Images: explain this class (a name from the class names, or an index) instead of the top ones. */
  targetClass?: string | number;
  /** Outputs that are not class scores: what to explain. */
  target?: OutputTarget;
  /** The file the settings came from (the sidecar), so a wrong field is named there. */
  sidecarName?: string;
}

export interface ImportanceSettings {
  data: string;
  /** The data column holding labels (class indices or names, or regression targets). */
  label: string;
  metric?: (typeof IMPORTANCE_METRICS)[number];
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
  /** What the explained input is (absent: a table). */
  kind?: 'table' | 'image' | 'text' | 'sequence';
  /** The onnxruntime backend and execution provider the model runs on (absent for tree explanations). */
  runtime?: RuntimeInfo;
}

export interface ExplainProgress {
  jobId: string;
  done: number;
  total: number;
  etaSeconds?: number;
}

export interface ExplainPartial {
  jobId: string;
  /** The rows finished since the last partial (mergePartialRows rebuilds the attribution so far). */
  delta: PartialRows;
}

/** An explained image as the panel and report draw it: PNG data URIs at the model-input grid. */
export interface ImagePreview {
  file: string;
  /** The picture after resizing (and cropping or padding), before normalisation. */
  original: string;
  /** The model's input tensor drawn back as a picture (its channel order, each channel's range stretched to 0-255). */
  asModelSees: string;
  /** Range of the model's input values per channel, so a wrong normalisation shows in numbers too. */
  range: { min: number; max: number; mean: number }[];
}

export interface ExplainOutcome {
  attribution: Attribution;
  plan: ExplainPlanInfo;
  /** The data file's row count, and the background actually used. */
  dataRows: number;
  background: string;
  /** The data's columns that are not model inputs (a label column for permutation importance). */
  otherColumns: string[];
  /** Image inputs: one per explained row. */
  images?: ImagePreview[];
}

export type { Attribution, PartialDependence, PermutationImportance };
