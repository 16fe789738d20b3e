/**
 * Graph layout benchmark: ours against @dagrejs/dagre on the same 5,000-node network-shaped graph,
 * the first interactive view of a 10,000-node transformer, and a 20,000-node layout for information.
 * Run with `npx tsx bench/graph-layout.ts`; exits 1 when a requirement fails.
 */
import { Worker } from 'node:worker_threads';
import { buildScopeTree, foldGraph, initialExpansion } from '../src/engine/graph/fold';
import { layoutGraph, type LayoutInput } from '../src/engine/graph/layout';
import { networkGraph, transformerGraph } from '../test/unit/graph/networkGraphs';

const NODE_SEP = 24;
const RANK_SEP = 40;
const RUNS = 3;
let failed = false;

/** Warm up once, then the median of RUNS timed runs, in milliseconds. */
function medianTime(run: () => void, runs = RUNS): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * dagre recurses once per node along a path, so a 5,000-deep network overflows the default stack:
 * it runs (warm-up plus median, like ours) in a worker thread given a larger stack.
 */
function dagreMedianTime(input: LayoutInput, runs: number): Promise<number> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const dagre = require('@dagrejs/dagre');
    const { input, runs, nodesep, ranksep } = workerData;
    const once = () => {
      const g = new dagre.graphlib.Graph();
      g.setGraph({ rankdir: 'TB', nodesep, ranksep });
      g.setDefaultEdgeLabel(() => ({}));
      for (const n of input.nodes) g.setNode(n.id, { width: n.width, height: n.height });
      for (const e of input.edges) g.setEdge(e.source, e.target);
      dagre.layout(g);
    };
    once();
    const times = [];
    for (let i = 0; i < runs; i++) { const t = performance.now(); once(); times.push(performance.now() - t); }
    times.sort((a, b) => a - b);
    parentPort.postMessage(times[Math.floor(times.length / 2)]);`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { input, runs, nodesep: NODE_SEP, ranksep: RANK_SEP },
    resourceLimits: { stackSizeMb: 256 },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (ms: number) => resolve(ms));
    worker.once('error', reject);
  }).finally(() => worker.terminate()) as Promise<number>;
}

function ours(input: LayoutInput): void {
  layoutGraph(input, { nodeSeparation: NODE_SEP, rankSeparation: RANK_SEP });
}

function report(line: string, ok: boolean): void {
  console.log(`${line} ${ok ? 'OK' : 'FAIL'}`);
  if (!ok) failed = true;
}

async function main(): Promise<void> {
  const flat = networkGraph(5000, 1);
  const oursMs = medianTime(() => ours(flat));
  const dagreMs = await dagreMedianTime(flat, RUNS);
  const speedup = dagreMs / oursMs;
  report(
    `layout-5000-flat: ours ${oursMs.toFixed(0)} ms, dagre ${dagreMs.toFixed(0)} ms, speedup ${speedup.toFixed(1)}x (need >= 2x)`,
    speedup >= 2,
  );

  const transformer = transformerGraph(10000, 1);
  const budget = 1500;
  let shown = 0;
  const firstViewMs = medianTime(() => {
    const tree = buildScopeTree(transformer.nodes);
    const folded = foldGraph(tree, transformer.edges, initialExpansion(tree, 60));
    shown = folded.items.length;
    const nodes = folded.items.map((item) => ({
      id: item.id,
      width: item.kind === 'group' ? 180 : 100,
      height: item.kind === 'group' ? 44 : 32,
    }));
    ours({ nodes, edges: folded.edges });
  });
  report(
    `transformer-10000-first-view: ${firstViewMs.toFixed(1)} ms for ${shown} items (budget ${budget} ms, ratio ${(firstViewMs / budget).toFixed(3)})`,
    firstViewMs <= budget,
  );

  const big = networkGraph(20000, 2);
  const bigMs = medianTime(() => ours(big), 1);
  console.log(`layout-20000-flat: ours ${bigMs.toFixed(0)} ms (information)`);

  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
