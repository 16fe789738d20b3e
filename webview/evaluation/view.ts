/** The Evaluation tab's results: sections of charts and tables drawn from an evaluation and its rules (d3 wiring). */
import { select } from 'd3';
import { unreliableNote } from '../../src/protocol/intervalNote';
import type { ClassificationEvaluation, RegressionEvaluation, RulesResult } from '../../src/protocol/evaluationTypes';
import type { Area } from '../attributions/panelRender';
import {
  cellRows,
  classificationHeadline,
  confusionView,
  formatMetric,
  isBinary,
  liveScores,
  perClassBars,
} from './models/classification';
import { calibrationView, predictedVsActual, prView, residualHistogram, rocView } from './models/curves';
import {
  calibrationCsv,
  cohortsCsv,
  confusionCsv,
  histogramCsv,
  perClassCsv,
  prCsv,
  rocCsv,
  rulesCsv,
  scatterCsv,
} from './models/exports';
import { cohortRows, ruleRows, treeLayout, type CohortRow } from './models/rules';
import { renderClassBars } from './render/bars';
import { renderConfusion } from './render/confusion';
import { renderLines } from './render/lines';
import { renderHistogram, renderScatter } from './render/regression';
import { evalSection, type ExportHandler } from './render/section';
import { renderCellRows, renderCohorts, renderMetrics, renderRules } from './render/tables';
import { renderTree } from './render/tree';

export interface LiveState {
  /** Binary models: the slider's threshold (null: the run's rule). */
  threshold: number | null;
  normalised: boolean;
  /** The confusion cell whose rows are listed. */
  cell?: { t: number; p: number };
}

export interface DrawHandlers {
  /** Absent in the static HTML report: no export buttons there. */
  export?: ExportHandler;
  thresholdInput(t: number): void;
  thresholdChange(t: number): void;
  toggleNormalised(on: boolean): void;
  selectCell(t: number, p: number): void;
  /** Absent in the report: rows cannot go to an Attributions tab there. */
  explainCell?(): void;
  selectCohort?(c: CohortRow): void;
}

function summary(results: Area, text: string, e: ClassificationEvaluation | RegressionEvaluation, h: DrawHandlers) {
  const bar = results.append('div').attr('class', 'attr-bar');
  bar.append('span').attr('id', 'eval-summary').attr('class', 'hint').text(text);
  const save = h.export;
  if (save)
    bar
      .append('button')
      .attr('type', 'button')
      .attr('id', 'eval-export-json')
      .text('Export JSON')
      .on('click', () => save('evaluation', 'json', { text: JSON.stringify(e, null, 2) + '\n' }));
}

