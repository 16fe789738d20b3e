/**
 * ONNX read benchmark: a ~100 MB model (weights in raw_data, then in packed float_data) from bytes in
 * memory to the summary, against the time to merely copy the bytes. The budget is 300 ms.
 * Also times protobufjs's generated decode of the same bytes, the reason the reader keeps tensor data
 * as byte ranges. Run with `npx tsx bench/graph-read.ts`; exits 1 when a budget is missed.
 */
import { readModel } from '../src/engine/onnx/reader';
import { DataType, onnxType } from '../src/engine/onnx/schema';
import { summarize } from '../src/engine/onnx/summary';

const BUDGET_MS = 300;
const RUNS = 5;
const LAYERS = 25;
const WIDTH = 1000; // 25 layers of 1000 x 1000 float32 = 100 MB of weights
let failed = false;

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

/** An MLP of LAYERS MatMul + Relu blocks with WIDTH x WIDTH weights, encoded with the project's schema. */
function makeModel(where: 'raw' | 'float_data'): Uint8Array {
  const weights = new Float32Array(WIDTH * WIDTH).map((_, i) => ((i * 2654435761) % 1000) / 1000 - 0.5);
  const floatList = where === 'float_data' ? Array.from(weights) : [];
  const nodes = [];
  const initializer = [];
  for (let l = 0; l < LAYERS; l++) {
    const x = l === 0 ? 'x' : `h${l - 1}`;
    nodes.push({ op_type: 'MatMul', name: `/layers.${l}/MatMul`, input: [x, `w${l}`], output: [`m${l}`] });
    nodes.push({ op_type: 'Relu', name: `/layers.${l}/Relu`, input: [`m${l}`], output: [`h${l}`] });
    const base = { name: `w${l}`, dims: [WIDTH, WIDTH], data_type: DataType.FLOAT };
    initializer.push(
      where === 'raw' ? { ...base, raw_data: new Uint8Array(weights.buffer) } : { ...base, float_data: floatList },
    );
  }
  const io = (name: string) => ({
    name,
    type: {
      tensor_type: { elem_type: DataType.FLOAT, shape: { dim: [{ dim_param: 'batch' }, { dim_value: WIDTH }] } },
    },
  });
  const M = onnxType('ModelProto');
  const graph = { name: 'bench', node: nodes, initializer, input: [io('x')], output: [io(`h${LAYERS - 1}`)] };
  return M.encode(M.fromObject({ ir_version: 9, opset_import: [{ domain: '', version: 17 }], graph })).finish();
}

function report(label: string, ms: number, budget?: number): void {
  if (budget === undefined) return console.log(`${label}: ${ms.toFixed(1)} ms (for scale)`);
  const ratio = ms / budget;
  if (ratio >= 1) failed = true;
  console.log(
    `${label}: ${ms.toFixed(1)} ms (budget ${budget} ms, ratio ${ratio.toFixed(2)}) ${ratio < 1 ? 'OK' : 'FAIL'}`,
  );
}

for (const where of ['raw', 'float_data'] as const) {
  const bytes = makeModel(where);
  const mb = Math.round(bytes.length / 1e6);
  const label = where === 'raw' ? 'raw' : 'float_data';
  report(
    `read-${mb}MB-${label}`,
    medianTime(() => summarize(readModel(bytes))),
    BUDGET_MS,
  );
  report(
    `copy-${mb}MB-${label}`,
    medianTime(() => Buffer.from(bytes)),
  );
  const M = onnxType('ModelProto');
  report(
    `protobufjs-decode-${mb}MB-${label}`,
    medianTime(() => M.decode(bytes), 2),
  );
}

if (failed) process.exitCode = 1;
