/** Permutation importance and partial dependence from a user's settings (worker and CLI alike). */
import path from 'node:path';
import type {
  ImportanceSettings,
  PartialDependence,
  PdpSettings,
  PermutationImportance,
} from '../../protocol/explainTypes';
import { sampleRows, seededRandom, takeRows } from '../data/background';
import type { MatchedTable } from '../data/match';
import { DataError } from '../data/table';
import { detectInput } from '../inputs/kinds';
import { backendModel } from '../explain/backendModel';
import { BatchEvaluator } from '../explain/evaluator';
import { permutationImportance } from '../explain/global/importance';
import type { Metric } from '../explain/global/metrics';
import { featureGrid, partialDependence } from '../explain/global/partialDependence';
import { asRows, classNamesFor, loadWholeRows, readModelFor, type JobEnvironment } from '../explain/jobs/jobData';

async function open(
  env: JobEnvironment,
  modelPath: string,
  s: { data: string; label?: string; input?: string; output?: string; featureNames?: string[] },
) {
  const file = await readModelFor(env, modelPath);
  const kind = detectInput(file, { data: s.data, method: 'auto', input: s.input });
  if (kind.tableFeatures !== true) {
    throw new Error(
      `${file.fileName} reads ${kind.tableFeatures.reason}: importance and partial dependence vary a table's features, so they are not available for it`,
    );
  }
  // Whole rows (every input's columns): importance and PDP may pick any of them.
  const { data, names } = await loadWholeRows(env, file, s);
  const backend = await env.backend(modelPath);
  const model = await backendModel(backend, { input: s.input, output: s.output }, data.values.subarray(0, data.cols));
  const evaluator = new BatchEvaluator(model, {
    cancel: env.cancel,
    onRows: (done) => env.progress?.(done, Math.max(done, total)),
  });
  let total = 0;
  return {
    file,
    data,
    model,
    evaluator,
    featureNames: names ?? data.featureNames,
    setTotal: (t: number) => (total = t),
  };
}

/** Labels as class indices (classification: numbers, or names among the class names) or targets. */
export function labelValues(
  data: MatchedTable,
  column: string,
  classNames: string[] | undefined,
  file: string,
): Float64Array {
  const extra = data.extra.find((e) => e.name === column);
  if (!extra) {
    const have = data.extra.map((e) => `"${e.name}"`).join(', ') || 'none';
    throw new DataError(
      path.basename(file),
      `has no label column "${column}" besides the model's inputs (others: ${have})`,
    );
  }
  if (extra.values instanceof Float64Array) return extra.values;
  const values = extra.values;
  return Float64Array.from(values, (v, r) => {
    const k = classNames?.indexOf(v) ?? -1;
    if (k < 0) {
      throw new DataError(
        path.basename(file),
        `label "${v}" is not one of the classes (${classNames?.join(', ') ?? 'none named'})`,
        {
          row: data.rowNumbers[r],
          column: { name: column },
        },
      );
    }
    return k;
  });
}

export async function runImportanceJob(
  env: JobEnvironment,
  modelPath: string,
  s: ImportanceSettings,
): Promise<PermutationImportance> {
  const o = await open(env, modelPath, s);
  const columns = classNamesFor(o.file, o.model.columns, s.classNames, undefined, o.model.outputName);
  const metric: Metric = s.metric ?? (o.model.columns > 1 ? 'accuracy' : 'rmse');
  const labels = labelValues(o.data, s.label, columns, s.data);
  if (metric !== 'rmse') {
    const classes = Math.max(2, o.model.columns);
    const bad = labels.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= classes);
    if (bad >= 0) {
      throw new DataError(path.basename(s.data), `label ${labels[bad]} is not a class index below ${classes}`, {
        row: o.data.rowNumbers[bad],
        column: { name: s.label },
      });
    }
  }
  const repeats = s.repeats ?? 5;
  o.setTotal(o.data.rows * (1 + o.data.cols * repeats));
  const r = await permutationImportance(
    o.evaluator,
    asRows(o.data),
    labels,
    metric,
    repeats,
    seededRandom(s.seed ?? 0),
  );
  return {
    feature_names: o.featureNames,
    metric,
    baseline: r.baseline,
    mean: Array.from(r.mean),
    std: Array.from(r.std),
    repeats,
  };
}

export async function runPdpJob(env: JobEnvironment, modelPath: string, s: PdpSettings): Promise<PartialDependence> {
  const o = await open(env, modelPath, s);
  const feature = o.featureNames.indexOf(s.feature);
  if (feature < 0) {
    throw new Error(`${path.basename(s.data)}: no feature "${s.feature}" (features: ${o.featureNames.join(', ')})`);
  }
  const all = asRows(o.data);
  const maxRows = s.maxRows ?? 100;
  const rows = all.rows > maxRows ? takeRows(all, sampleRows(all.rows, maxRows, seededRandom(s.seed ?? 0))) : all;
  const grid = featureGrid(all, feature, s.points ?? 20);
  o.setTotal(rows.rows * grid.length);
  const r = await partialDependence(o.evaluator, rows, feature, grid);
  return {
    feature: s.feature,
    grid: Array.from(r.grid),
    average: r.average.map((a) => Array.from(a)),
    ice: r.ice.map((row) => row.map((c) => Array.from(c))),
    output_columns: classNamesFor(o.file, o.model.columns, s.classNames, undefined, o.model.outputName),
  };
}
