/** Entry of the engine worker thread: onnxruntime's create/run block, so they live here, off the host's thread. */
import { parentPort, threadId } from 'node:worker_threads';
import { RpcEndpoint } from '../../protocol/endpoint';
import type { WorkerNotifications, WorkerRequests } from '../../protocol/messages';
import { dataColumns } from '../evaluate/columns';
import { runEvaluateJob, runRulesJob } from '../evaluate/evaluateJob';
import { runImportanceJob, runPdpJob } from '../explain/jobs/globalJobs';
import { planExplainJob, runExplainJob } from '../explain/jobs/explainJob';
import { GraphService } from '../graph/graphService';
import { createEvalPool } from './evalPool';
import { ExplainService } from './explainService';
import { loadModelGraph } from '../graph/loadModelGraph';
import { externalDataFiles } from '../onnx/externalData';
import { checkExternalData, readModelFile } from '../onnx/loadFile';
import { summarize } from '../onnx/summary';
import { ModelRegistry } from './modelRegistry';
import { OrtBackend } from './ortBackend';
import { portTransport } from './portTransport';

if (!parentPort) throw new Error('The engine worker must run in a worker thread.');

const endpoint = new RpcEndpoint<WorkerRequests, Record<string, never>, Record<string, never>, WorkerNotifications>(
  portTransport(parentPort),
);
/** onnxruntime opens external data files itself: their paths are checked first. */
const openBackend = async (p: string) => {
  await checkExternalData(p);
  return OrtBackend.create(p);
};
const registry = new ModelRegistry(openBackend);
const graphs = new GraphService(loadModelGraph);
const explain = new ExplainService(
  openBackend,
  {
    progress: (p) => endpoint.notify('explain/progress', p),
    partial: (p) => endpoint.notify('explain/partial', p),
  },
  createEvalPool(__dirname),
);

endpoint.handle('engine/ping', ({ echo }) => ({ echo, pid: process.pid, threadId }));
endpoint.handle('model/load', ({ path }) => registry.load(path));
endpoint.handle('model/runOnce', ({ modelId, sample, previewValues }) =>
  registry.runOnce(modelId, sample, previewValues),
);
endpoint.handle('model/unload', ({ modelId }) => registry.unload(modelId));
endpoint.handle('model/summary', async ({ path, sizes }) =>
  summarize((await readModelFile(path)).model, undefined, sizes),
);
endpoint.handle('model/externalData', async ({ path }) => ({
  files: externalDataFiles((await readModelFile(path)).model).files,
}));
endpoint.handle('graph/open', ({ path }) => graphs.open(path));
endpoint.handle('graph/view', ({ graphId, expanded }, { token }) => graphs.view(graphId, expanded, token));
endpoint.handle('graph/node', ({ graphId, id }) => graphs.details(graphId, id));
endpoint.handle('graph/close', ({ graphId }) => graphs.close(graphId));
endpoint.handle('explain/plan', ({ modelPath, settings }, { token }) =>
  planExplainJob(explain.environment('plan', token), modelPath, settings),
);
endpoint.handle('explain/run', ({ jobId, modelPath, settings }, { token }) =>
  runExplainJob(explain.environment(jobId, token), modelPath, settings),
);
endpoint.handle('explain/importance', ({ jobId, modelPath, settings }, { token }) =>
  runImportanceJob(explain.environment(jobId, token), modelPath, settings),
);
endpoint.handle('explain/pdp', ({ jobId, modelPath, settings }, { token }) =>
  runPdpJob(explain.environment(jobId, token), modelPath, settings),
);
endpoint.handle('explain/evaluate', ({ jobId, modelPath, settings }, { token }) =>
  runEvaluateJob(explain.environment(jobId, token), modelPath, settings),
);
endpoint.handle('explain/rules', ({ jobId, modelPath, settings }, { token }) =>
  runRulesJob(explain.environment(jobId, token), modelPath, settings),
);
endpoint.handle('explain/columns', ({ modelPath, settings }, { token }) =>
  dataColumns(explain.environment('columns', token), modelPath, settings),
);
