/**
 * What a profile needs of the model, read from its bytes and nothing more: the main graph's nodes (name,
 * op, edges; ids by position as the graph view numbers them), whether its initializers live in other
 * files, and its metadata. A fifth of the full reader's time on a small model (no attributes, tensors,
 * types or checks), which is most of what a profile of a small model spends beyond its own runs.
 */
import { decodeEntries } from '../onnx/decodeTensor';
import { readModel } from '../onnx/reader';
import { FieldNo } from '../onnx/schema';
import { Wire } from '../onnx/wire';

export interface GraphNodes {
  nodes: { name: string; op: string; inputs: string[]; outputs: string[] }[];
  /** An initializer of the main graph has data_location EXTERNAL. */
  external: boolean;
  metadata: Record<string, string>;
}

const EXTERNAL = 1;

/** The file's nodes; a file that is not a model is read by the full reader, whose errors say what is wrong. */
export function graphNodes(bytes: Uint8Array): GraphNodes {
  try {
    return decode(bytes);
  } catch (e) {
    readModel(bytes);
    throw e;
  }
}

function decode(bytes: Uint8Array): GraphNodes {
  const w = new Wire(bytes, []);
  const out: GraphNodes = { nodes: [], external: false, metadata: {} };
  let graphs = 0;
  w.fields((field, wt) => {
    if (field === FieldNo.Model.graph) {
      graphs++;
      w.message(wt, 'graph', () => decodeGraph(w, out));
    } else if (field === FieldNo.Model.metadata_props) {
      decodeEntries(w, wt, 'metadata_props', out.metadata);
    } else w.skip(wt);
  });
  if (graphs === 0) throw new Error('no graph');
  return out;
}

function decodeGraph(w: Wire, out: GraphNodes): void {
  const G = FieldNo.Graph;
  const N = FieldNo.Node;
  w.fields((field, wt) => {
    if (field === G.node) {
      const n: GraphNodes['nodes'][number] = { name: '', op: '', inputs: [], outputs: [] };
      w.message(wt, 'node', () =>
        w.fields((f, t) => {
          if (f === N.input) n.inputs.push(w.string(t, 'input'));
          else if (f === N.output) n.outputs.push(w.string(t, 'output'));
          else if (f === N.name) n.name = w.string(t, 'name');
          else if (f === N.op_type) n.op = w.string(t, 'op_type');
          else w.skip(t);
        }),
      );
      out.nodes.push(n);
    } else if (field === G.initializer) {
      w.message(wt, 'initializer', () =>
        w.fields((f, t) => {
          if (f === FieldNo.Tensor.data_location) out.external ||= w.int32(t, 'data_location') === EXTERNAL;
          else w.skip(t);
        }),
      );
    } else w.skip(wt);
  });
}
