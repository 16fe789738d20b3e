/** Pure view models of the evaluation's line charts (ROC, PR, calibration) and the regression charts. */
import type { ClassificationEvaluation, RegressionEvaluation } from '../../../src/protocol/evaluationTypes';
import { formatMetric } from './classification';

export interface LinePoint {
  x: number;
  y: number;
}

export interface LineSeries {
  /** The class the series belongs to, and its legend text (with its area). */
  name: string;
  label: string;
  colour: number;
  points: LinePoint[];
}

export interface LineChartView {
  kind: 'roc' | 'pr' | 'calibration';
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  /** A reference line: chance (ROC), perfect calibration. */
  reference?: LinePoint[];
  /** PR curves are drawn as steps (average precision is their area, sklearn). */
  step: boolean;
}

/** The class index of a curve by its name (binary curves are of the positive class). */
const classIndex = (e: ClassificationEvaluation, name: string) => Math.max(0, e.classes.indexOf(name));

/** One class's curve, coloured by its class, its legend saying what it scores (the area, the bins). */
function classSeries(e: ClassificationEvaluation, name: string, note: string, points: LinePoint[]): LineSeries {
  return { name, label: `${name} (${note})`, colour: classIndex(e, name), points };
}

/** The y = x line: chance for ROC, perfect calibration. */
const diagonal = (): LinePoint[] => [
  { x: 0, y: 0 },
  { x: 1, y: 1 },
];

export function rocView(e: ClassificationEvaluation): LineChartView {
  return {
    kind: 'roc',
    title: 'ROC curve',
    xLabel: 'false positive rate',
    yLabel: 'true positive rate',
    step: false,
    reference: diagonal(),
    series: e.curves.map((c) =>
      classSeries(
        e,
        c.class,
        `AUC ${formatMetric(c.roc.auc)}`,
        c.roc.fpr.map((x, i) => ({ x, y: c.roc.tpr[i] })),
      ),
    ),
  };
}

export function prView(e: ClassificationEvaluation): LineChartView {
  return {
    kind: 'pr',
    title: 'Precision-recall curve',
    xLabel: 'recall',
    yLabel: 'precision',
    step: true,
    series: e.curves.map((c) =>
      classSeries(
        e,
        c.class,
        `AP ${formatMetric(c.pr.average_precision)}`,
        c.pr.recall.map((x, i) => ({ x, y: c.pr.precision[i] })),
      ),
    ),
  };
}

/** Reliability diagram: mean predicted probability against the observed share of the class, per bin with rows. */
export function calibrationView(e: ClassificationEvaluation): LineChartView {
  return {
    kind: 'calibration',
    title: 'Calibration',
    xLabel: 'mean predicted probability',
    yLabel: 'observed share of the class',
    step: false,
    reference: diagonal(),
    series: e.calibration.map((c) => {
      const bins = c.bins.filter((b) => b.count > 0);
      const points = bins.map((b) => ({ x: b.mean_predicted, y: b.fraction_positive }));
      return classSeries(e, c.class, `${bins.length} bins`, points);
    }),
  };
}

export interface ScatterView {
  points: { row: number; actual: number; predicted: number }[];
  /** One domain for both axes, so the diagonal is y = x. */
  domain: [number, number];
}

export function predictedVsActual(e: RegressionEvaluation): ScatterView {
  const points = e.labels.map((actual, row) => ({ row, actual, predicted: e.predicted[row] }));
  const all = [...e.labels, ...e.predicted].filter(Number.isFinite);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  return { points, domain: lo === hi ? [lo - 1, hi + 1] : [lo, hi] };
}

export interface HistogramView {
  bins: { lower: number; upper: number; count: number }[];
  maxCount: number;
}

/** Residuals (actual - predicted) in ceil(log2 n) + 1 equal bins (Sturges 1926), the last bin closed. */
export function residualHistogram(e: RegressionEvaluation): HistogramView {
  const r = e.labels.map((y, i) => y - e.predicted[i]).filter(Number.isFinite);
  if (r.length === 0) return { bins: [], maxCount: 0 };
  const lo = Math.min(...r);
  const hi = Math.max(...r);
  const k = lo === hi ? 1 : Math.ceil(Math.log2(r.length)) + 1;
  const width = lo === hi ? 1 : (hi - lo) / k;
  const bins = Array.from({ length: k }, (_, i) => ({ lower: lo + i * width, upper: lo + (i + 1) * width, count: 0 }));
  for (const v of r) bins[Math.min(k - 1, Math.floor((v - lo) / width))].count++;
  if (lo === hi) bins[0] = { lower: lo - 0.5, upper: lo + 0.5, count: r.length };
  return { bins, maxCount: Math.max(...bins.map((b) => b.count)) };
}
