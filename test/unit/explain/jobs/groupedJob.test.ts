// The helpers the picture, text and sequence jobs now share: each must say what the three copies said.

import assert from 'node:assert/strict';
import type { ExplainedModel } from '../../../../src/engine/explain/backendModel';
import type { EvaluationPool, PoolValueOptions } from '../../../../src/engine/explain/evaluationPool';
import { pooledValuesFor } from '../../../../src/engine/explain/evaluationPool';
import {
  groupedJob,
  groupedOutcome,
  groupedPlanInfo,
  rowsPerSecondOn,
  scoredModel,
} from '../../../../src/engine/explain/jobs/groupedJob';
import type { ModelFile } from '../../../../src/engine/explain/jobs/jobData';
import { runSettings } from '../../../../src/engine/explain/jobs/runSettings';
import type { ExplainSettings } from '../../../../src/protocol/explainTypes';

const file = { fileName: 'net.onnx', path: 'net.onnx' } as ModelFile;
const auto: ExplainSettings = { data: 'x.csv', method: 'auto' };

/** A model whose output per row is the sum of its row, with the given output dims. */
function sumModel(outputDims: number[]): ExplainedModel {
  const columns = outputDims.reduce((a, b) => a * b, 1);
  return {
    features: 3,
    columns,
    maxBatch: 1024,
    inputName: 'x',
    outputName: 'scores',
    explained: { start: 0, width: 3 },
    outputDims,
    evaluate: async (rows, n) => {
      const out = new Float32Array(n * columns);
      for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) out[i * columns] += Number(rows[i * 3 + j]);
      return out;
    },
  };
}

describe('grouped job helpers', () => {
  it('scoredModel keeps one score per class and names the file and output when there are more dims', () => {
    const scores = sumModel([5]);
    assert.equal(scoredModel(file, scores, auto, 'an element'), scores);
    const map = sumModel([2, 3]);
    assert.throws(
      () => scoredModel(file, map, auto, 'an element (--target element:I)'),
      (e: Error) =>
        e.message.startsWith("net.onnx: output 'scores' has 6 values per row ([2, 3])") &&
        e.message.endsWith('choose a target: an element (--target element:I)'),
    );
    // A target reduces any output to its one number.
    const targeted = scoredModel(file, map, { ...auto, target: { kind: 'element', index: 4 } }, 'x');
    assert.equal(targeted.columns, 1);
  });

  it('groupedPlanInfo says the kind when auto chose the method, and names the columns by the model', () => {
    const reasons = { partition: 'halves', kernel: 'KernelSHAP' } as const;
    const cost = { evaluations: 40, etaSeconds: 2, explainedRows: 4 };
    const read = { model: sumModel([2]), columns: ['cat', 'dog'], notes: ['n'] };
    const a = groupedPlanInfo('image', auto, 'partition', reasons, cost, read);
    assert.equal(a.reason, 'an image input: halves');
    assert.deepEqual([a.evaluations, a.etaSeconds, a.explainedRows], [40, 2, 4]);
    assert.deepEqual(a.outputColumns, ['cat', 'dog']);
    assert.equal(a.output, 'scores');
    assert.equal(a.kind, 'image');
    const chosen = groupedPlanInfo('text', { ...auto, method: 'kernel' }, 'kernel', reasons, cost, read);
    assert.equal(chosen.reason, 'KernelSHAP');
  });

  it('groupedJob times only the plan, and its run explains from an untimed plan', async () => {
    const timed: boolean[] = [];
    const job = groupedJob(
      async (_env, _file, input: number, _s, timeIt) => {
        timed.push(timeIt);
        return { info: groupedPlanInfo('sequence', auto, 'kernel', { kernel: `k${input}` }, cost0, read0) };
      },
      async (_env, _file, input, _s, plan) => ({
        ...groupedOutcome({} as never, plan.info, input, 'mean'),
      }),
    );
    const env = {} as never;
    assert.equal((await job.plan(env, file, 7, auto)).reason, 'a sequence input: k7');
    const outcome = await job.run(env, file, 9, auto);
    assert.deepEqual(timed, [true, false]);
    assert.deepEqual([outcome.dataRows, outcome.background, outcome.otherColumns], [9, 'mean', []]);
  });

  it('rowsPerSecondOn evaluates growing batches of the one row, each row the same', async () => {
    const seen: number[] = [];
    const model = sumModel([1]);
    const counting: ExplainedModel = {
      ...model,
      evaluate: async (rows, n) => {
        seen.push(n);
        for (let i = 0; i < n; i++) assert.deepEqual(Array.from(rows.slice(i * 3, i * 3 + 3)), [1, 2, 3]);
        return model.evaluate(rows, n);
      },
    };
    const rate = await rowsPerSecondOn(counting, Float64Array.of(1, 2, 3));
    assert.ok(rate > 0 && Number.isFinite(rate));
    // Batches of 1, 4, 16, 64, 256 rows (the evaluator may split them), stopping early only where one takes a third of a second.
    const total = seen.reduce((a, b) => a + b, 0);
    const prefixSums = [1, 5, 21, 85, 341];
    assert.ok(prefixSums.includes(total), `rows evaluated: ${total}`);
  });

  it('runSettings defaults seed 0 and the identity link, and keeps what the user set', () => {
    const cancel = { isCancellationRequested: false };
    assert.deepEqual(runSettings(auto, { cancel }), { samples: undefined, seed: 0, link: 'identity', cancel });
    assert.deepEqual(runSettings({ ...auto, samples: 30, seed: 5, link: 'logit' }, {}), {
      samples: 30,
      seed: 5,
      link: 'logit',
      cancel: undefined,
    });
  });

  it('pooledValuesFor opens value functions on the pool with the model and the cancel, none without a pool', async () => {
    assert.equal(pooledValuesFor({}, { modelPath: 'm.onnx' }), undefined);
    const opened: PoolValueOptions[] = [];
    const pool = {
      size: 2,
      valueFunction: async (o: PoolValueOptions) => {
        opened.push(o);
        return {} as never;
      },
      dispose: async () => undefined,
    } as EvaluationPool;
    const cancel = { isCancellationRequested: false };
    const open = pooledValuesFor({ pool, cancel }, { modelPath: 'm.onnx', input: 'x', output: 'y' })!;
    const background = { values: new Float64Array(3), rows: 1 };
    const groups = { count: 0, groupOf: new Int32Array(3) } as never;
    const onRows = () => undefined;
    await open(background as never, groups, 'identity', onRows);
    assert.equal(opened.length, 1);
    const o = opened[0];
    assert.deepEqual(
      [o.modelPath, o.input, o.output, o.link, o.cancel, o.onRows],
      ['m.onnx', 'x', 'y', 'identity', cancel, onRows],
    );
    assert.equal(o.background, background);
    assert.equal(o.groups, groups);
  });
});

const cost0 = { evaluations: 1, etaSeconds: undefined, explainedRows: 1 };
const read0 = { model: sumModel([1]), columns: ['y'], notes: [] };
