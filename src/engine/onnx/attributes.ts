/** Typed access to a node's attributes. */
import type { Attribute, Node, TensorRef } from './types';

export function attribute(node: Node, name: string): Attribute | undefined {
  return node.attributes.find((a) => a.name === name);
}

export function attrInt(node: Node, name: string, fallback: number): number {
  const a = attribute(node, name);
  return a?.type === 'int' ? a.value : fallback;
}

export function attrFloat(node: Node, name: string, fallback: number): number {
  const a = attribute(node, name);
  return a?.type === 'float' ? a.value : fallback;
}

export function attrInts(node: Node, name: string): number[] | undefined {
  const a = attribute(node, name);
  return a?.type === 'ints' ? a.value : undefined;
}

export function attrString(node: Node, name: string, fallback: string): string {
  const a = attribute(node, name);
  return a?.type === 'string' ? a.value : fallback;
}

export function attrTensor(node: Node, name: string): TensorRef | undefined {
  const a = attribute(node, name);
  return a?.type === 'tensor' ? a.value : undefined;
}

/** Short text for an attribute value, as the graph view and CLI show it. */
export function attributeText(a: Attribute): string {
  switch (a.type) {
    case 'tensor':
      return `tensor ${a.value.dtype}[${a.value.dims.join(', ')}]`;
    case 'sparse_tensor':
      return `sparse ${a.value.values.dtype}[${a.value.dims.join(', ')}]`;
    case 'graph':
      return `graph '${a.value.name}' (${a.value.nodes.length} nodes)`;
    case 'graphs':
      return `${a.value.length} graphs`;
    case 'tensors':
    case 'sparse_tensors':
    case 'type_protos':
      return `${a.value.length} ${a.type}`;
    case 'type_proto':
      return a.value.kind;
    case 'floats':
    case 'ints':
      return `[${a.value.slice(0, 16).join(', ')}${a.value.length > 16 ? `, ... (${a.value.length})` : ''}]`;
    case 'strings':
      return `[${a.value
        .slice(0, 8)
        .map((s) => JSON.stringify(s))
        .join(', ')}${a.value.length > 8 ? `, ... (${a.value.length})` : ''}]`;
    case 'string':
      return JSON.stringify(a.value);
    case 'undefined':
      return '';
    default:
      return String(a.value);
  }
}
