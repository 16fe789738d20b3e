import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { runProfileJob } from '../../../src/engine/profile/profileJob';
import { traceRunsFromText } from '../../../src/engine/profile/trace';
import { OrtBackend } from '../../../src/engine/runtime/ortBackend';
import { encodeModel, graph, node, valueInfo, writeGenerated } from '../onnx/build';

const FLOAT = 1;
/** Node names onnxruntime's profiler writes into its JSON trace as they are, control characters and all. */
const NAMES = ['relu\tone', 'sigmoid\u0001two', 'neg\nthree'];

describe('profile: node names holding control characters', function () {
  this.timeout(60_000);

  it('are read from the trace and matched to their graph nodes', async () => {
    const model = writeGenerated(
      'control_names.onnx',
      encodeModel(
        graph({
          nodes: [
            node('Relu', ['x'], ['a'], {}, NAMES[0]),
            node('Sigmoid', ['a'], ['b'], {}, NAMES[1]),
            node('Neg', ['b'], ['y'], {}, NAMES[2]),
          ],
          inputs: [valueInfo('x', FLOAT, ['N', 4])],
          outputs: [valueInfo('y', FLOAT, ['N', 4])],
        }),
      ),
    );
    const r = await runProfileJob(
      {
        readFile: (f) => readFile(f),
        open: (m, o) => OrtBackend.create(m, { intraOpNumThreads: o.threads, profileFilePrefix: o.profileFilePrefix }),
      },
      model,
      { threads: [1], runs: 2, warmup: 3 },
    );
    const found = new Map(r.nodes.map((n) => [n.name, n.node_id]));
    NAMES.forEach((name, i) => assert.equal(found.get(name), `n${i}`, JSON.stringify(name)));
  });

  it('raw inside a string of a line-per-event trace, or of a trace in another layout', () => {
    const head = (name: string, ts: number, dur: number) =>
      `{"cat" : "Node","pid" :1,"tid" :2,"dur" :${dur},"ts" :${ts},"ph" : "X","name" :"${name}_kernel_time","args" : {"op_name" : "Relu"}}`;
    const run = `{"cat" : "Session","pid" :1,"tid" :2,"dur" :50,"ts" :100,"ph" : "X","name" :"model_run","args" : {}}`;
    const usual = `[\n${run},\n${head('a\tb', 101, 7)},\n${head('c\nd', 110, 9)}\n]\n`;
    const other = `[ ${run} ,\n\t${head('a\tb', 101, 7)}, ${head('c\nd', 110, 9)} ]`;
    for (const text of [usual, other]) {
      const runs = traceRunsFromText(text);
      assert.deepEqual(runs, [
        {
          us: 50,
          nodes: [
            { name: 'a\tb', op: 'Relu', us: 7 },
            { name: 'c\nd', op: 'Relu', us: 9 },
          ],
        },
      ]);
    }
  });
});
