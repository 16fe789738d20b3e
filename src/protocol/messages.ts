/**
 * Every message between host, engine worker and webviews, declared once.
 * Requests: method -> { params, result }. Notifications carry no id and get no reply.
 */
import type { OutputMap } from './outputMapTypes';
import type {
  Dim,
  ElementType,
  FreeDimSizes,
  ModelSummary,
  RuntimeInfo,
  SampleOptions,
  TensorInfo,
} from './modelTypes';
import type { GraphIndexEntry, GraphView, NodeDetails } from './graphTypes';
import type { InputKind } from './attributionTypes';
import type { CompareResult, CompareSettings } from './compareTypes';
import type { PartialRows } from './partialRows';
import type { ProfileResult, ProfileSettings } from './profileTypes';
import type {
  MethodChoice,
  ExplainOutcome,
  ExplainPartial,
  ExplainPlanInfo,
  ExplainProgress,
  ExplainSettings,
  ImportanceSettings,
  OutputTarget,
  PartialDependence,
  PdpSettings,
  PermutationImportance,
} from './explainTypes';
import type { DataColumns, EvaluateSettings, Evaluation, RulesResult, RulesSettings } from './evaluationTypes';

export interface ModelIo {
  name: string;
  isTensor: boolean;
  elementType: ElementType | string;
  shape: Dim[];
}

export interface LoadedModel {
  modelId: string;
  fileName: string;
  bytes: number;
  inputs: ModelIo[];
  outputs: ModelIo[];
  /** Why some outputs are not fetched (non-tensor outputs such as scikit-learn's ZipMap). */
  notes: string[];
  loadMs: number;
  /** The onnxruntime backend and execution provider that loaded it, and why. */
  runtime?: RuntimeInfo;
}

export interface OutputPreview {
  name: string;
  elementType: string;
  dims: number[];
  preview: (number | string)[];
  total: number;
}

export interface RunOnceResult {
  inputs: { name: string; elementType: string; dims: number[] }[];
  outputs: OutputPreview[];
  skipped: string[];
  ms: number;
}

/** Requests the engine worker serves. */
export interface WorkerRequests {
  'model/load': { params: { path: string }; result: LoadedModel };
  'model/runOnce': {
    params: { modelId: string; sample: SampleOptions; previewValues: number };
    result: RunOnceResult;
  };
  'model/unload': { params: { modelId: string }; result: void };
  /** Structure read by Model Lens's own ONNX reader (no onnxruntime): counts, opsets, FLOPs, dtypes. */
  /** With `sizes`, FLOPs are counted for those sizes of the free input dims (summary.flops.assumed_dims). */
  'model/summary': { params: { path: string; sizes?: FreeDimSizes }; result: ModelSummary };
  /** The external data files the model names, resolved inside its folder (the result cache keys on them). */
  'model/externalData': { params: { path: string }; result: { files: string[] } };
  'graph/open': {
    params: { path: string };
    result: { graphId: string; initialExpanded: string[]; index: GraphIndexEntry[] };
  };
  'graph/view': { params: { graphId: string; expanded: string[] }; result: GraphView };
  'graph/node': { params: { graphId: string; id: string }; result: NodeDetails };
  'graph/close': { params: { graphId: string }; result: void };
  /** Attributions for rows of a data file; progress and finished rows come as notifications tagged `jobId`. */
  'explain/plan': { params: { modelPath: string; settings: ExplainSettings }; result: ExplainPlanInfo };
  'explain/run': { params: { jobId: string; modelPath: string; settings: ExplainSettings }; result: ExplainOutcome };
  /** The model's whole output on the data (a picture's output map, a recording's output per chunk), no target applied. */
  'explain/outputMap': { params: { modelPath: string; settings: ExplainSettings }; result: OutputMap };
  'explain/importance': {
    params: { jobId: string; modelPath: string; settings: ImportanceSettings };
    result: PermutationImportance;
  };
  'explain/pdp': { params: { jobId: string; modelPath: string; settings: PdpSettings }; result: PartialDependence };
  /** Metrics, intervals and error cohorts on labelled rows (`model-lens evaluate`); progress tagged `jobId`. */
  'explain/evaluate': { params: { jobId: string; modelPath: string; settings: EvaluateSettings }; result: Evaluation };
  /** A surrogate decision tree of the model's predictions (`model-lens rules`). */
  'explain/rules': { params: { jobId: string; modelPath: string; settings: RulesSettings }; result: RulesResult };
  /** A data file's columns: those the model reads and the others (label candidates). */
  'explain/columns': {
    params: {
      modelPath: string;
      settings: Pick<EvaluateSettings, 'data' | 'input' | 'featureNames' | 'image' | 'text' | 'sidecarName'>;
    };
    result: DataColumns;
  };
  'engine/ping': { params: { echo: string }; result: { echo: string; pid: number; threadId: number } };
  /** Two models side by side; on data, progress of the attributions comes as explain/progress tagged `jobId`. */
  'compare/run': {
    params: { jobId: string; pathA: string; pathB: string; settings: CompareSettings };
    result: CompareResult;
  };
  /** Latency per batch and thread count, and time per node from onnxruntime's profiler. */
  'profile/run': { params: { path: string; settings: ProfileSettings }; result: ProfileResult };
}