/** Draws a classification's sections; returns the function that redraws the threshold-dependent ones. */
export function drawClassification(
  results: Area,
  e: ClassificationEvaluation,
  live: LiveState,
  width: number,
  h: DrawHandlers,
): (e: ClassificationEvaluation) => void {
  summary(
    results,
    `${e.model} on ${e.data}: ${e.rows} rows, ${e.classes.length} classes (${e.classes.join(', ')}), output ${e.output} read as ${e.scores}; intervals from ${e.resamples} bootstrap resamples (seed ${e.seed}).`,
    e,
    h,
  );
  const binary = isBinary(e);
  if (binary) {
    const row = results.append('div').attr('class', 'attr-bar eval-threshold');
    const label = row.append('label').attr('class', 'attr-inline');
    label.append('span').text(`Threshold: ${e.classes[1]} when its probability is at least`);
    const value = row.append('output').attr('id', 'eval-threshold-value');
    const show = (t: number) => value.text(t.toFixed(2));
    const t0 = live.threshold ?? 0.5;
    label
      .append('input')
      .attr('type', 'range')
      .attr('id', 'eval-threshold')
      .attr('min', 0)
      .attr('max', 1)
      .attr('step', 0.01)
      .property('value', String(t0))
      .on('input', function () {
        const t = Number((this as HTMLInputElement).value);
        show(t);
        h.thresholdInput(t);
      })
      .on('change', function () {
        h.thresholdChange(Number((this as HTMLInputElement).value));
      });
    show(t0);
    row
      .append('span')
      .attr('class', 'hint')
      .text(e.threshold === null ? '(the run used the larger probability)' : `(the run used ${e.threshold})`);
  }
  const metricsEl = results.append('div').attr('id', 'eval-metrics-area').node() as HTMLElement;
  const grid = results.append('div').attr('class', 'eval-grid') as unknown as Area;
  const confusionEl = evalSection(
    grid,
    'confusion',
    'Confusion matrix',
    {
      csv: () => confusionCsv(confusionView(liveScores(e, live.threshold).matrix, e.classes, live.normalised)),
      json: () => confusionView(liveScores(e, live.threshold).matrix, e.classes, live.normalised),
    },
    h.export,
    'Click a cell to list its rows.',
  );
  const head = select(confusionEl.parentElement as HTMLElement).select('.attr-chart-head');
  const toggle = head.insert('label', 'button').attr('class', 'attr-inline');
  toggle
    .append('input')
    .attr('type', 'checkbox')
    .attr('id', 'eval-normalise')
    .property('checked', live.normalised)
    .on('change', function () {
      h.toggleNormalised((this as HTMLInputElement).checked);
    });
  toggle.append('span').text('Row-normalised');
  const cellEl = select(confusionEl.parentElement as HTMLElement)
    .append('div')
    .attr('id', 'eval-cell-rows')
    .attr('class', 'attr-bar')
    .node() as HTMLElement;
  const barsEl = evalSection(
    grid,
    'per-class',
    'Per class',
    {
      csv: () => perClassCsv(perClassBars(e.classes, liveScores(e, live.threshold))),
      json: () => perClassBars(e.classes, liveScores(e, live.threshold)),
    },
    h.export,
  );
  const half = Math.max(360, Math.min(width, Math.floor((width - 24) / 2)));
  const drawLive = (ev: ClassificationEvaluation) => {
    const scores = liveScores(ev, live.threshold);
    const headline = classificationHeadline(ev, scores);
    renderMetrics(
      metricsEl,
      headline,
      scores.asRun
        ? unreliableNote(headline)
        : `At threshold ${scores.threshold?.toFixed(2)}: accuracy, balanced accuracy, F1, the matrix and the per-class scores are recomputed here; Evaluate again for their intervals.`,
    );
    const k = ev.classes.length;
    const side = Math.min(half, 80 + 70 * k);
    renderConfusion(confusionEl, confusionView(scores.matrix, ev.classes, live.normalised), {
      width: side,
      height: side,
      onSelectCell: (c) => h.selectCell(c.trueIndex, c.predictedIndex),
    });
    renderClassBars(barsEl, perClassBars(ev.classes, scores), { width: half, height: 70 + 54 * k });
    if (live.cell) {
      const { t, p } = live.cell;
      renderCellRows(
        cellEl,
        `True ${ev.classes[t]}, predicted ${ev.classes[p]}: rows`,
        cellRows(ev.labels, scores.predicted, t, p),
        h.explainCell?.bind(h),
      );
    } else select(cellEl).selectAll('*').remove();
  };
  drawLive(e);
  const size = { width: half, height: half + 16 * e.curves.length };
  const curves = results.append('div').attr('class', 'eval-grid') as unknown as Area;
  const roc = rocView(e);
  renderLines(evalSection(curves, 'roc', 'ROC', { csv: () => rocCsv(e), json: () => roc }, h.export), roc, size);
  const pr = prView(e);
  renderLines(
    evalSection(curves, 'pr', 'Precision-recall', { csv: () => prCsv(e), json: () => pr }, h.export),
    pr,
    size,
  );
  const cal = calibrationView(e);
  renderLines(
    evalSection(
      curves,
      'calibration',
      'Calibration',
      { csv: () => calibrationCsv(e), json: () => e.calibration },
      h.export,
    ),
    cal,
    size,
  );
  drawCohorts(results, e.errors, false, h);
  return drawLive;
}

