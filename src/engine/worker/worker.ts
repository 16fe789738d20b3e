/** Entry of the engine worker thread: onnxruntime's create/run block, so they live here, off the host's thread. */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { RpcEndpoint } from '../../protocol/endpoint';
import type { WorkerNotifications, WorkerRequests } from '../../protocol/messages';
import { dataColumns } from '../evaluate/columns';
import { runEvaluateJob, runRulesJob } from '../evaluate/evaluateJob';
import { runImportanceJob, runPdpJob } from '../commands/globalJobs';
import { planExplainJob, runExplainJob } from '../commands/explainJob';
import { runOutputMap } from '../explain/outputMap';
import { GraphService } from '../graph/graphService';
import { createEvalPool } from './evalPool';
import { ExplainService } from './explainService';
import { loadModelGraph } from '../graph/loadModelGraph';
import { externalDataFiles } from '../onnx/externalData';
import { checkExternalData, readModelFile } from '../onnx/loadFile';
import { summarize } from '../onnx/summary';
import { runCompareJob } from '../compare/compareJob';
import { runProfileJob } from '../profile/profileJob';
import { readGuarded } from '../data/readGuard';
import { ModelRegistry } from './modelRegistry';
import { OrtBackend } from '../runtime/ortBackend';
import { openModel } from '../runtime/ortOpen';
import { portTransport } from '../runtime/portTransport';
import { SessionCache } from '../runtime/sessionCache';
import { runtimeFromWorkerData, withRuntime } from '../runtime/runtimeOptions';

if (!parentPort) throw new Error('The engine worker must run in a worker thread.');

const endpoint = new RpcEndpoint<WorkerRequests, Record<string, never>, Record<string, never>, WorkerNotifications>(
  portTransport(parentPort),
);
/** The backend and providers the host's settings ask for (the evaluation workers get the same). */
const runtime = runtimeFromWorkerData(workerData);
/** onnxruntime opens external data files itself: their paths are checked first. */
const openBackend = async (p: string) => {
  await checkExternalData(p);
  return openModel(p, runtime);
};
/** One session per model file for the model view and the explanations alike. */
const sessions = new SessionCache(openBackend, 4);
const registry = new ModelRegistry(sessions);
const graphs = new GraphService(loadModelGraph);
const explain = new ExplainService(
  sessions,
  {
    progress: (p) => endpoint.notify('explain/progress', p),
    partial: (p, transfer) => endpoint.notify('explain/partial', p, transfer),
  },
  createEvalPool(__dirname, runtime),
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
endpoint.handle('explain/plan', async ({ modelPath, settings }, { token }) => {
  const plan = await planExplainJob(explain.environment('plan', token), modelPath, settings);
  return plan.method === 'tree' ? plan : withRuntime(plan, await explain.runtimeOf(modelPath));
});
endpoint.handle('explain/outputMap', ({ modelPath, settings }, { token }) =>
  runOutputMap(explain.environment('outputMap', token), modelPath, settings),
);
endpoint.handle('explain/run', async ({ jobId, modelPath, settings }, { token }) => {
  const outcome = await runExplainJob(explain.environment(jobId, token), modelPath, settings);
  if (outcome.plan.method === 'tree') return outcome;
  return { ...outcome, plan: withRuntime(outcome.plan, await explain.runtimeOf(modelPath)) };
});
endpoint.handle('explain/importance', ({ jobId, modelPath, settings }, { token }) =>
  runImportanceJob(explain.environment(jobId, token), modelPath, settings),
);
endpoint.handle('explain/pdp', ({ jobId, modelPath, settings }, { token }) =>
  runPdpJob(explain.environment(jobId, token), modelPath, settings),
);
endpoint.handle('compare/run', ({ jobId, pathA, pathB, settings }, { token }) =>
  runCompareJob(explain.environment(jobId, token), pathA, pathB, settings),
);
endpoint.handle('profile/run', ({ path, settings }, { token }) =>
  runProfileJob(
    {
      readFile: (f) => readGuarded(f),
      open: (model, o) =>
        // onnxruntime's profiler is the native library's: the profile runs there, on the providers the settings ask for.
        OrtBackend.create(model, {
          intraOpNumThreads: o.threads,
          profileFilePrefix: o.profileFilePrefix,
          executionProviders: runtime.executionProviders,
          reason: runtime.backend === 'wasm' ? 'profiling needs the native library' : 'default',
        }),
      cancel: token,
    },
    path,
    settings,
  ),
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
