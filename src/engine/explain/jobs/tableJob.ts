/**
 * A table's explanation from a user's settings: the data matched to the input, the background, the method
 * (TreeSHAP when it answers the question asked, else model-agnostic), the plan and the run.
 */
import path from 'node:path';
import type { Attribution } from '../../../protocol/attributionTypes';
import type { ExplainOutcome, ExplainPlanInfo, ExplainSettings } from '../../../protocol/explainTypes';
import { seededRandom, summariseBackground, takeRows, type Background } from '../../data/background';
import { parseRows } from '../../data/rows';
import { backendModel, modelNotes, type ExplainedModel } from '../backendModel';
import { rowBytes } from '../batchModel';
import { BatchEvaluator } from '../evaluator';
import { pooledValuesFor } from '../evaluationPool';
import { explainRows } from '../explainRows';
import { sliceGroups, type FeatureGroups } from '../shapley/coalitionValues';
import { ensureAllFit } from '../limits';
import { measureRowsPerSecond, planExplanation, planSizes, type AgnosticMethod } from '../plan';
import { explainTreeModel, treeSupport } from '../tree/explainTreeModel';
import { missingPolicy } from './missingValues';
import { runSettings } from './runSettings';
import {
  asRows,
  classNamesFor,
  explainedInput,
  featureNamesFor,
  loadData,
  type JobEnvironment,
  type ModelFile,
} from './jobData';

type ExplainJobEnvironment = JobEnvironment & { onPartial?: (attribution: Attribution) => void };

interface Prepared {
  file: ModelFile;
  settings: ExplainSettings;
  featureNames: string[];
  rowIndices: number[];
  rows: ReturnType<typeof takeRows>;
  background: Background;
  backgroundText: string;
  dataRows: number;
  otherColumns: string[];
  /** 'tree' when TreeSHAP answers the question asked, else the model-agnostic method. */
  method: 'tree' | AgnosticMethod | 'auto';
  /** One group per element of the explained input; the other inputs' elements held at the row's values. */
  groups: FeatureGroups;
  notes: string[];
  treeOutput?: string;
}

async function prepare(env: JobEnvironment, file: ModelFile, settings: ExplainSettings): Promise<Prepared> {
  const tableMethod = settings.method;
  if (tableMethod === 'partition' || tableMethod === 'occlusion') {
    throw new Error(`${file.fileName}: the ${tableMethod} method explains image inputs, and this input is a table`);
  }
  const input = explainedInput(file, settings.input);
  const single = input.width === input.total;
  const names = featureNamesFor(file, input.width, settings.featureNames);
  // A row holds every input's columns; names from the model or sidecar describe the explained input.
  const missing = missingPolicy(file.model, file.fileName, settings.missingValues ?? 'auto');
  const data = await loadData(env, settings.data, input.total, single ? names : undefined, missing);
  const featureNames = names ?? data.featureNames.slice(input.start, input.start + input.width);
  const seed = settings.seed ?? 0;
  const backgroundSource = settings.background
    ? await loadData(env, settings.background, input.total, single ? featureNames : data.featureNames, missing)
    : data;
  const background = summariseBackground(asRows(backgroundSource), {
    backgroundSize: settings.backgroundSize ?? 100,
    method: 'sample',
    random: seededRandom(seed),
  });
  const rowIndices = settings.rows
    ? parseRows(settings.rows, data.rows)
    : Array.from({ length: Math.min(20, data.rows) }, (_, i) => i);
  const backgroundText =
    `${background.rows} rows of ${path.basename(settings.background ?? settings.data)}` +
    (background.method === 'all' ? '' : ` (a seeded sample of ${backgroundSource.rows})`);
  const prepared: Prepared = {
    file,
    settings,
    featureNames,
    rowIndices,
    rows: takeRows(asRows(data), rowIndices),
    background,
    backgroundText,
    dataRows: data.rows,
    otherColumns: data.extra.map((e) => e.name),
    method: tableMethod === 'tree' ? 'tree' : tableMethod,
    groups: sliceGroups(input.total, input),
    notes: [],
  };
  // TreeSHAP reads one input; a model with several is explained model-agnostically.
  const tree =
    single && (settings.method === 'tree' || settings.method === 'auto')
      ? treeSupport(file.model, file.bytes, settings.output)
      : undefined;
  if (settings.method === 'tree' && !tree) {
    throw new Error(`${file.fileName} holds no ONNX-ML tree ensemble fed by its input: the tree method needs one`);
  }
  if (settings.method === 'tree' && tree && !tree.support.ok) {
    throw new Error(`${file.fileName}: TreeSHAP does not apply: ${tree.support.reason}; use another method`);
  }
  if (tree && settings.method === 'auto') {
    if (tree.support.ok && tree.support.exactFor === 'output') prepared.method = 'tree';
    else if (tree.support.ok) {
      prepared.notes.push(
        `'${tree.outputName}' applies ${tree.support.transform} after the trees, so TreeSHAP would explain the margin; ` +
          'auto explains the output itself with a model-agnostic method',
      );
    } else {
      prepared.notes.push(
        `TreeSHAP does not apply: ${tree.support.reason}; auto explains the output with a model-agnostic method`,
      );
    }
  }
  if (prepared.method !== 'tree' && settings.link === 'logit' && settings.method === 'lime') {
    throw new Error('LIME fits the output itself: the logit link does not apply to it');
  }
  return prepared;
}

