/** What explanation jobs ask of a pool of evaluation workers: a value function built where the model runs. */
import type { CancelToken } from '../../protocol/cancel';
import type { PoolModelOptions } from '../../protocol/messages';
import type {
  BackgroundSet,
  FeatureGroups,
  PooledValues as OpenPooledValues,
  ValueFunction,
} from './shapley/coalitionValues';
import type { Link } from './shapley/link';

export interface PoolValueOptions extends PoolModelOptions {
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

/** How a job opens its value functions on the pool for this model, or undefined when it has no pool. */
export function pooledValuesFor(
  env: { pool?: EvaluationPool; cancel?: CancelToken },
  model: PoolModelOptions,
): OpenPooledValues | undefined {
  const pool = env.pool;
  if (!pool) return undefined;
  return (background, groups, link, onRows) =>
    pool.valueFunction({ ...model, background, groups, link, cancel: env.cancel, onRows });
}
