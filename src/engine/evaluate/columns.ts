/** A data file's columns as matched to a model: the features it reads and the others (label candidates). */
import type { DataColumns } from '../../protocol/evaluationTypes';
import { explainedInput, featureNamesFor, loadData, readModelFor, type JobEnvironment } from '../explain/jobs/jobData';

export async function dataColumns(
  env: JobEnvironment,
  modelPath: string,
  s: { data: string; input?: string; featureNames?: string[] },
): Promise<DataColumns> {
  const file = await readModelFor(env, modelPath);
  const input = explainedInput(file, s.input);
  const names = input.width === input.total ? featureNamesFor(file, input.width, s.featureNames) : undefined;
  const data = await loadData(env, s.data, input.total, names);
  return { features: names ?? data.featureNames, others: data.extra.map((e) => e.name), rows: data.rows };
}