async function agnosticModel(env: JobEnvironment, p: Prepared): Promise<ExplainedModel> {
  const backend = await env.backend(p.file.path);
  return backendModel(
    backend,
    { input: p.settings.input, output: p.settings.output },
    p.background.values.subarray(0, p.background.cols),
  );
}

export async function planTableJob(
  env: JobEnvironment,
  file: ModelFile,
  settings: ExplainSettings,
): Promise<ExplainPlanInfo> {
  const p = await prepare(env, file, settings);
  if (p.method === 'tree') {
    const tree = treeSupport(p.file.model, p.file.bytes, p.settings.output)!;
    const columns = tree.ensemble.columns.length;
    return {
      method: 'tree',
      reason: 'the model is a tree ensemble: exact TreeSHAP from its trees, with no model calls',
      evaluations: 0,
      explainedRows: p.rowIndices.length,
      featureNames: p.featureNames,
      outputColumns: classNamesFor(p.file, columns, settings.classNames, tree.ensemble.classLabels?.map(String)),
      output: tree.outputName,
      notes: p.notes,
    };
  }
  const model = await agnosticModel(env, p);
  const plan = planExplanation({
    method: p.method,
    groups: p.groups.count,
    backgroundRows: p.background.rows,
    explainedRows: p.rowIndices.length,
    samples: settings.samples,
    tolerance: settings.tolerance,
  });
  ensureAllFit(planSizes(plan, p.groups.count, settings.samples, p.background.rows, model.features, rowBytes(model)));
  const rate = await planRate(env, p, model);
  return {
    method: plan.method,
    reason: plan.reason,
    evaluations: plan.evaluations,
    etaSeconds: plan.evaluations / rate,
    explainedRows: p.rowIndices.length,
    featureNames: p.featureNames,
    outputColumns: classNamesFor(p.file, model.columns, settings.classNames, undefined, model.outputName),
    output: model.outputName,
    notes: [...p.notes, ...modelNotes(model)],
  };
}