export interface WorkerNotifications {
  'engine/progress': { requestId: string; done: number; total: number; message?: string };
  'explain/progress': ExplainProgress;
  'explain/partial': ExplainPartial;
}

/**
 * Requests an evaluation worker of the engine's pool serves: one onnxruntime session (one thread) that
 * builds and evaluates the rows of the coalitions it is given and averages them over the background.
 */
export interface PoolRequests {
  /** Opens a value function (model, background, groups) under the caller's id; several may be open at once. */
  'pool/open': { params: PoolOpenParams; result: { columns: number } };
  'pool/values': { params: { id: string; x: Float64Array; masks: Uint8Array; count: number }; result: Float64Array };
  'pool/close': { params: { id: string }; result: void };
  /** Times `rows` bare model rows (background rows repeated, blocks as a run uses): the planner's probe. */
  'pool/timeRows': { params: { id: string; rows: number }; result: { ms: number } };
}

/** Which model a pool's value function runs and how its explained input and output are read. */
export interface PoolModelOptions {
  modelPath: string;
  input?: string;
  output?: string;
  /** Outputs that are not class scores: the one number per row explained. */
  target?: OutputTarget;
  /** The explained input's dims after the batch axis, where the model leaves some free. */
  inputDims?: number[];
  /** Any input's dims after the batch axis, by name, where the model leaves some free (a text model's sequence length). */
  dimsOf?: Record<string, number[]>;
}

export interface PoolOpenParams extends PoolModelOptions {
  id: string;
  background: Float64Array;
  backgroundRows: number;
  backgroundWeights?: Float64Array;
  groupCount: number;
  groupOf: Int32Array;
  link: 'identity' | 'logit';
}

export interface PoolNotifications {
  /** Model rows evaluated for value function `id` since the last notice. */
  'pool/rows': { id: string; rows: number };
}

/** What the Explain Model panel shows: sent host -> webview. */
export type PanelTab = 'overview' | 'graph' | 'attributions' | 'evaluation';

/** `tab`: the tab a new view opens on (the model viewer opens on the graph). */
export type PanelState = { tab?: PanelTab } & (
  | { status: 'loading'; uri: string; fileName: string }
  | { status: 'ready'; uri: string; fileName: string; model: LoadedModel }
  | { status: 'error'; uri: string; fileName: string; message: string }
);

export interface PanelNotifications {
  'panel/state': PanelState;
  /** The running explanation's progress, and the rows finished so far. */
  'explain/progress': { done: number; total: number; etaSeconds?: number };
  /** Only the rows new since the last partial; the panel merges them (mergePartialRows). */
  'explain/partial': { delta: PartialRows };
  /** Re-run (the command): the Attributions tab shows itself and runs with its current choices. */
  'explain/rerun': Record<string, never>;
  /** Profile Model (the command): the Overview's Performance section profiles with its fields. */
  'profile/start': Record<string, never>;
  /** The running evaluation's progress (model rows done of all). */
  'evaluate/progress': { done: number; total: number };
}

/** The Evaluation tab's choices (data relative to the model's folder); label and threshold go to the sidecar. */
export interface EvaluationChoices {
  data: string;
  label: string;
  output?: string;
  /** Binary models: class 1 when its probability is at least this. */
  threshold?: number;
  /** Rules: the surrogate tree's depth (default 3). */
  depth?: number;
}

/** The Attributions tab's choices, as the sidecar keeps them (file paths relative to the model's folder). */
export interface ExplainChoices {
  data?: string;
  background?: string;
  backgroundSize?: number;
  rows?: string;
  method: MethodChoice;
  output?: string;
  samples?: number;
  /** Sampled methods: stop once every standard error is below this. */
  tolerance?: number;
  seed?: number;
  link?: 'identity' | 'logit';
  /** Images: how many top classes to explain per image (default 1), or one class by name or index. */
  classes?: number;
  targetClass?: string;
  /** Outputs that are not class scores: element:I, region:TOP,LEFT,BOTTOM,RIGHT[@CHANNEL] or predicted. */
  target?: string;
  /** Text models: one typed-in text to explain instead of the data file (the panel's text box). */
  sentence?: string;
}

