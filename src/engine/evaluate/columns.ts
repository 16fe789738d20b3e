/** A data file's columns as matched to a model: the features it reads and the others (label candidates). */
import path from 'node:path';
import type { DataColumns, EvaluateSettings } from '../../protocol/evaluationTypes';
import { columnsInFileOrder, matchLabelled, matchToModel } from '../data/match';
import { DataError, type Table } from '../data/table';
import {
  explainedInput,
  featureNamesFor,
  readDataTable,
  readModelFor,
  type JobEnvironment,
} from '../explain/jobs/jobData';
import { classFolderFiles } from '../inputs/labelled/labelledImages';
import { textColumns } from '../inputs/labelled/labelledText';
import { evaluatedInput } from './predict';

export async function dataColumns(
  env: JobEnvironment,
  modelPath: string,
  s: Pick<EvaluateSettings, 'data' | 'input' | 'featureNames' | 'image' | 'text' | 'sidecarName'>,
): Promise<DataColumns> {
  const file = await readModelFor(env, modelPath);
  const kind = evaluatedInput(file, s).kind;
  // Pictures are labelled by their class folders: no column to choose.
  if (kind === 'image')
    return { features: [], others: [], rows: (await classFolderFiles(env, s.data)).files.length, kind };
  if (kind === 'text') {
    let bytes: Uint8Array;
    try {
      bytes = await env.readFile(s.data);
    } catch {
      throw new DataError(path.basename(s.data), 'cannot be read (does it exist?)');
    }
    const t = textColumns(bytes, s.data, s.text?.column);
    return { features: t.text ? [t.text] : [], others: t.others, rows: t.rows, kind };
  }
  const input = explainedInput(file, s.input);
  const names = input.width === input.total ? featureNamesFor(file, input.width, s.featureNames) : undefined;
  const table = await readDataTable(env, s.data);
  try {
    const data = matchToModel(table, input.total, names);
    return { features: names ?? data.featureNames, others: data.extra.map((e) => e.name), rows: data.rows, kind };
  } catch (e) {
    // Too wide for a model without feature names: any column whose setting aside fits the model may be the label.
    const others = columnsInFileOrder(table).filter((c) => fitsAsLabel(table, c, input.total, names));
    if (others.length === 0) throw e;
    return { features: names ?? [], others, rows: table.rows, kind };
  }
}

function fitsAsLabel(table: Table, label: string, width: number, names: string[] | undefined): boolean {
  try {
    matchLabelled(table, label, width, names);
    return true;
  } catch {
    return false;
  }
}
