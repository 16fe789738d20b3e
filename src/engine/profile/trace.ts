/**
 * onnxruntime's profiler output (Chrome trace events: `model_run` spans in category Session, one
 * `<node>_kernel_time` span per node run in category Node with args.op_name) as runs of node times.
 */
import type { NodeTime } from '../../protocol/profileTypes';

export interface TraceNode {
  name: string;
  op: string;
  us: number;
}

export interface TraceRun {
  /** onnxruntime's measure of the whole run (model_run), microseconds. */
  us: number;
  nodes: TraceNode[];
}

interface TraceEvent {
  cat?: string;
  name?: string;
  ts?: number;
  dur?: number;
  args?: { op_name?: string };
}

const KERNEL = '_kernel_time';

/** The runs in the order they ran; each holds the node spans inside its model_run span. */
export function traceRuns(events: unknown): TraceRun[] {
  if (!Array.isArray(events)) throw new Error("onnxruntime's profile is not a list of trace events");
  const list = events as TraceEvent[];
  const runs = list
    .filter((e) => e.cat === 'Session' && e.name === 'model_run' && typeof e.ts === 'number')
    .map((e) => ({ start: e.ts!, end: e.ts! + (e.dur ?? 0), run: { us: e.dur ?? 0, nodes: [] as TraceNode[] } }))
    .sort((a, b) => a.start - b.start);
  for (const e of list) {
    if (e.cat !== 'Node' || !e.name?.endsWith(KERNEL) || typeof e.ts !== 'number') continue;
    const owner = runs.find((r) => e.ts! >= r.start && e.ts! <= r.end);
    owner?.run.nodes.push({ name: e.name.slice(0, -KERNEL.length), op: e.args?.op_name ?? '?', us: e.dur ?? 0 });
  }
  return runs.map((r) => r.run);
}

/** The main graph's nodes by name and by output tensor, to find the node a trace entry ran. */
export interface NodeIndex {
  byName: Map<string, string>;
  byOutput: Map<string, string>;
  op: Map<string, string>;
  name: Map<string, string>;
  /** Node id -> the node producing its first input. */
  firstInputFrom: Map<string, string>;
}

/** Ids are the graph view's: 'n' + the node's position in the main graph. */
export function nodeIndex(
  nodes: readonly { name: string; op: string; inputs: string[]; outputs: string[] }[],
): NodeIndex {
  const index: NodeIndex = {
    byName: new Map(),
    byOutput: new Map(),
    op: new Map(),
    name: new Map(),
    firstInputFrom: new Map(),
  };
  nodes.forEach((n, i) => {
    const id = `n${i}`;
    if (n.name) index.byName.set(n.name, id);
    index.op.set(id, n.op);
    index.name.set(id, n.name);
    for (const o of n.outputs) if (o) index.byOutput.set(o, id);
  });
  nodes.forEach((n, i) => {
    const from = n.inputs[0] ? index.byOutput.get(n.inputs[0]) : undefined;
    if (from) index.firstInputFrom.set(`n${i}`, from);
  });
  return index;
}

/**
 * The graph node a trace entry ran: its own name; for a node onnxruntime fused ('fused /fc1/Gemm' for
 * Gemm + Relu) the node the fusion kept the name of; for its NCHWc layout nodes ('<output>_nchwc') the
 * node of that op producing the output, walking back over the activations fused into it.
 */
export function graphNodeId(traceName: string, traceOp: string, index: NodeIndex): string | undefined {
  const direct =
    index.byName.get(traceName) ?? (traceName.startsWith('fused ') ? index.byName.get(traceName.slice(6)) : undefined);
  if (direct !== undefined) return direct;
  const output = /^(.*)_nchwc$/.exec(traceName)?.[1];
  const producer = output === undefined ? undefined : index.byOutput.get(output);
  if (producer === undefined) return undefined;
  let id: string | undefined = producer;
  for (let step = 0; id !== undefined && step < 3; step++) {
    if (index.op.get(id) === traceOp) return id;
    id = index.firstInputFrom.get(id);
  }
  return producer;
}

export interface NodeSummary {
  nodes: NodeTime[];
  ops: Record<string, number>;
  /** Mean model_run ms of the runs. */
  runMs: number;
}

/** The faster half of the runs by onnxruntime's run time (at least one): those the OS disturbed least. */
export function quietRuns(runs: readonly TraceRun[]): TraceRun[] {
  return [...runs].sort((a, b) => a.us - b.us).slice(0, Math.max(1, Math.ceil(runs.length / 2)));
}

/**
 * Milliseconds per run for each node and op type over `runs`: the median over runs, so one run the OS
 * preempted does not move it; slowest first, with each node's share of the nodes' total.
 */
export function summariseRuns(runs: readonly TraceRun[], index: NodeIndex): NodeSummary {
  const byName = new Map<string, { op: string; us: number[] }>();
  runs.forEach((run, k) => {
    for (const n of run.nodes) {
      const entry = byName.get(n.name) ?? { op: n.op, us: new Array<number>(runs.length).fill(0) };
      entry.us[k] += n.us;
      byName.set(n.name, entry);
    }
  });
  const median = (v: number[]) =>
    quantile(
      [...v].sort((a, b) => a - b),
      0.5,
    );
  const times = [...byName].map(([name, e]) => ({ name, op: e.op, us: median(e.us) }));
  const total = times.reduce((s, t) => s + t.us, 0);
  const nodes: NodeTime[] = times.map((t) => {
    const node: NodeTime = { name: t.name, op: t.op, ms: t.us / 1000, share: total > 0 ? t.us / total : 0 };
    const id = graphNodeId(t.name, t.op, index);
    // The graph's name for it, so the table and JSON read like the model; onnxruntime's kept beside.
    if (id !== undefined) {
      node.node_id = id;
      const graphName = index.name.get(id);
      if (graphName && graphName !== t.name) {
        node.ort_name = t.name;
        node.name = graphName;
      }
    }
    return node;
  });
  nodes.sort((a, b) => b.ms - a.ms || a.name.localeCompare(b.name));
  const ops = new Map<string, number>();
  for (const n of nodes) ops.set(n.op, (ops.get(n.op) ?? 0) + n.ms);
  return {
    nodes,
    ops: Object.fromEntries([...ops].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    runMs: runs.length ? median(runs.map((r) => r.us)) / 1000 : 0,
  };
}

/** Quantile q of sorted values by linear interpolation between closest ranks (Hyndman & Fan type 7, numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