export interface ExplainOptions {
  choices: ExplainChoices;
  /** Data files found in the workspace, relative to the model's folder. */
  dataFiles: string[];
  /** Float tensor outputs the model has (the explainable ones). */
  outputs: string[];
  sidecar: { path: string; exists: boolean; problems: string[] };
  /** The sidecar's label column, chosen first for permutation importance and evaluation. */
  labelColumn?: string;
  /** The sidecar's decision threshold for binary models (the Evaluation tab's slider). */
  threshold?: number;
  /** What the model's input looks like before any run (a text model gets the text box); a plan's kind is surer. */
  inputKind?: InputKind;
  /** Results cached for these choices (model, data and settings unchanged), shown at once. */
  cached?: ExplainOutcome;
}

/** What a panel keeps across window reloads (webview setState). */
export interface PanelPersistedState {
  uri: string;
}

/** Requests a webview sends to the host (validated there: a webview is untrusted). */
export interface PanelRequests {
  'panel/ready': { params: Record<string, never>; result: void };
  /** Run on a generated input; the user may size free dimensions and fill inputs with a constant. */
  'panel/runOnce': { params: RunOnceChoices; result: RunOnceResult };
  /**
   * The graph folded to show the given groups expanded, laid out in the worker; a newer request
   * cancels an older one. `initial: true` asks for the groups opened first (so big models fit).
   */
  'graph/view': { params: { expanded: string[]; initial?: boolean }; result: GraphView };
  'graph/index': { params: Record<string, never>; result: GraphIndexEntry[] };
  /** `dimSizes`: the Overview's free-dimension fields, for the FLOPs estimate. */
  'panel/summary': { params: { dimSizes?: Record<string, number> }; result: ModelSummary };
  'graph/node': { params: { id: string }; result: NodeDetails };
  /** Save an export through a save dialog: text (SVG, CSV, JSON, HTML) or base64 (PNG). */
  'panel/saveFile': { params: SaveFileParams; result: { saved: boolean; path?: string } };
  'explain/options': { params: Record<string, never>; result: ExplainOptions };
  /** A quick pick of the workspace's data files, with Browse...; the choice relative to the model's folder. */
  'explain/pickFile': { params: { purpose: 'data' | 'background' }; result: { path?: string } };
  'explain/plan': { params: { choices: ExplainChoices }; result: ExplainPlanInfo };
  /** The model's output for the form's data, to draw a target on (pictures) or pick rows from (recordings). */
  'explain/outputMap': { params: { choices: ExplainChoices }; result: OutputMap };
  /** Runs with progress (in the panel and a notification with Cancel); the choices go to the sidecar. */
  'explain/run': { params: { choices: ExplainChoices }; result: ExplainOutcome };
  'explain/cancel': { params: Record<string, never>; result: void };
  'explain/importance': { params: { choices: ExplainChoices; label: string }; result: PermutationImportance };
  'explain/pdp': { params: { choices: ExplainChoices; feature: string }; result: PartialDependence };
  'explain/columns': { params: { data: string }; result: DataColumns };
  /** Runs with progress (cancelled by 'explain/cancel'); the label and threshold go to the sidecar. */
  'explain/evaluate': { params: EvaluationChoices; result: Evaluation };
  'explain/rules': { params: EvaluationChoices; result: RulesResult };
  /** The slider's threshold remembered in the sidecar (null forgets it). */
  'explain/threshold': { params: { threshold: number | null }; result: void };
  /** The self-contained HTML report of the last run, with the importance and PDPs computed on its data. */
  'explain/report': { params: Record<string, never>; result: { saved: boolean; path?: string } };
  /** Open sidecar creates it from `choices` (the form's) when there is none. */
  'panel/command': { params: { command: PanelCommand; choices?: ExplainChoices }; result: void };
  /** Latency per batch size and thread count, and time per node; free dims as Run once sizes them. */
  'profile/run': { params: ProfileChoices; result: ProfileResult };
}

export interface ProfileChoices {
  batches: number[];
  threads: number[];
  /** Timed runs per cell; absent: as many as fill about a quarter second (20 to 1,000). */
  runs?: number;
  /** Input rows from a table, relative to the model's folder; absent: generated from the shapes. */
  data?: string;
  dimSizes: Record<string, number>;
}

export type PanelCommand = 'revealModel' | 'openSidecar';

export interface RunOnceChoices {
  dimSizes: Record<string, number>;
  fill: Record<string, number>;
}

export type ExportFormat = 'svg' | 'png' | 'csv' | 'json' | 'html' | 'npy';

export interface SaveFileParams {
  defaultName: string;
  format: ExportFormat;
  text?: string;
  base64?: string;
}

export type { SampleOptions, TensorInfo };

export type { GraphIndexEntry, GraphView, ModelSummary, NodeDetails };
