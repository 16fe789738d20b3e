/** What a shape rule sees and returns, and the helpers rules share. */
import { attrInts } from './attributes';
import type { Shape } from './shapeMath';
import type { ShapeMap, TensorShape } from './shapeMap';
import type { Dim, DtypeName, Graph, Node } from './types';

export interface OpContext {
  node: Node;
  inputs: TensorShape[];
  opset: number;
  /** Infers a subgraph's shapes with this graph as its outer scope. */
  subgraph(graph: Graph): ShapeMap;
}

export type Rule = (ctx: OpContext) => (TensorShape | undefined)[];

export const t = (dtype: DtypeName | null, shape: Shape, values?: Dim[]): TensorShape =>
  values ? { dtype, shape, values } : { dtype, shape };
export const first = (ctx: OpContext): TensorShape => ctx.inputs[0] ?? { dtype: null, shape: null };

/** Ints from an attribute (older opsets) or a constant input (newer opsets). */
export function intsFrom(ctx: OpContext, attr: string, input: number): number[] | undefined {
  const a = attrInts(ctx.node, attr);
  if (a) return a;
  const v = ctx.inputs[input]?.values;
  return v && v.every((d) => typeof d === 'number') ? (v as number[]) : undefined;
}
