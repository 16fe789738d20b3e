// scikit-learn's reference numbers (test/fixtures/eval/refs.json) and comparisons with the engine's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { classificationMetrics } from '../../../src/engine/evaluate/evaluation';

const REFS = path.resolve(__dirname, '../../fixtures/eval/refs.json');

export interface ClassRef {
  name: string;
  task: 'classification';
  scores: string;
  threshold?: number | null;
  labels: number[];
  outputs: number[][] | number[];
  accuracy: number;
  balanced_accuracy: number;
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
  f1_macro: number;
  f1_weighted: number;
  confusion_matrix: number[][];
  roc_auc: number | null;
  average_precision: (number | null)[];
  log_loss: number;
  brier: number;
  calibration: { fraction_positive: number[]; mean_predicted: number[] }[];
}

export interface RegRef {
  name: string;
  task: 'regression';
  labels: number[];
  outputs: number[];
  mae: number;
  rmse: number;
  r2: number;
  residual_quantiles: number[];
}

export function refs(): { sklearn: string; synthetic: (ClassRef | RegRef)[]; models: (ClassRef | RegRef)[] } {
  return JSON.parse(readFileSync(REFS, 'utf8'));
}

export function close(actual: number | null, expected: number | null, what: string, tol = 1e-9): void {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(actual !== null, `${what}: null, expected ${expected}`);
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

export function closeAll(
  actual: readonly (number | null)[],
  expected: readonly (number | null)[],
  what: string,
  tol = 1e-9,
): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  expected.forEach((e, i) => close(actual[i], e, `${what}[${i}]`, tol));
}

/** Compares the engine's classification metrics with a reference case's. */
export function assertClassification(m: ReturnType<typeof classificationMetrics>, r: ClassRef, tol = 1e-9): void {
  const what = (s: string) => `${r.name} ${s}`;
  assert.equal(m.scores, r.scores, what('scores'));
  for (const key of [
    'accuracy',
    'balanced_accuracy',
    'f1_macro',
    'f1_weighted',
    'roc_auc',
    'log_loss',
    'brier',
  ] as const) {
    close(m[key], r[key], what(key), tol);
  }
  for (const key of ['precision', 'recall', 'f1', 'support', 'average_precision'] as const) {
    closeAll(m[key], r[key], what(key), tol);
  }
  assert.deepEqual(m.confusion_matrix, r.confusion_matrix, what('confusion_matrix'));
  r.calibration.forEach((c, j) => {
    closeAll(
      m.calibration[j].bins.map((b) => b.fraction_positive),
      c.fraction_positive,
      what(`calibration ${j} true`),
      tol,
    );
    closeAll(
      m.calibration[j].bins.map((b) => b.mean_predicted),
      c.mean_predicted,
      what(`calibration ${j} predicted`),
      tol,
    );
  });
}
