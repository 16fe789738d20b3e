/**
 * `profile MODEL`: session creation time, latency percentiles and throughput per batch size and thread
 * count (warm-up runs excluded), peak memory, and time per node from onnxruntime's own profiler, which
 * records the first batch size's warm-up runs at the first thread count and is stopped before any other run.
 */
import { mkdtemp, readdirSync, readFileSync, rm } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BatchTiming, ProfileResult, ProfileSettings } from '../../protocol/profileTypes';

export type { ProfileSettings };
import type { FolderAccess } from '../data/listDir';
import type { InferenceBackend, RuntimeInfo, TensorData, TensorInfo } from '../runtime/backend';
import { rowFeeds, rowLayout } from '../explain/rowFeeds';
import { dimKey, sampleTensor } from '../runtime/sampleInput';
import { graphNodes } from './graphNodes';
import { profileRows, type ProfileRows } from './profileData';
import { sidecarDimSizes } from './sidecarDims';
import {
  nodeIndex,
  quantile,
  type NodeIndex,
  quietRuns,
  summariseRuns,
  traceRunsFromText,
  type TraceRun,
} from './trace';

export interface ProfiledBackend extends InferenceBackend {
  /** Writes onnxruntime's trace for the runs so far and stops recording. */
  endProfiling(): void;
}

export interface ProfileEnvironment {
  readFile(file: string): Promise<Uint8Array>;
  /** Folders of pictures or sequences for `data` (the disk's when absent). */
  folders?: FolderAccess;
  /** A session on the model (its bytes, or its path when weights are in other files) with `threads` intra-op threads, recording a profile under `profileFilePrefix` when given. */
  open(model: string | Uint8Array, options: { threads: number; profileFilePrefix?: string }): Promise<ProfiledBackend>;
  cancel?: { isCancellationRequested: boolean };
  progress?: (done: number, total: number) => void;
}

const mb = (bytes: number) => bytes / (1024 * 1024);
/** onnxruntime names its trace `<prefix>_<date>.json`. */
const TRACE = 'ort';

/**
 * Timed runs per cell when the settings name none: enough for a p99 worth the name on a fast model (runs until
 * about a quarter second is spent), never fewer than 20 (a slow model's cell stays short) nor more than 1,000.
 */
export const DEFAULT_RUNS = { least: 20, most: 1000, cellMs: 250 };

