/** What explanation jobs ask of a pool of evaluation workers: a value function built where the model runs. */
import type { CancelToken } from '../../protocol/cancel';
import type { OutputTarget } from '../../protocol/explainTypes';
import type { BackgroundSet, FeatureGroups, ValueFunction } from './shapley/coalitionValues';
import type { Link } from './shapley/link';

export interface PoolValueOptions {
  modelPath: string;
  input?: string;
  output?: string;
  target?: OutputTarget;
  inputDims?: number[];
  dimsOf?: Record<string, number[]>;
  background: BackgroundSet;
  groups: FeatureGroups;
  link: Link;
  cancel?: CancelToken;
  /** Model rows evaluated by the pool, as they are. */
  onRows?: (rows: number) => void;
}

export type PooledValues = ValueFunction & { rowsPerSecond(rows: number): Promise<number>; dispose(): void };

/** The engine's evaluation workers, as a job sees them (the worker side implements it). */
export interface EvaluationPool {
  /** Workers, so a job keeps that many rows in flight. */
  readonly size: number;
  valueFunction(o: PoolValueOptions): Promise<PooledValues>;
  dispose(): Promise<void>;
}
