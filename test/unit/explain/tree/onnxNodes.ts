// Test-only: read the tree ensemble nodes of a small .onnx file with protobufjs's wire reader, so the
// tree tests do not wait on the project's ONNX reader. Field numbers are onnx.proto's.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Reader } from 'protobufjs/minimal';
import type { AttributeValue, TreeAttributes } from '../../../../src/engine/explain/tree/types';

export interface TestNode {
  opType: string;
  domain: string;
  attributes: TreeAttributes;
}

export interface TestModel {
  nodes: TestNode[];
  metadata: Record<string, string>;
}

export const MODELS = path.join(__dirname, '..', '..', '..', 'fixtures', 'models');

function packedOrOne(r: Reader, wire: number, one: () => number): number[] {
  if (wire !== 2) return [one()];
  const end = r.uint32() + r.pos;
  const out: number[] = [];
  while (r.pos < end) out.push(one());
  return out;
}

function readTensor(bytes: Uint8Array): AttributeValue {
  const r = Reader.create(bytes);
  let type = 0;
  let raw: Uint8Array | undefined;
  const nums: number[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 2) type = r.int32();
    else if (field === 4) nums.push(...packedOrOne(r, wire, () => r.float()));
    else if (field === 5) nums.push(...packedOrOne(r, wire, () => r.int32()));
    else if (field === 7) nums.push(...packedOrOne(r, wire, () => Number(r.int64().toString())));
    else if (field === 9) raw = r.bytes();
    else if (field === 10) nums.push(...packedOrOne(r, wire, () => r.double()));
    else r.skipType(wire);
  }
  if (!raw) return { data: nums };
  const buf = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
  if (type === 1) return Float32Array.from(new Float32Array(buf));
  if (type === 11) return Float64Array.from(new Float64Array(buf));
  if (type === 2) return Uint8Array.from(raw);
  if (type === 6) return Int32Array.from(new Int32Array(buf));
  if (type === 7) return Float64Array.from(new BigInt64Array(buf), Number);
  throw new Error(`tensor type ${type} not handled by the test reader`);
}

function readAttribute(bytes: Uint8Array): [string, AttributeValue] {
  const r = Reader.create(bytes);
  let name = '';
  let value: AttributeValue | undefined;
  const floats: number[] = [];
  const ints: number[] = [];
  const strs: string[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1) name = r.string();
    else if (field === 2) value = r.float();
    else if (field === 3) value = Number(r.int64().toString());
    else if (field === 4) value = new TextDecoder().decode(r.bytes());
    else if (field === 5) value = readTensor(r.bytes());
    else if (field === 7) floats.push(...packedOrOne(r, wire, () => r.float()));
    else if (field === 8) ints.push(...packedOrOne(r, wire, () => Number(r.int64().toString())));
    else if (field === 9) strs.push(new TextDecoder().decode(r.bytes()));
    else r.skipType(wire);
  }
  return [name, value ?? (strs.length ? strs : floats.length ? floats : ints)];
}

function readNode(bytes: Uint8Array): TestNode {
  const r = Reader.create(bytes);
  const node: TestNode = { opType: '', domain: '', attributes: {} };
  const attrs: Record<string, AttributeValue> = {};
  while (r.pos < r.len) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 4) node.opType = r.string();
    else if (field === 7) node.domain = r.string();
    else if (field === 5) {
      const [k, v] = readAttribute(r.bytes());
      attrs[k] = v;
    } else r.skipType(tag & 7);
  }
  node.attributes = attrs;
  return node;
}

export function readTestModel(fileName: string): TestModel {
  const r = Reader.create(readFileSync(path.join(MODELS, fileName)));
  const model: TestModel = { nodes: [], metadata: {} };
  while (r.pos < r.len) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 7) {
      const g = Reader.create(r.bytes());
      while (g.pos < g.len) {
        const gt = g.uint32();
        if (gt >>> 3 === 1) model.nodes.push(readNode(g.bytes()));
        else g.skipType(gt & 7);
      }
    } else if (field === 14) {
      const e = Reader.create(r.bytes());
      let key = '';
      let value = '';
      while (e.pos < e.len) {
        const et = e.uint32();
        if (et >>> 3 === 1) key = e.string();
        else if (et >>> 3 === 2) value = e.string();
        else e.skipType(et & 7);
      }
      model.metadata[key] = value;
    } else r.skipType(tag & 7);
  }
  return model;
}
