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
  return groupRuns(spansOf(events as TraceEvent[]));
}

function spansOf(events: readonly TraceEvent[]): Span[] {
  const spans: Span[] = [];
  for (const e of events) {
    if (typeof e.ts !== 'number') continue;
    const dur = e.dur ?? 0;
    if (e.cat === 'Session' && e.name === 'model_run') spans.push({ run: true, ts: e.ts, dur, name: '', op: '' });
    else if (e.cat === 'Node' && e.name?.endsWith(KERNEL))
      spans.push({ run: false, ts: e.ts, dur, name: e.name.slice(0, -KERNEL.length), op: e.args?.op_name ?? '?' });
  }
  return spans;
}

interface Span {
  run: boolean;
  ts: number;
  dur: number;
  name: string;
  op: string;
}

/** Each node span goes to the model_run span it starts in (binary search over the runs by start). */
function groupRuns(spans: Span[]): TraceRun[] {
  const runs = spans
    .filter((s) => s.run)
    .sort((a, b) => a.ts - b.ts)
    .map((s) => ({ start: s.ts, end: s.ts + s.dur, run: { us: s.dur, nodes: [] as TraceNode[] } }));
  for (const s of spans) {
    if (s.run) continue;
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid].start <= s.ts) lo = mid;
      else hi = mid - 1;
    }
    const owner = runs[lo];
    if (owner && s.ts >= owner.start && s.ts <= owner.end) owner.run.nodes.push({ name: s.name, op: s.op, us: s.dur });
  }
  return runs.map((r) => r.run);
}

// onnxruntime writes one event a line with its fields in this order (profiler.cc); args come after the name.
const EVENT_HEAD =
  /^\{"cat" : "(\w+)","pid" :\d+,"tid" :\d+,"dur" :(\d+),"ts" :(\d+),"ph" : "X","name" :("(?:[^"\\]|\\.)*")/;
const OP_NAME = /"op_name" : ("(?:[^"\\]|\\.)*")/;

/**
 * The runs of a trace file's text. Only the model_run and kernel lines are read (a kernel's args, two thirds
 * of the file, and the fence events are skipped), which costs a fraction of parsing the whole file; a line
 * not in onnxruntime's usual layout is parsed as JSON, and a file not written a line an event as a whole.
 */
export function traceRunsFromText(text: string): TraceRun[] {
  try {
    return readTraceText(text);
  } catch (e) {
    // Read again with control characters escaped only when reading failed: a clean trace pays nothing for them.
    const escaped = escapeRawControls(text);
    if (escaped === text) throw e;
    return readTraceText(escaped);
  }
}

function readTraceText(text: string): TraceRun[] {
  if (!text.startsWith('[\n{')) return traceRuns(JSON.parse(text));
  const spans: Span[] = [];
  for (let at = 2; at < text.length;) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end);
    at = end + 1;
    if (line.charCodeAt(0) !== 0x7b && line.trim() !== ']' && line.trim() !== '') {
      // A raw line break inside a name split its event: read again escaped, or say which line is wrong.
      throw new Error(`onnxruntime's profile has a line that starts no event: ${JSON.stringify(line.slice(0, 60))}`);
    }
    if (!line.includes('_kernel_time"') && !line.includes('"model_run"')) continue;
    const head = EVENT_HEAD.exec(line);
    const name = head ? (JSON.parse(head[4]) as string) : undefined;
    if (head && name !== undefined && (head[1] === 'Session' || head[1] === 'Node')) {
      const ts = Number(head[3]);
      const dur = Number(head[2]);
      if (head[1] === 'Session' && name === 'model_run') spans.push({ run: true, ts, dur, name: '', op: '' });
      else if (head[1] === 'Node' && name.endsWith(KERNEL)) {
        const op = OP_NAME.exec(line);
        spans.push({
          run: false,
          ts,
          dur,
          name: name.slice(0, -KERNEL.length),
          op: op ? (JSON.parse(op[1]) as string) : '?',
        });
      }
      continue;
    }
    // Not the usual layout: this event alone through JSON (the trailing comma and the closing bracket dropped).
    const json = line.replace(/,?\s*\]?\s*$/, '');
    if (json.startsWith('{')) spans.push(...spansOf([JSON.parse(json) as TraceEvent]));
  }
  return groupRuns(spans);
}

/**
 * onnxruntime writes node names into its trace unescaped, so a name holding a tab or a line break is not JSON:
 * control characters inside strings are escaped (outside them they are whitespace). The text itself when there are none.
 */
export function escapeRawControls(text: string): string {
  const parts: string[] = [];
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!inString) inString = c === QUOTE;
    else if (c === BACKSLASH) i++;
    else if (c === QUOTE) inString = false;
    else if (c < 0x20) {
      parts.push(text.slice(from, i), `\\u${c.toString(16).padStart(4, '0')}`);
      from = i + 1;
    }
  }
  if (from === 0) return text;
  parts.push(text.slice(from));
  return parts.join('');
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

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
  nodes.sort((a, b) => b.ms - a.ms || byCodePoint(a.name, b.name));
  const ops = new Map<string, number>();
  for (const n of nodes) ops.set(n.op, (ops.get(n.op) ?? 0) + n.ms);
  return {
    nodes,
    ops: Object.fromEntries([...ops].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]))),
    runMs: runs.length ? median(runs.map((r) => r.us)) / 1000 : 0,
  };
}

/** Ties in name order by code point: localeCompare's first call loads ICU's collator, ~7 ms of a profile of a small model. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Quantile q of sorted values by linear interpolation between closest ranks (Hyndman & Fan type 7, numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
