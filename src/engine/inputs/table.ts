/** A table: one column per element of every input; TreeSHAP or a model-agnostic method over its columns. */
import { backendModel } from '../explain/backendModel';
import { loadData, loadWholeRows, metadataNames, type ModelFile } from '../explain/jobs/jobData';
import { planTableJob, startTableJob } from '../explain/jobs/tableJob';
import { rowLayout } from '../explain/rowFeeds';
import { evaluateRows } from './labelled/runRows';
import type { Predictions } from './labelled/predictionTypes';
import type { DetectedInput, InputKind } from './kind';

export const tableKind: InputKind = {
  name: 'table',
  // The last kind tried: what no other kind claims is read as a table.
  detect: (file) => tableInput(file),
};

function tableInput(file: ModelFile): DetectedInput {
  return {
    kind: 'table',
    tableFeatures: true,
    plan: (env, settings) => planTableJob(env, file, settings),
    startRun: (env, settings) => startTableJob(env, file, settings),
    async rows(env, settings, backend) {
      const layout = rowLayout(backend.inputs);
      const names = settings.featureNames ?? metadataNames(file.model, 'feature_names');
      const table = await loadData(env, settings.data, layout.width, names);
      const fed = backend.inputs.map((i) => ({ name: i.name }));
      return { values: Float32Array.from(table.values), rows: table.rows, fed, held: {}, kind: 'table' };
    },
    async predict(env, s): Promise<Predictions> {
      const { data, names } = await loadWholeRows(env, file, s);
      const backend = await env.backend(file.path);
      const model = await backendModel(
        backend,
        { input: s.input, output: s.output },
        data.values.subarray(0, data.cols),
      );
      const outputs = await evaluateRows(model, data.values, data.rows, env);
      return {
        kind: 'table',
        file,
        data,
        model,
        featureNames: names ?? data.featureNames,
        labelColumn: s.label,
        outputs: outputs.values,
        modelMs: outputs.ms,
      };
    },
  };
}
