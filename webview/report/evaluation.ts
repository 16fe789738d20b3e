/** The report's Evaluation section: the panel's charts and tables, the threshold slider live, no exports. */
import { select } from 'd3';
import type { Evaluation, RulesResult } from '../../src/protocol/evaluationTypes';
import type { Area } from '../attributions/panelRender';
import { drawClassification, drawRegression, drawRules, type DrawHandlers, type LiveState } from '../evaluation/view';

export function drawEvaluationReport(root: HTMLElement, e: Evaluation, rules: RulesResult | undefined): void {
  const section = select(root).attr('id', 'section-evaluation');
  section.append('h2').text('Evaluation');
  const area = section.append('div').attr('id', 'eval-results') as unknown as Area;
  const width = Math.max(480, Math.min(960, root.clientWidth || 900));
  const live: LiveState = { threshold: e.task === 'classification' ? e.threshold : null, normalised: false };
  let redraw: (() => void) | undefined;
  const handlers: DrawHandlers = {
    thresholdInput: (t) => {
      live.threshold = t;
      live.cell = undefined;
      redraw?.();
    },
    thresholdChange: () => undefined,
    toggleNormalised: (on) => {
      live.normalised = on;
      redraw?.();
    },
    selectCell: (t, p) => {
      live.cell = { t, p };
      redraw?.();
    },
    explainCell: () => undefined,
    selectCohort: () => undefined,
  };
  if (e.task === 'classification') {
    const drawLive = drawClassification(area, e, live, width, handlers);
    redraw = () => drawLive(e);
  } else drawRegression(area, e, width, handlers);
  drawRules(area, rules, false, width, handlers);
}
