/** What shape propagation knows of a tensor, and the per-graph map of them (kept apart so per-op rules need not import the propagation). */
import type { Shape } from './shapeMath';
import type { Dim, DtypeName } from './types';

export interface TensorShape {
  dtype: DtypeName | null;
  shape: Shape;
  /** Values of a small 1-D/scalar integer tensor, when known. */
  values?: Dim[];
}

export const UNKNOWN: TensorShape = { dtype: null, shape: null };

/** Shapes of one graph's tensors; names not found here are looked up in the enclosing graph. */
export class ShapeMap {
  readonly own = new Map<string, TensorShape>();
  constructor(readonly parent?: ShapeMap) {}

  get(name: string): TensorShape | undefined {
    return this.own.get(name) ?? this.parent?.get(name);
  }
}