export function drawRegression(results: Area, e: RegressionEvaluation, width: number, h: DrawHandlers): void {
  summary(
    results,
    `${e.model} on ${e.data}: ${e.rows} rows, output ${e.output}; intervals from ${e.resamples} bootstrap resamples (seed ${e.seed}).`,
    e,
    h,
  );
  const headline = [
    { key: 'mae', label: 'Mean absolute error', value: e.mae, ci: e.ci.mae, lowerIsBetter: true },
    { key: 'rmse', label: 'Root mean squared error', value: e.rmse, ci: e.ci.rmse, lowerIsBetter: true },
    { key: 'r2', label: 'R²', value: e.r2, ci: e.ci.r2 },
  ];
  renderMetrics(results.append('div').node() as HTMLElement, headline, unreliableNote(headline));
  const half = Math.max(360, Math.min(width, Math.floor((width - 24) / 2)));
  const grid = results.append('div').attr('class', 'eval-grid') as unknown as Area;
  const scatter = predictedVsActual(e);
  renderScatter(
    evalSection(
      grid,
      'scatter',
      'Predicted vs actual',
      { csv: () => scatterCsv(scatter), json: () => scatter },
      h.export,
    ),
    scatter,
    { width: half, height: half },
  );
  const hist = residualHistogram(e);
  renderHistogram(
    evalSection(grid, 'residuals', 'Residuals', { csv: () => histogramCsv(hist), json: () => hist }, h.export),
    hist,
    { width: half, height: Math.round(half * 0.75) },
  );
  drawCohorts(results, e.errors, true, h);
}

function drawCohorts(results: Area, errors: ClassificationEvaluation['errors'], regression: boolean, h: DrawHandlers) {
  if (errors.unavailable !== undefined) {
    // Images and texts: no features for the error tree or the surrogate; the tab says so where they would be.
    results
      .append('p')
      .attr('class', 'hint')
      .attr('id', 'eval-no-rules')
      .text(`Error cohorts and rules are not available: ${errors.unavailable.replace(/^[^:]*: /, '')}.`);
    return;
  }
  const cohorts = cohortRows(errors);
  const overall = regression ? formatMetric(errors.overall_error) : `${(100 * errors.overall_error).toFixed(1)}%`;
  renderCohorts(
    evalSection(
      results,
      'cohorts',
      'Error cohorts',
      { csv: () => cohortsCsv(cohorts), json: () => errors, picture: false },
      h.export,
      `Where the model fails most: leaves of a shallow tree fitted to its ${regression ? 'absolute residuals' : 'errors'} (overall ${overall}).${h.selectCohort ? ' Click a cohort to explain its rows in the Attributions tab.' : ''}`,
    ),
    cohorts,
    regression,
    h.selectCohort?.bind(h),
  );
}

export function drawRules(results: Area, r: RulesResult | undefined, running: boolean, width: number, h: DrawHandlers) {
  if (!r) {
    if (running) results.append('p').attr('class', 'hint').attr('id', 'eval-rules-pending').text('Extracting rules...');
    return;
  }
  const fidelity =
    r.task === 'classification'
      ? `agrees with the model on ${(100 * r.fidelity).toFixed(1)}% of ${r.holdout_rows} held-out rows`
      : `R² ${formatMetric(r.fidelity)} against the model's outputs on ${r.holdout_rows} held-out rows`;
  const rulesEl = evalSection(
    results,
    'rules',
    'Rules',
    { csv: () => rulesCsv(r), json: () => r, picture: false },
    h.export,
    `A depth-${r.depth} decision tree fitted to the model's own predictions on ${r.train_rows} rows; it ${fidelity}.`,
  );
  select(rulesEl.parentElement as HTMLElement).attr('data-fidelity', r.fidelity);
  renderRules(rulesEl, ruleRows(r));
  const layout = treeLayout(r.tree, r.classes);
  renderTree(
    evalSection(results, 'tree', 'Surrogate tree', { json: () => r.tree }, h.export),
    layout,
    { width, height: 44 + 64 * layout.levels },
    `Surrogate tree (depth ${r.depth}, fidelity ${formatMetric(r.fidelity)})`,
  );
}