export async function runProfileJob(
  env: ProfileEnvironment,
  modelPath: string,
  settings: ProfileSettings = {},
): Promise<ProfileResult> {
  const started = performance.now();
  const batches = settings.batches ?? [1];
  const threadCounts = settings.threads ?? [Math.max(1, os.availableParallelism())];
  const warmup = Math.max(1, settings.warmup ?? 6);
  // The file is read once, for onnxruntime and for the node names: its reading counts as creating the first session.
  const reading = env.readFile(modelPath);
  // The trace's folder is made on the thread pool meanwhile; it is ready long before the session is.
  const dirMade = tempDir();
  let bytes: Uint8Array;
  try {
    bytes = await reading;
  } catch (e) {
    removeDir(dirMade);
    throw e;
  }
  const readMs = performance.now() - started;
  let rssBefore = 0;
  let peakRss = 0;
  const notes: string[] = [];
  const timings: BatchTiming[] = [];
  let index: NodeIndex | undefined;
  let sessionMs = 0;
  let runtime: RuntimeInfo | undefined;
  let sessionsMs = 0;
  let runsMs = 0;
  let trace: TraceRun[] = [];
  let inputs: ProfileResult['inputs'] = [];
  // Progress counts runs; a cell whose run count is not chosen yet counts as the fewest it may take.
  const cells = threadCounts.length * batches.length;
  let total = cells * (warmup + (settings.runs ?? DEFAULT_RUNS.least));
  let done = 0;
  try {
    const graph = graphNodes(bytes);
    index = nodeIndex(graph.nodes);
    // Weights in separate files are found from the model's path only.
    let source: string | Uint8Array = graph.external ? modelPath : bytes;
    let traceName = TRACE;
    let dataRows: ProfileRows | undefined;
    const profileDir = await dirMade;
    rssBefore = peakRss = process.memoryUsage.rss();
    for (const [k, threads] of threadCounts.entries()) {
      const profiled = k === 0;
      const t0 = performance.now();
      const open = (prefix: string) =>
        env.open(source, { threads, profileFilePrefix: profiled ? path.join(profileDir, prefix) : undefined });
      let backend: ProfiledBackend;
      try {
        backend = await open(TRACE);
      } catch (e) {
        // External weights the node list does not see (a Constant's, a subgraph's): onnxruntime finds them from the path.
        if (typeof source === 'string') throw e;
        source = modelPath;
        backend = await open((traceName = `${TRACE}-path`));
      }
      const created = performance.now() - t0;
      sessionsMs += created + (profiled ? readMs : 0);
      if (profiled) {
        sessionMs = created + readMs;
        runtime = backend.runtime;
      }
      try {
        // The data is read as explaining reads it for this kind of input, once the session says what it takes.
        const data = settings.data;
        if (data && !dataRows)
          dataRows = await profileRows(
            env,
            { path: modelPath, bytes },
            backend,
            { ...settings, data },
            Math.max(...batches),
          );
        const feedsByBatch = batches.map((b) => feedsFor(backend, b, settings, dataRows));
        if (profiled)
          inputs = Object.entries(feedsByBatch[0]).map(([name, t]) => ({
            name,
            dims: t.dims,
            from: dataRows?.fed.some((f) => f.name === name) ? 'data' : 'generated',
          }));
        const outputs = outputNames(backend);
        // One loop a batch, each run timed alone: `count` runs, or (no count) the default's quarter second.
        const timed = async (feeds: Record<string, TensorData>, count?: number): Promise<number[]> => {
          const times: number[] = [];
          const least = count ?? DEFAULT_RUNS.least;
          const most = count ?? DEFAULT_RUNS.most;
          let spent = 0;
          while (times.length < most && (times.length < least || spent < DEFAULT_RUNS.cellMs)) {
            if (env.cancel?.isCancellationRequested) throw new Error('The profile was cancelled.');
            const s = performance.now();
            await backend.run(feeds, outputs);
            const t = performance.now() - s;
            times.push(t);
            spent += t;
            runsMs += t;
            env.progress?.(Math.min(++done, total), total);
          }
          // A run count chosen by time: the progress total learns it.
          if (count === undefined) total += times.length - DEFAULT_RUNS.least;
          return times;
        };
        for (const [j, feeds] of feedsByBatch.entries()) {
          await timed(feeds, warmup);
          // Only the first batch's warm-ups are recorded: the node times come from them, and a shorter trace is cheaper to write and read.
          if (profiled && j === 0) {
            backend.endProfiling();
            trace = readTrace(profileDir, traceName);
          }
        }
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
        for (const [j, feeds] of feedsByBatch.entries()) {
          const times = await timed(feeds, settings.runs);
          peakRss = Math.max(peakRss, process.memoryUsage.rss());
          timings.push(timing(batches[j], threads, times));
        }
      } finally {
        await backend.dispose();
      }
    }
  } finally {
    // The trace is read by now; removing it (a millisecond or more on a busy disk) need not hold up the answer.
    removeDir(dirMade);
  }
  // The first batch's warm-ups after its first (which pays for allocations), the faster half of them, give the node times.
  const profiledRuns = quietRuns(trace.slice(1, warmup));
  if (trace.length !== warmup) notes.push(`onnxruntime's trace holds ${trace.length} runs where ${warmup} were made`);
  const nodeRuns = profiledRuns.length ? profiledRuns : trace.slice(0, 1);
  const summary = summariseRuns(nodeRuns, index!);
  const unmatched = summary.nodes.filter((n) => n.node_id === undefined).length;
  if (unmatched)
    notes.push(
      `${unmatched} of onnxruntime's nodes have no node of that name in the graph (layout changes added by its optimiser)`,
    );
  const totalMs = performance.now() - started;
  return {
    file: path.basename(modelPath),
    ...(runtime ? { runtime } : {}),
    session_ms: sessionMs,
    batches: timings,
    nodes: summary.nodes,
    ops: summary.ops,
    nodes_batch: batches[0],
    nodes_threads: threadCounts[0],
    nodes_run_ms: summary.runMs,
    nodes_runs: nodeRuns.length,
    memory: {
      rss_delta_mb: mb(peakRss - rssBefore),
      peak_rss_mb: mb(peakRss),
      max_rss_mb: process.resourceUsage().maxRSS / 1024,
    },
    inputs,
    warmup,
    total_ms: totalMs,
    cost: { sessions_ms: sessionsMs, runs_ms: runsMs },
    notes,
  };
}

