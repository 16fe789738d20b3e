/** What `model-lens profile` and the Performance section show: latency per batch and thread count, time per node. */
import type { ExplainSettings } from './explainTypes';
import type { RuntimeInfo } from './modelTypes';

export interface BatchTiming {
  batch: number;
  threads: number;
  runs: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  mean_ms: number;
  /** Rows per second at the median latency. */
  throughput: number;
}

export interface NodeTime {
  /** The graph node's name where the entry maps to one, else the name in onnxruntime's trace. */
  name: string;
  /** onnxruntime's name when it differs ('fused /fc1/Gemm' for Gemm + Relu, '<output>_nchwc' for its layout nodes). */
  ort_name?: string;
  op: string;
  /** Milliseconds per run (the median over the profiled runs). */
  ms: number;
  /** Of the summed node times. */
  share: number;
  /** The graph view's node id ('n3') of the node it maps to, when it maps to one. */
  node_id?: string;
}

export interface ProfileResult {
  file: string;
  /** Which onnxruntime ran the profile and on which execution provider (onnxruntime's profiler is native only). */
  runtime?: RuntimeInfo;
  /** Reading the model file and creating the first session. */
  session_ms: number;
  batches: BatchTiming[];
  /** Per-node times at `nodes_batch` rows and `nodes_threads` threads, slowest first. */
  nodes: NodeTime[];
  /** Per operator type (onnxruntime's kernel op), milliseconds per run, slowest first. */
  ops: Record<string, number>;
  nodes_batch: number;
  nodes_threads: number;
  /** onnxruntime's own measure of those runs (model_run), median ms, for checking the node sum against. */
  nodes_run_ms: number;
  /** Profiled runs the node times are the median of (the faster half of the warm-ups after the first). */
  nodes_runs: number;
  memory: {
    /** Resident set size growth from before the session to the largest seen after a run. */
    rss_delta_mb: number;
    peak_rss_mb: number;
    /** The process's peak resident set (getrusage) over its whole life. */
    max_rss_mb: number;
  };
  inputs: { name: string; dims: number[]; from: 'generated' | 'data' }[];
  warmup: number;
  /** Wall-clock milliseconds of the whole profile, and what it was spent on: creating sessions and running. */
  total_ms: number;
  cost: { sessions_ms: number; runs_ms: number };
  notes: string[];
}

/** The sidecar's say on the inputs (which one, its names, how pictures, sequences and texts are read), as explaining takes it. */
type InputSettings = Pick<ExplainSettings, 'input' | 'featureNames' | 'image' | 'sequence' | 'text' | 'sidecarName'>;

export interface ProfileSettings extends InputSettings {
  batches?: number[];
  /** Intra-op thread counts (default: the machine's available parallelism). */
  threads?: number[];
  /** Timed runs per batch size and thread count (default: as many as fill about a quarter second, 20 to 1,000). */
  runs?: number;
  /** Untimed runs before them (default 6); those of the first thread count are profiled. */
  warmup?: number;
  /** Rows from a data file (a table, pictures or a folder of them, texts, sequences) instead of generated inputs, repeated to fill a batch. */
  data?: string;
  /** Sizes of free dimensions other than the batch axis, as Run once takes them. */
  dimSizes?: Record<string, number>;
  defaultDimSize?: number;
}