/** Model rows per second where the run will evaluate them: the worker pool, else this thread. */
async function planRate(env: JobEnvironment, p: Prepared, model: ExplainedModel): Promise<number> {
  if (env.pool && p.method !== 'lime') {
    const vf = await env.pool.valueFunction({
      modelPath: p.file.path,
      input: p.settings.input,
      output: p.settings.output,
      background: p.background,
      groups: p.groups,
      link: 'identity',
    });
    try {
      await vf.rowsPerSecond(4096); // the first calls pay for warming up
      return await vf.rowsPerSecond(32768);
    } finally {
      vf.dispose();
    }
  }
  return measureRowsPerSecond(
    new BatchEvaluator(model, { cancel: env.cancel }),
    p.background.values,
    p.background.rows,
  );
}

/** Reads and checks the data (its errors name the file, row and column), then returns the explanation to run. */
export async function startTableJob(
  env: ExplainJobEnvironment,
  file: ModelFile,
  settings: ExplainSettings,
): Promise<() => Promise<ExplainOutcome>> {
  const p = await prepare(env, file, settings);
  return () => explainPrepared(env, p, settings);
}

async function explainPrepared(
  env: ExplainJobEnvironment,
  p: Prepared,
  settings: ExplainSettings,
): Promise<ExplainOutcome> {
  const started = performance.now();
  const eta = (done: number, total: number) =>
    done > 0 ? ((performance.now() - started) / 1000) * ((total - done) / done) : undefined;
  if (p.method === 'tree') {
    if (settings.link === 'logit') throw new Error('the logit link applies to model-agnostic methods, not to tree');
    const { attribution, notes } = explainTreeModel({
      model: p.file.model,
      bytes: p.file.bytes,
      featureNames: p.featureNames,
      rowIndices: p.rowIndices,
      rows: p.rows,
      background: p.background,
      output: settings.output,
      cancel: env.cancel,
      progress: (done, total) => env.progress?.(done, total, eta(done, total)),
    });
    const tree = treeSupport(p.file.model, p.file.bytes, p.settings.output)!;
    attribution.output_columns = classNamesFor(
      p.file,
      attribution.output_columns.length,
      settings.classNames,
      attribution.output_columns,
    );
    const plan: ExplainPlanInfo = {
      method: 'tree',
      reason: 'the model is a tree ensemble: exact TreeSHAP from its trees',
      evaluations: 0,
      explainedRows: p.rowIndices.length,
      featureNames: p.featureNames,
      outputColumns: attribution.output_columns,
      output: tree.outputName,
      notes: [...p.notes, ...notes],
    };
    env.onPartial?.(attribution);
    return { attribution, plan, dataRows: p.dataRows, background: p.backgroundText, otherColumns: p.otherColumns };
  }
  const model = await agnosticModel(env, p);
  const columns = classNamesFor(p.file, model.columns, settings.classNames, undefined, model.outputName);
  let lastPartial = 0;
  const { attribution, plan } = await explainRows({
    model,
    method: p.method,
    outputName: model.outputName,
    columnNames: columns,
    featureNames: p.featureNames,
    rows: p.rows,
    rowIndices: p.rowIndices,
    background: p.background,
    groups: p.groups,
    ...runSettings(settings, env),
    tolerance: settings.tolerance,
    progress: (done, total) => env.progress?.(done, total, eta(done, total)),
    rowsInFlight: env.pool?.size,
    pooledValues: pooledValuesFor(env, { modelPath: p.file.path, input: settings.input, output: settings.output }),
    onRow: (position, partial) => {
      // Finished rows go out at most every 200 ms, and always the last one.
      const now = performance.now();
      if (env.onPartial && (now - lastPartial > 200 || position === p.rowIndices.length - 1)) {
        lastPartial = now;
        env.onPartial(structuredClone(partial));
      }
    },
  });
  return {
    attribution,
    plan: {
      method: plan.method,
      reason: plan.reason,
      evaluations: plan.evaluations,
      explainedRows: p.rowIndices.length,
      featureNames: p.featureNames,
      outputColumns: columns,
      output: model.outputName,
      notes: [...p.notes, ...modelNotes(model)],
    },
    dataRows: p.dataRows,
    background: p.backgroundText,
    otherColumns: p.otherColumns,
  };
}