function timing(batch: number, threads: number, times: number[]): BatchTiming {
  const sorted = [...times].sort((a, b) => a - b);
  const p50 = quantile(sorted, 0.5);
  return {
    batch,
    threads,
    runs: times.length,
    p50_ms: p50,
    p90_ms: quantile(sorted, 0.9),
    p99_ms: quantile(sorted, 0.99),
    mean_ms: times.reduce((s, t) => s + t, 0) / Math.max(1, times.length),
    throughput: p50 > 0 ? (batch * 1000) / p50 : 0,
  };
}

function outputNames(backend: InferenceBackend): string[] {
  return backend.outputs.filter((o) => o.isTensor).map((o) => o.name);
}

function removeDir(made: Promise<string>): void {
  made.then(
    (dir) => rm(dir, { recursive: true, force: true }, () => undefined),
    () => undefined,
  );
}

function tempDir(): Promise<string> {
  return new Promise((resolve, reject) =>
    mkdtemp(path.join(os.tmpdir(), 'model-lens-profile-'), (e, dir) => (e ? reject(e) : resolve(dir))),
  );
}

/** Synchronous: a small file read at once, where a thread-pool round trip would cost more than the read. */
function readTrace(dir: string, prefix: string): TraceRun[] {
  const file = readdirSync(dir).find((f) => f.startsWith(`${prefix}_`) && f.endsWith('.json'));
  if (!file) throw new Error('onnxruntime wrote no profile');
  return traceRunsFromText(readFileSync(path.join(dir, file), 'utf8'));
}

/**
 * Inputs for `batch` rows: the data's rows, repeated, for the inputs it holds; the others generated as Run once
 * makes them (the batch axis set, free axes at the settings' sizes, else the sidecar's, held inputs at their values).
 */
function feedsFor(
  backend: InferenceBackend,
  batch: number,
  settings: ProfileSettings,
  data: ProfileRows | undefined,
): Record<string, TensorData> {
  const feeds: Record<string, TensorData> = {};
  if (data) {
    const infos = data.fed.map(({ name, dims }) => {
      const info = backend.inputs.find((i) => i.name === name)!;
      return dims ? { ...info, shape: [info.shape[0], ...dims] } : info;
    });
    const layout = rowLayout(infos);
    const w = layout.width;
    const rows = new Float32Array(batch * w);
    for (let r = 0; r < batch; r++)
      rows.set(data.values.subarray((r % data.rows) * w, ((r % data.rows) + 1) * w), r * w);
    Object.assign(feeds, rowFeeds(layout, rows, batch));
  }
  const dimSizes = { ...sidecarDimSizes(backend.inputs, settings), ...settings.dimSizes };
  for (const info of backend.inputs)
    if (!feeds[info.name]) feeds[info.name] = generated(info, batch, { ...settings, dimSizes }, data?.held);
  return feeds;
}

function generated(
  info: TensorInfo,
  batch: number,
  settings: ProfileSettings,
  fill: Record<string, number> | undefined,
): TensorData {
  if (!info.isTensor) throw new Error(`input '${info.name}' is not a tensor; Model Lens cannot generate it`);
  const first = info.shape[0];
  if (typeof first === 'number' && first !== batch)
    throw new Error(`input '${info.name}' has a fixed batch of ${first}: profile it with --batch ${first}`);
  const dimSizes = { ...settings.dimSizes };
  if (info.shape.length > 0 && typeof first !== 'number') dimSizes[dimKey(info.name, 0, first)] = batch;
  return sampleTensor(info, { dimSizes, defaultDimSize: settings.defaultDimSize ?? 1, fill });
}
