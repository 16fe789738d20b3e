import * as vscode from 'vscode';
import { runtimeOptions, type RuntimeOptions } from '../engine/runtime/runtimeOptions';

export interface LensConfig {
  previewValues: number;
  symbolicDimSize: number;
  missingValues: 'auto' | 'reject' | 'allow';
}

export function readConfig(scope?: vscode.Uri): LensConfig {
  const c = vscode.workspace.getConfiguration('modelLens', scope);
  const clamp = (v: unknown, lo: number, hi: number, d: number) =>
    typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.round(v))) : d;
  return {
    previewValues: clamp(c.get('previewValues'), 1, 256, 8),
    symbolicDimSize: clamp(c.get('symbolicDimSize'), 1, 4096, 1),
    missingValues: (['reject', 'allow'] as const).find((m) => m === c.get('missingValues')) ?? 'auto',
  };
}

/** `modelLens.backend` and `modelLens.executionProviders`: the engine worker starts with them. */
export function readRuntimeConfig(): RuntimeOptions {
  const c = vscode.workspace.getConfiguration('modelLens');
  return runtimeOptions(c.get('backend'), c.get('executionProviders'));
}

export const RUNTIME_SETTINGS = ['modelLens.backend', 'modelLens.executionProviders'];
