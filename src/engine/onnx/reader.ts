/** bytes -> ModelGraph: ModelProto decoded at wire level, then checked for dangling edges and cycles. */
import path from 'node:path';
import { decodeEntries } from './decodeTensor';
import { externalDataFiles } from './externalData';
import { decodeFunction, decodeGraph, decodeOpset } from './decodeGraph';
import { attachSmallValues } from './smallValues';
import { validateGraph } from './validate';
import { FieldNo } from './schema';
import { OnnxReadError, type Graph, type ModelGraph, type ModelInfo } from './types';
import { Wire } from './wire';

export interface ReadOptions {
  /** Path of the model file: external data is resolved next to it. */
  modelPath?: string;
}

export function readModel(bytes: Uint8Array, options: ReadOptions = {}): ModelGraph {
  if (!(bytes instanceof Uint8Array)) throw new OnnxReadError('model bytes must be a Uint8Array');
  if (bytes.length === 0) throw new OnnxReadError('the file is empty (0 bytes), not an ONNX model');
  const warnings: string[] = [];
  const w = new Wire(bytes, warnings);
  let model: ModelGraph;
  try {
    model = decodeModel(w);
  } catch (e) {
    throw asReadError(e, w);
  }
  if (options.modelPath) {
    model.modelDir = path.dirname(options.modelPath);
    warnExternalFiles(model);
  }
  validateGraph(model.graph, new Set(), warnings, 'graph');
  attachSmallValues(model.graph, bytes, warnings);
  return model;
}

/** Errors from protobufjs's Reader (truncation, bad varints) get the field path where they happened. */
function asReadError(e: unknown, w: Wire): OnnxReadError {
  if (e instanceof OnnxReadError)
    return e.message.startsWith('not ')
      ? e
      : new OnnxReadError(`not a valid ONNX model: ${e.message}`, e.path, e.offset);
  const where = w.where();
  const detail =
    e instanceof RangeError && /index out of range/.test(e.message)
      ? 'truncated or corrupt data'
      : e instanceof Error
        ? e.message
        : String(e);
  return new OnnxReadError(
    `not a valid ONNX model: ${detail}${where ? ` at ${where}` : ''} (byte ${w.r.pos} of ${w.bytes.length})`,
    where,
    w.r.pos,
  );
}

function decodeModel(w: Wire): ModelGraph {
  const F = FieldNo.Model;
  const info: ModelInfo = {
    irVersion: 0,
    producerName: '',
    producerVersion: '',
    domain: '',
    modelVersion: 0,
    docString: '',
    opsets: {},
    metadata: {},
  };
  let graph: Graph | undefined;
  const model: Omit<ModelGraph, 'graph'> = {
    info,
    functions: [],
    training: [],
    warnings: w.warnings,
    byteLength: w.bytes.length,
  };
  w.fields((field, wt) => {
    switch (field) {
      case F.ir_version:
        info.irVersion = w.int64(wt, 'ir_version');
        return;
      case F.producer_name:
        info.producerName = w.string(wt, 'producer_name');
        return;
      case F.producer_version:
        info.producerVersion = w.string(wt, 'producer_version');
        return;
      case F.domain:
        info.domain = w.string(wt, 'domain');
        return;
      case F.model_version:
        info.modelVersion = w.int64(wt, 'model_version');
        return;
      case F.doc_string:
        info.docString = w.string(wt, 'doc_string');
        return;
      case F.graph:
        graph = w.message(wt, 'graph', () => decodeGraph(w, 0));
        return;
      case F.opset_import: {
        const [domain, version] = w.message(wt, 'opset_import', () => decodeOpset(w));
        info.opsets[domain] = version;
        return;
      }
      case F.metadata_props:
        return decodeEntries(w, wt, 'metadata_props', info.metadata);
      case F.functions:
        model.functions.push(w.message(wt, `functions[${model.functions.length}]`, () => decodeFunction(w)));
        return;
      case F.training_info:
        model.training.push(w.message(wt, `training_info[${model.training.length}]`, () => decodeTraining(w)));
        return;
      default:
        w.skip(wt);
    }
  });
  if (!graph) throw new OnnxReadError('not an ONNX model: ModelProto has no graph (field 7)', 'graph', 0);
  if (info.irVersion === 0) w.warnings.push('ir_version is missing');
  return { ...model, graph };
}

function decodeTraining(w: Wire): ModelGraph['training'][number] {
  const t: ModelGraph['training'][number] = { initialization: null, algorithm: null };
  w.fields((field, wt) => {
    if (field === FieldNo.TrainingInfo.initialization)
      t.initialization = w.message(wt, 'initialization', () => decodeGraph(w, 1));
    else if (field === FieldNo.TrainingInfo.algorithm)
      t.algorithm = w.message(wt, 'algorithm', () => decodeGraph(w, 1));
    else w.skip(wt);
  });
  return t;
}

/** External data files are only opened on demand; a missing or refused one is reported up front as a warning. */
function warnExternalFiles(model: ModelGraph): void {
  for (const problem of externalDataFiles(model).problems) model.warnings.push(problem);
}
