// The project's hand-typed ONNX schema and its reader, checked against the official onnx-ml.proto (a pinned copy
// from ONNX 1.12.0 compiled by protobufjs here), not against the project's own schema.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import protobuf from 'protobufjs';
import { readModel } from '../../../src/engine/onnx/reader';
import { AttributeType, DataType, onnxRoot } from '../../../src/engine/onnx/schema';
import type { Graph } from '../../../src/engine/onnx/types';
import { thirdPartyModel } from '../../support/thirdPartyModels';

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const official = protobuf.parse(readFileSync(path.join(FIXTURES, 'onnx/onnx-ml.proto'), 'utf8'), {
  keepCase: true,
}).root;
official.resolveAll();

/**
 * Fields ONNX added after 1.12 (IR 9 and 10: function attribute defaults, overloads, value_info and metadata_props);
 * the pinned proto cannot check them, so each is named here and a field missing from this list fails.
 */
const NEWER_THAN_PINNED = new Set([
  'onnx.GraphProto.metadata_props',
  'onnx.NodeProto.overload',
  'onnx.NodeProto.metadata_props',
  'onnx.ValueInfoProto.metadata_props',
  'onnx.TensorProto.metadata_props',
  'onnx.FunctionProto.attribute_proto',
  'onnx.FunctionProto.overload',
  'onnx.FunctionProto.value_info',
  'onnx.FunctionProto.metadata_props',
]);

function types(ns: protobuf.NamespaceBase, out: protobuf.Type[] = []): protobuf.Type[] {
  for (const o of ns.nestedArray) {
    if (o instanceof protobuf.Type) out.push(o);
    if (o instanceof protobuf.Namespace) types(o, out);
  }
  return out;
}

const SCALARS = new Set(['double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'bool']);
const typeName = (f: protobuf.Field): string => (f.resolvedType ? f.resolvedType.fullName : f.type);

describe('the ONNX schema against the official onnx-ml.proto', () => {
  it('declares every field with the official number, type and label', () => {
    const mine = types(onnxRoot());
    let checked = 0;
    for (const t of mine) {
      const theirs = official.lookup(t.fullName);
      assert.ok(theirs instanceof protobuf.Type, `${t.fullName} is not a message of onnx-ml.proto`);
      for (const f of t.fieldsArray) {
        const name = `${t.fullName.slice(1)}.${f.name}`;
        const g: protobuf.Field | undefined = (theirs as protobuf.Type).fields[f.name];
        if (!g) {
          assert.ok(NEWER_THAN_PINNED.has(name), `${name} is not in onnx-ml.proto`);
          continue;
        }
        f.resolve();
        assert.equal(f.id, g.id, `${name}: field number`);
        assert.equal(f.repeated, g.repeated, `${name}: repeated or not`);
        // An enum field may be read as its wire type, int32.
        const officialType: string = g.resolvedType instanceof protobuf.Enum ? 'int32' : typeName(g);
        assert.equal(typeName(f), officialType, `${name}: type`);
        // proto2: only [packed = true] scalars are packed, and a reader must know which.
        if (f.repeated && SCALARS.has(f.type)) assert.equal(f.packed, g.packed, `${name}: packed`);
        checked++;
      }
    }
    assert.ok(mine.length >= 20 && checked >= 90, `${mine.length} messages, ${checked} fields`);
  });

  it('numbers the data types and attribute types as the official enums do', () => {
    const dataType = official.lookupEnum('onnx.TensorProto.DataType').values;
    for (const [k, v] of Object.entries(DataType)) if (k in dataType) assert.equal(v, dataType[k], `DataType.${k}`);
    assert.ok(Object.keys(DataType).filter((k) => k in dataType).length >= 17);
    const attr = official.lookupEnum('onnx.AttributeProto.AttributeType').values;
    for (const [k, v] of Object.entries(AttributeType)) if (k in attr) assert.equal(v, attr[k], `AttributeType.${k}`);
    assert.equal(Object.keys(AttributeType).filter((k) => k in attr).length, Object.keys(attr).length);
  });

  it('reads the same graph facts from every fixture model as the official schema decodes', async () => {
    const files = readdirSync(path.join(FIXTURES, 'models'))
      .filter((f) => f.endsWith('.onnx'))
      .map((f) => path.join(FIXTURES, 'models', f));
    files.push(await thirdPartyModel('silero_vad_v5'));
    const ModelProto = official.lookupType('onnx.ModelProto');
    let nodes = 0;
    for (const file of files) {
      const bytes = new Uint8Array(readFileSync(file));
      const ref = ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, defaults: true }) as OfficialModel;
      const model = readModel(bytes);
      const name = path.basename(file);
      assert.equal(model.info.irVersion, ref.ir_version, `${name}: ir_version`);
      assert.equal(model.info.producerName, ref.producer_name, `${name}: producer`);
      assert.deepEqual(
        model.info.opsets,
        Object.fromEntries(ref.opset_import.map((o) => [o.domain, o.version])),
        `${name}: opsets`,
      );
      nodes += sameGraph(model.graph, ref.graph, name);
    }
    assert.ok(nodes > 500, `${nodes} nodes compared`);
  });
});

interface OfficialGraph {
  name: string;
  node: {
    name: string;
    op_type: string;
    domain: string;
    input: string[];
    output: string[];
    attribute: { name: string; type: number; g?: OfficialGraph; graphs: OfficialGraph[] }[];
  }[];
  initializer: { name: string; dims: number[]; data_type: number }[];
  input: { name: string }[];
  output: { name: string }[];
}
interface OfficialModel {
  ir_version: number;
  producer_name: string;
  opset_import: { domain: string; version: number }[];
  graph: OfficialGraph;
}

/** Compares one graph and its subgraphs; returns how many nodes were compared. */
function sameGraph(g: Graph, ref: OfficialGraph, where: string): number {
  assert.equal(g.name, ref.name, `${where}: graph name`);
  assert.deepEqual(
    g.inputs.map((v) => v.name),
    ref.input.map((v) => v.name),
    `${where}: inputs`,
  );
  assert.deepEqual(
    g.outputs.map((v) => v.name),
    ref.output.map((v) => v.name),
    `${where}: outputs`,
  );
  assert.deepEqual(
    g.initializers.map((t) => [t.name, t.dims, t.dataType]),
    ref.initializer.map((t) => [t.name, t.dims, t.data_type]),
    `${where}: initializers`,
  );
  assert.equal(g.nodes.length, ref.node.length, `${where}: node count`);
  let count = g.nodes.length;
  g.nodes.forEach((n, i) => {
    const r = ref.node[i];
    const at = `${where} node ${i} (${r.op_type})`;
    assert.deepEqual(
      [n.name, n.op, n.domain, n.inputs, n.outputs],
      [r.name, r.op_type, r.domain, r.input, r.output],
      at,
    );
    assert.deepEqual(
      n.attributes.map((a) => a.name),
      r.attribute.map((a) => a.name),
      `${at}: attributes`,
    );
    n.attributes.forEach((a, k) => {
      const ra = r.attribute[k];
      if (a.type === 'graph' && ra.g) count += sameGraph(a.value, ra.g, `${at}.${a.name}`);
      if (a.type === 'graphs')
        a.value.forEach((sub, j) => (count += sameGraph(sub, ra.graphs[j], `${at}.${a.name}[${j}]`)));
    });
  });
  return count;
}
