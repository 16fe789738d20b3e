/**
 * Which onnxruntime the engine uses and on which execution providers: the `modelLens.backend` and
 * `modelLens.executionProviders` settings, the CLI's `--backend`, and how the outcome reads as one line.
 */
import type { ExplainPlanInfo } from '../../protocol/explainTypes';
import { describeRuntime } from '../../protocol/runtimeLine';
import type { RuntimeInfo } from './backend';

export type BackendChoice = 'auto' | 'native' | 'wasm';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'native', 'wasm'];

export interface RuntimeOptions {
  backend: BackendChoice;
  /** Tried in order; 'cpu' always ends the list. */
  executionProviders: string[];
}

export const DEFAULT_RUNTIME: RuntimeOptions = { backend: 'auto', executionProviders: ['cpu'] };

/** Settings as a user wrote them (any JSON) made safe: unknown backends become 'auto', names lower-cased. */
export function runtimeOptions(backend: unknown, providers: unknown): RuntimeOptions {
  const b = BACKEND_CHOICES.find((c) => c === backend) ?? 'auto';
  const list = Array.isArray(providers)
    ? providers.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim().toLowerCase())
    : [];
  return { backend: b, executionProviders: providerOrder(list) };
}

/** Providers without repeats, ending with 'cpu' (onnxruntime's fallback for every operator). */
export function providerOrder(list: readonly string[]): string[] {
  const out = [...new Set(list.filter((p) => p !== 'cpu'))];
  out.push('cpu');
  return out;
}

/** The runtime options a worker thread was started with (its workerData), or the defaults. */
export function runtimeFromWorkerData(data: unknown): RuntimeOptions {
  const r = (data as { runtime?: Partial<RuntimeOptions> } | undefined)?.runtime;
  return r ? runtimeOptions(r.backend, r.executionProviders) : DEFAULT_RUNTIME;
}

/** A plan that says where its model runs (its notes carry the line the estimate was timed on). */
export function withRuntime(plan: ExplainPlanInfo, runtime: RuntimeInfo | undefined): ExplainPlanInfo {
  if (!runtime) return plan;
  return { ...plan, runtime, notes: [...plan.notes, `The model runs on ${describeRuntime(runtime)}.`] };
}
